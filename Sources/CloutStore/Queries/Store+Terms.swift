import CSQLite
import GRDB

/// How one term of the full-text index is used in a window (`clout topics`).
public struct TermUse: Sendable, Equatable {
  /// As indexed: case-folded, diacritics removed; a hashtag keeps its `#`.
  public let term: String
  /// Posts holding the term.
  public let posts: Int
  /// Distinct authors of those posts (a deleted author counts as none).
  public let authors: Int
  /// Distinct reply trees those posts belong to.
  public let conversations: Int
  /// Occurrences (a post repeating the term counts each time).
  public let occurrences: Int

  public init(term: String, posts: Int, authors: Int, conversations: Int, occurrences: Int) {
    self.term = term
    self.posts = posts
    self.authors = authors
    self.conversations = conversations
    self.occurrences = occurrences
  }
}

extension Store {
  /// Every indexed term of the posts in the filter's window (time and platform), with its
  /// posts, authors and conversations, ordered by term. Reads every occurrence through the
  /// index's vocabulary (`post_terms`), so it costs in proportion to the text in the store.
  public func termUses(_ filter: EngagementFilter) throws -> [TermUse] {
    do {
      return try pool.read { db in
        guard let connection = db.sqliteConnection else {
          throw StoreError.database(path: path, message: "the store connection is closed")
        }
        var roots = try ConversationRoots(connection: connection)
        // CROSS JOIN keeps the vocabulary outside: it can only be read in term order.
        let statement = try SQLiteStatement(
          connection,
          """
          SELECT v.term, v.doc, p.author_id FROM post_terms AS v CROSS JOIN posts AS p
            ON p.id = v.doc
          WHERE p.created_at BETWEEN ?1 AND ?2
            AND (?3 IS NULL OR p.platform = (SELECT id FROM platforms WHERE name = ?3))
          """)
        statement.bind(1, filter.since ?? Int64.min)
        statement.bind(2, filter.until ?? Int64.max)
        statement.bind(3, filter.platform)
        var tally: [String: TermTally] = [:]
        while try statement.step() {
          let term = statement.string(0) ?? ""
          let doc = statement.int64(1)
          let author: Int64? = statement.isNull(2) ? nil : statement.int64(2)
          tally[term, default: TermTally()].add(doc: doc, author: author, root: roots.root(of: doc))
        }
        return tally.keys.sorted().map { term in
          let counts = tally[term]!
          return TermUse(
            term: term, posts: counts.posts, authors: counts.authors.count,
            conversations: counts.roots.count, occurrences: counts.occurrences)
        }
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }
}

private struct TermTally {
  var posts = 0
  var occurrences = 0
  var lastDoc: Int64 = .min
  var authors: Set<Int64> = []
  var roots: Set<Int64> = []

  mutating func add(doc: Int64, author: Int64?, root: Int64) {
    occurrences += 1
    guard doc != lastDoc else { return }
    lastDoc = doc
    posts += 1
    if let author { authors.insert(author) }
    roots.insert(root)
  }
}

/// The root of each post's reply tree, as the ranking's reply forest finds it: the topmost
/// stored ancestor, or, for replies to a parent never stored, one root per missing parent
/// (a negative number). A parent cycle ends where the walk meets a post already on it.
private struct ConversationRoots {
  private var parent: [Int64: Int64] = [:]
  private var missingParent: [Int64: Int64] = [:]
  private var memo: [Int64: Int64] = [:]

  init(connection: OpaquePointer) throws(SQLiteFailure) {
    // Reads only the partial index `posts_reply_to_post` (it covers both columns).
    let replies = try SQLiteStatement(
      connection, "SELECT id, reply_to_post FROM posts WHERE reply_to_post IS NOT NULL")
    while try replies.step() { parent[replies.int64(0)] = replies.int64(1) }
    let pending = try SQLiteStatement(
      connection, "SELECT post_id, platform, parent_key FROM pending_parents ORDER BY post_id")
    var keys: [String: Int64] = [:]
    while try pending.step() {
      let key = String(pending.int64(1)) + "\u{1F}" + (pending.string(2) ?? "")
      let id = keys[key] ?? -Int64(keys.count + 1)
      keys[key] = id
      missingParent[pending.int64(0)] = id
    }
  }

  mutating func root(of post: Int64) -> Int64 {
    if let known = memo[post] { return known }
    var path: [Int64] = [post]
    var seen: Set<Int64> = [post]
    var current = post
    var root: Int64
    while true {
      if let known = memo[current] {
        root = known
        break
      }
      guard let next = parent[current] else {
        root = missingParent[current] ?? current
        break
      }
      if !seen.insert(next).inserted {
        // The cycle's smallest row id, whichever post the walk entered it from.
        root = path[path.firstIndex(of: next)!...].min()!
        break
      }
      path.append(next)
      current = next
    }
    for step in path { memo[step] = root }
    return root
  }
}
