import GRDB
import CloutCore
import Testing

@testable import CloutStore

/// `clout topics`' counts (`termCounts`, `termUses`) against the way they were counted
/// before they were made fast: every occurrence joined with its post, a set of authors and of
/// reply-tree roots per term (kept here as the reference).
@Suite struct TermCountTests {
  @Test func countsAndUsesMatchTheReferenceOnRandomConversations() throws {
    let windows = [
      EngagementFilter(), EngagementFilter(since: 1_400), EngagementFilter(until: 1_900),
      EngagementFilter(platform: "reddit"), EngagementFilter(since: 5_000_000),
    ]
    for seed in 1...4 {
      let directory = try TempDirectory()
      let store = try openStore(directory)
      try store.ingest(randomConversations(seed: UInt64(seed)), batchSize: 40)
      for window in windows {
        let reference = try referenceTermUses(store, window)
        #expect(
          try store.termCounts(window)
            == reference.map {
              TermCount(term: $0.term, posts: $0.posts, occurrences: $0.occurrences)
            }, "\(seed) \(window)")
        #expect(try store.termUses(window) == reference, "\(seed) \(window)")
        let some = ["sun", "#grid", "solar", "absent"]
        let expected = some.map { term in
          reference.first { $0.term == term }
            ?? TermUse(term: term, posts: 0, authors: 0, conversations: 0, occurrences: 0)
        }
        #expect(try store.termUses(some, window) == expected, "\(seed) \(window)")
      }
    }
  }

  /// The previous implementation of `Store.termUses`, unchanged in what it counts.
  func referenceTermUses(_ store: Store, _ filter: EngagementFilter) throws -> [TermUse] {
    try store.pool.read { db in
      let connection = db.sqliteConnection!
      var parent: [Int64: Int64] = [:]
      let replies = try SQLiteStatement(
        connection, "SELECT id, reply_to_post FROM posts WHERE reply_to_post IS NOT NULL")
      while try replies.step() { parent[replies.int64(0)] = replies.int64(1) }
      var missingParent: [Int64: Int64] = [:]
      var keys: [String: Int64] = [:]
      let pending = try SQLiteStatement(
        connection, "SELECT post_id, platform, parent_key FROM pending_parents ORDER BY post_id")
      while try pending.step() {
        let key = String(pending.int64(1)) + "\u{1F}" + (pending.string(2) ?? "")
        let id = keys[key] ?? -Int64(keys.count + 1)
        keys[key] = id
        missingParent[pending.int64(0)] = id
      }
      func root(_ post: Int64) -> Int64 {
        var path: [Int64] = [post]
        var seen: Set<Int64> = [post]
        var current = post
        while let next = parent[current] {
          if !seen.insert(next).inserted { return path[path.firstIndex(of: next)!...].min()! }
          path.append(next)
          current = next
        }
        return missingParent[current] ?? current
      }
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
      struct Tally {
        var posts = 0
        var occurrences = 0
        var lastDoc: Int64 = .min
        var authors: Set<Int64> = []
        var roots: Set<Int64> = []
      }
      var tally: [String: Tally] = [:]
      while try statement.step() {
        let term = statement.string(0) ?? ""
        let doc = statement.int64(1)
        var counts = tally[term, default: Tally()]
        counts.occurrences += 1
        if doc != counts.lastDoc {
          counts.lastDoc = doc
          counts.posts += 1
          if !statement.isNull(2) { counts.authors.insert(statement.int64(2)) }
          counts.roots.insert(root(doc))
        }
        tally[term] = counts
      }
      return tally.keys.sorted().map { term in
        let counts = tally[term]!
        return TermUse(
          term: term, posts: counts.posts, authors: counts.authors.count,
          conversations: counts.roots.count, occurrences: counts.occurrences)
      }
    }
  }
}
