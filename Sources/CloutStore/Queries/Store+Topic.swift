import CloutCore
import GRDB

/// The posts a topic selects: its conversations.
public struct TopicSelection: Sendable, Equatable {
  public let query: TopicQuery
  /// Posts whose text matches the query.
  public let matchedPosts: Int
  /// Every post of each reply tree holding a matching post, and matching posts in none.
  public let posts: PostSelection
}

/// A topic's conversations and the data of exactly those posts.
public struct TopicData: Sendable {
  public let selection: TopicSelection
  public let data: EngagementData
}

extension Store {
  /// `select(topic:)` and then `loadEngagementData` of its selection within `filter`, in one
  /// call so that a topic of the whole store (no window, no platform) can be cut out of the
  /// snapshot beside the store (`TopicSlice`) when there is one for the current state: the
  /// same data without walking the reply trees and fetching the interactions through SQL.
  // `clout rank --topic` figures, with and without the snapshot, are in README.md ("Topics:
  // the index's cost and `rank --topic`").
  public func loadEngagementData(
    topic: TopicQuery, _ filter: EngagementFilter, warning: ((String) -> Void)? = nil,
    snapshotMinimumRows: Int? = EngagementSnapshotPolicy.defaultMinimumRows
  ) throws -> TopicData {
    if snapshotMinimumRows != nil, filter == EngagementFilter(),
      let cut = try topicFromSnapshot(topic)
    {
      return cut
    }
    let selection = try select(topic: topic)
    let data = try loadEngagementData(
      filter.restricted(to: selection.posts), warning: warning,
      snapshotMinimumRows: snapshotMinimumRows)
    return TopicData(selection: selection, data: data)
  }

  /// The topic cut out of the snapshot, or nil when there is no usable one: missing or
  /// stale, or holding rows the scan repaired (their warning counts rows of the whole store).
  func topicFromSnapshot(_ topic: TopicQuery) throws -> TopicData? {
    do {
      return try pool.read { db -> TopicData? in
        guard let connection = db.sqliteConnection else {
          throw StoreError.database(path: path, message: "the store connection is closed")
        }
        let scanner = EngagementScanner(connection: connection, filter: EngagementFilter())
        let key = try EngagementSnapshot.key(
          connection: connection, fingerprint: try scanner.fingerprint())
        guard
          let contents = EngagementSnapshot.read(
            path: EngagementSnapshot.path(forStore: path), key: key),
          contents.repairs.isEmpty
        else { return nil }
        let matching = try Self.matchingRowIDs(connection, topic)
        guard
          let (rowIDs, data) = TopicSlice.cut(
            contents.data, sources: contents.sources, matching: matching)
        else { return nil }
        return TopicData(
          selection: TopicSelection(
            query: topic, matchedPosts: matching.count, posts: PostSelection(ascending: rowIDs)),
          data: data)
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }

  /// The conversations of `topic`: each matching post, every post of the reply tree it is in
  /// (walking up to the tree's root, then down to every reply), and the replies that share a
  /// missing parent with any of those (the parent was never stored, so they are one tree
  /// whose root is the placeholder the scan makes for it). A cycle of replies (a damaged or
  /// hostile store) is one tree: each post is visited once.
  ///
  /// Time and platform are not applied here: the scan applies them to the selection, as to
  /// the whole store.
  public func select(topic: TopicQuery) throws -> TopicSelection {
    try select(topic: topic, inMemory: true)
  }

  /// Reads reply links on another connection of the pool, provided it sees the same store
  /// state as `connection` (`EngagementScanner.fingerprint`), for `ReplyLinks`.
  func replyLinkReader(sameStateAs connection: OpaquePointer) throws -> ReplyLinks.Reader {
    let state = try EngagementScanner(connection: connection, filter: EngagementFilter())
      .fingerprint()
    return { [pool] parents, tables in
      Self.readOnSecondConnection(pool, seeing: state) { connection in
        try ReplyLinks.scan(connection, parents: parents, into: tables)
      }
    }
  }

  /// Row ids of the posts whose text matches `topic`, ascending.
  static func matchingRowIDs(_ connection: OpaquePointer, _ topic: TopicQuery)
    throws(SQLiteFailure) -> [Int64]
  {
    let statement = try SQLiteStatement(
      connection, "SELECT rowid FROM post_text WHERE post_text MATCH ?1 ORDER BY rowid")
    defer { statement.reset() }
    statement.bind(1, topic.expression)
    var matching: [Int64] = []
    while try statement.step() { matching.append(statement.int64(0)) }
    return matching
  }

  /// `select(topic:)` walking the trees in memory (`TopicConversations`) when the store's row
  /// ids allow it and `inMemory`, else in SQL: the same rule both ways (`TopicTests` compares).
  func select(topic: TopicQuery, inMemory: Bool) throws -> TopicSelection {
    do {
      return try pool.read { db in
        guard let connection = db.sqliteConnection else {
          throw StoreError.database(path: path, message: "the store connection is closed")
        }
        let matching = try Self.matchingRowIDs(connection, topic)
        if inMemory,
          let rows = try TopicConversations(
            connection: connection, secondReader: try replyLinkReader(sameStateAs: connection)
          ).select(matching: matching)
        {
          return TopicSelection(
            query: topic, matchedPosts: matching.count, posts: PostSelection(ascending: rows))
        }
        let rows = try Int64.fetchAll(
          db,
          sql: """
            WITH RECURSIVE
              up(id) AS (
                SELECT rowid FROM post_text WHERE post_text MATCH ?1
                UNION
                SELECT p.reply_to_post FROM posts AS p JOIN up ON p.id = up.id
                WHERE p.reply_to_post IS NOT NULL),
              down(id) AS (
                SELECT id FROM up
                UNION
                SELECT sibling.post_id
                FROM pending_parents AS top JOIN pending_parents AS sibling
                  ON sibling.platform = top.platform AND sibling.parent_key = top.parent_key
                WHERE top.post_id IN (SELECT id FROM up)
                UNION
                SELECT reply.id FROM posts AS reply JOIN down ON reply.reply_to_post = down.id)
            SELECT id FROM down ORDER BY id
            """, arguments: [topic.expression])
        return TopicSelection(
          query: topic, matchedPosts: matching.count, posts: PostSelection(rowIDs: rows))
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }
}
