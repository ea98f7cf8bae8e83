import GRDB

/// The posts a topic selects: its conversations.
public struct TopicSelection: Sendable, Equatable {
  public let query: TopicQuery
  /// Posts whose text matches the query.
  public let matchedPosts: Int
  /// Every post of each reply tree holding a matching post, and matching posts in none.
  public let posts: PostSelection
}

extension Store {
  /// The conversations of `topic`: each matching post, every post of the reply tree it is in
  /// (walking up to the tree's root, then down to every reply), and the replies that share a
  /// missing parent with any of those (the parent was never stored, so they are one tree
  /// whose root is the placeholder the scan makes for it). A cycle of replies (a damaged or
  /// hostile store) is one tree: `UNION` visits each post once.
  ///
  /// Time and platform are not applied here: the scan applies them to the selection, as to
  /// the whole store.
  public func select(topic: TopicQuery) throws -> TopicSelection {
    do {
      return try pool.read { db in
        let matched =
          try Int.fetchOne(
            db, sql: "SELECT count(*) FROM post_text WHERE post_text MATCH ?1",
            arguments: [topic.expression]) ?? 0
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
          query: topic, matchedPosts: matched, posts: PostSelection(rowIDs: rows))
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }
}
