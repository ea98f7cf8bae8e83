import CSQLite
import GRDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How often one term of the full-text index is used in a window (`clout topics`).
public struct TermCount: Sendable, Equatable {
  /// As indexed: case-folded, diacritics removed; a hashtag keeps its `#`.
  public let term: String
  /// Posts holding the term.
  public let posts: Int
  /// Occurrences (a post repeating the term counts each time).
  public let occurrences: Int

  public init(term: String, posts: Int, occurrences: Int) {
    self.term = term
    self.posts = posts
    self.occurrences = occurrences
  }
}

/// How one term of the full-text index is used in a window, with who used it and where.
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
  /// Every indexed term of the posts in the filter's window (time and platform) with its
  /// posts and occurrences, ordered by term (`String`'s order), terms FTS5 holds apart but
  /// Swift holds equal merged.
  ///
  /// The whole store is counted by FTS5 itself (an `fts5vocab` table of type `row`: each
  /// term's documents and occurrences, summed in C over the index's doclists); a window by
  /// one pass over every occurrence (`post_terms`) against the window's posts.
  public func termCounts(_ filter: EngagementFilter) throws -> [TermCount] {
    do {
      return try pool.read { db in
        let connection = try Self.connection(db, path: path)
        if filter == EngagementFilter(), let counts = try TermIndex.wholeStoreCounts(connection) {
          return TermIndex.merged(counts)
        }
        let posts = try PostTable(connection: connection, filter: filter, withTrees: false)
        return TermIndex.merged(try TermIndex.scan(connection, posts: posts, terms: nil))
          .map { TermCount(term: $0.term, posts: $0.posts, occurrences: $0.occurrences) }
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }

  /// `terms`' posts, distinct authors and conversations in the filter's window, in `terms`
  /// order (a term no post of the window holds has zeros). Reads the occurrences of those terms
  /// only, and each post's author and reply tree once.
  public func termUses(_ terms: [String], _ filter: EngagementFilter) throws -> [TermUse] {
    do {
      return try pool.read { db in
        let connection = try Self.connection(db, path: path)
        let posts = try PostTable(connection: connection, filter: filter, withTrees: true)
        guard terms.count > TermIndex.seekLimit else {
          return try TermIndex.scan(connection, posts: posts, terms: terms)
        }
        // Many terms (`topics --top 0`): one pass over every occurrence beats a seek each.
        let all = TermIndex.merged(try TermIndex.scan(connection, posts: posts, terms: nil))
        let byTerm = Dictionary(all.map { ($0.term, $0) }, uniquingKeysWith: { first, _ in first })
        return terms.map {
          byTerm[$0] ?? TermUse(term: $0, posts: 0, authors: 0, conversations: 0, occurrences: 0)
        }
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }

  /// Every indexed term of the posts in the filter's window, with its posts, authors and
  /// conversations, ordered by term: one pass over every occurrence.
  public func termUses(_ filter: EngagementFilter) throws -> [TermUse] {
    do {
      return try pool.read { db in
        let connection = try Self.connection(db, path: path)
        let posts = try PostTable(connection: connection, filter: filter, withTrees: true)
        return TermIndex.merged(try TermIndex.scan(connection, posts: posts, terms: nil))
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }

  fileprivate static func connection(_ db: Database, path: String) throws -> OpaquePointer {
    guard let connection = db.sqliteConnection else {
      throw StoreError.database(path: path, message: "the store connection is closed")
    }
    return connection
  }
}

private enum TermIndex {
  /// Up to this many terms are read term by term (a seek into the index each); more are
  /// picked out of one pass over the whole index.
  static let seekLimit = 2_000

  /// Each term's documents and occurrences over the whole index, from a temporary
  /// `fts5vocab` table of type `row` (the store's own `post_terms` is of type `instance`);
  /// nil when the connection cannot create one.
  static func wholeStoreCounts(_ connection: OpaquePointer) throws(SQLiteFailure)
    -> [TermCount]?
  {
    let name = "temp.clout_term_rows"
    let create = sqlite3_exec(
      connection,
      "CREATE VIRTUAL TABLE IF NOT EXISTS \(name) USING fts5vocab(main, post_text, row)",
      nil, nil, nil)
    guard create == SQLITE_OK else { return nil }
    let statement = try SQLiteStatement(connection, "SELECT term, doc, cnt FROM \(name)")
    defer { statement.reset() }
    var counts: [TermCount] = []
    while try statement.step() {
      counts.append(
        TermCount(
          term: statement.string(0) ?? "", posts: Int(statement.int64(1)),
          occurrences: Int(statement.int64(2))))
    }
    return counts
  }

  /// One pass over the occurrences of `terms` (nil: of every term), in index order, counting
  /// those in `posts`' window.
  static func scan(_ connection: OpaquePointer, posts: PostTable, terms: [String]?)
    throws(SQLiteFailure) -> [TermUse]
  {
    let statement = try SQLiteStatement(
      connection,
      terms == nil
        ? "SELECT term, doc FROM post_terms" : "SELECT term, doc FROM post_terms WHERE term = ?1")
    defer { statement.reset() }
    var tally = Tally(posts: posts)
    var uses: [TermUse] = []
    if let terms {
      for term in terms {
        statement.reset()
        statement.bind(1, term)
        tally.start()
        while try statement.step() { tally.add(doc: statement.int64(1)) }
        uses.append(tally.use(term: term))
      }
      return uses
    }
    // Rows come grouped by term: a term's text is read into a String once, when it changes.
    var current: [UInt8] = []
    var started = false
    while try statement.step() {
      let bytes = Int(sqlite3_column_bytes(statement.handle, 0))
      let text = sqlite3_column_text(statement.handle, 0)
      let same =
        started && bytes == current.count
        && (bytes == 0 || current.withUnsafeBytes { memcmp($0.baseAddress!, text!, bytes) == 0 })
      if !same {
        if started, tally.posts > 0 {
          uses.append(tally.use(term: String(decoding: current, as: UTF8.self)))
        }
        current = bytes == 0 ? [] : Array(UnsafeBufferPointer(start: text!, count: bytes))
        started = true
        tally.start()
      }
      tally.add(doc: statement.int64(1))
    }
    if started, tally.posts > 0 {
      uses.append(tally.use(term: String(decoding: current, as: UTF8.self)))
    }
    return uses
  }

  /// Sorted by `String`'s order; terms it holds equal (canonically equivalent texts) are one.
  /// FTS5 gives its terms in byte order, which is `String`'s order for every ASCII term, so
  /// the sort is usually skipped.
  static func merged(_ counts: [TermCount]) -> [TermCount] {
    mergedByTerm(counts, term: \.term) { last, count in
      TermCount(
        term: last.term, posts: last.posts + count.posts,
        occurrences: last.occurrences + count.occurrences)
    }
  }

  static func merged(_ uses: [TermUse]) -> [TermUse] {
    mergedByTerm(uses, term: \.term) { last, use in
      // Authors and trees cannot be told apart across the two; their sum bounds them.
      TermUse(
        term: last.term, posts: last.posts + use.posts, authors: last.authors + use.authors,
        conversations: last.conversations + use.conversations,
        occurrences: last.occurrences + use.occurrences)
    }
  }

  /// `items` sorted by their term (the sort skipped when already in order), runs of equal
  /// terms combined into one.
  private static func mergedByTerm<Item>(
    _ items: [Item], term: KeyPath<Item, String>, combine: (Item, Item) -> Item
  ) -> [Item] {
    let sorted =
      zip(items, items.dropFirst()).allSatisfy({ $0[keyPath: term] < $1[keyPath: term] })
      ? items : items.sorted { $0[keyPath: term] < $1[keyPath: term] }
    var result: [Item] = []
    result.reserveCapacity(sorted.count)
    for item in sorted {
      if let last = result.last, last[keyPath: term] == item[keyPath: term] {
        result[result.count - 1] = combine(last, item)
      } else {
        result.append(item)
      }
    }
    return result
  }
}

/// The counts of one term being read: posts, occurrences, and distinct authors and trees,
/// told apart by stamping each author and tree with the term's number instead of keeping a
/// set per term.
private struct Tally {
  let table: PostTable
  private(set) var posts = 0
  private var occurrences = 0
  private var authors = 0
  private var trees = 0
  private var lastDoc: Int64 = .min
  private var lastPosition = -1
  private var stamp: Int32 = 0
  private var authorStamps: [Int32]
  private var treeStamps: [Int32]

  init(posts table: PostTable) {
    self.table = table
    authorStamps = [Int32](repeating: -1, count: table.authorCount)
    treeStamps = [Int32](repeating: -1, count: table.treeCount)
  }

  mutating func start() {
    stamp &+= 1
    posts = 0
    occurrences = 0
    authors = 0
    trees = 0
    lastDoc = .min
    lastPosition = -1
  }

  mutating func add(doc: Int64) {
    if doc == lastDoc {
      if lastPosition >= 0 { occurrences += 1 }
      return
    }
    lastDoc = doc
    guard let position = table.position(of: doc), table.inWindow(position) else {
      lastPosition = -1
      return
    }
    lastPosition = position
    occurrences += 1
    posts += 1
    let author = table.author(position)
    if author >= 0 && authorStamps[Int(author)] != stamp {
      authorStamps[Int(author)] = stamp
      authors += 1
    }
    let tree = table.tree(position)
    if tree >= 0 && treeStamps[Int(tree)] != stamp {
      treeStamps[Int(tree)] = stamp
      trees += 1
    }
  }

  func use(term: String) -> TermUse {
    TermUse(
      term: term, posts: posts, authors: authors, conversations: trees, occurrences: occurrences
    )
  }
}

/// Each stored post's place in the filter's window, its author and its reply tree, by row
/// id, read once for all the terms counted (the store's `posts`, its reply column's partial
/// index and `pending_parents`, in sequence): the occurrences then cost array reads, not a
/// join per occurrence.
private struct PostTable {
  private let positions: RowPositions
  private let window: [Bool]
  private let authors: [Int32]
  private let trees: [Int32]
  /// Authors are numbered 0..<authorCount, trees 0..<treeCount.
  let authorCount: Int
  let treeCount: Int

  init(connection: OpaquePointer, filter: EngagementFilter, withTrees: Bool)
    throws(SQLiteFailure)
  {
    let statement = try SQLiteStatement(
      connection,
      """
      SELECT id, author_id, created_at BETWEEN ?1 AND ?2
        AND (?3 IS NULL OR platform = (SELECT id FROM platforms WHERE name = ?3))
      FROM posts ORDER BY id
      """)
    defer { statement.reset() }
    statement.bind(1, filter.since ?? Int64.min)
    statement.bind(2, filter.until ?? Int64.max)
    statement.bind(3, filter.platform)
    var rowIDs: [Int64] = []
    var window: [Bool] = []
    var authorIDs: [Int64] = []
    while try statement.step() {
      rowIDs.append(statement.int64(0))
      window.append(statement.int64(2) != 0)
      if withTrees { authorIDs.append(statement.isNull(1) ? -1 : statement.int64(1)) }
    }
    positions = RowPositions(rowIDs)
    self.window = window
    (authors, authorCount) = Self.numbered(authorIDs)
    if withTrees {
      let parents = try Self.parents(connection, positions: positions, count: rowIDs.count)
      let representatives = TopicSlice.treeRepresentatives(parents)
      trees = Array(representatives.prefix(rowIDs.count))
      treeCount = parents.count
    } else {
      trees = []
      treeCount = 0
    }
  }

  func position(of rowID: Int64) -> Int? { positions.position(of: rowID) }
  func inWindow(_ position: Int) -> Bool { window[position] }
  func author(_ position: Int) -> Int32 { authors.isEmpty ? -1 : authors[position] }
  func tree(_ position: Int) -> Int32 { trees.isEmpty ? -1 : trees[position] }

  /// Store ids as numbers from 0 (-1 stays -1): the ids themselves when they are dense, as
  /// ingest numbers them, else their order of first appearance.
  private static func numbered(_ ids: [Int64]) -> ([Int32], Int) {
    let largest = ids.max() ?? -1
    if largest < 4 * Int64(ids.count) + 1_000_000 {
      return (ids.map { Int32(truncatingIfNeeded: $0) }, Int(largest) + 1)
    }
    var numbers: [Int64: Int32] = [:]
    let numbered = ids.map { id -> Int32 in
      guard id >= 0 else { return -1 }
      if let known = numbers[id] { return known }
      let next = Int32(numbers.count)
      numbers[id] = next
      return next
    }
    return (numbered, numbers.count)
  }

  /// Each post's parent, by position: a stored parent's position, else a node past the
  /// posts standing for the missing parent (one per platform and key, as the reply forest
  /// makes one placeholder for them), or for a parent row id no post has (an edited store),
  /// one per such id. -1 for roots.
  private static func parents(_ connection: OpaquePointer, positions: RowPositions, count: Int)
    throws(SQLiteFailure) -> [Int32]
  {
    var parents = [Int32](repeating: -1, count: count)
    var extra: [String: Int32] = [:]
    func node(_ key: String) -> Int32 {
      if let known = extra[key] { return known }
      let next = Int32(parents.count)
      extra[key] = next
      parents.append(-1)
      return next
    }
    // Reads only the partial index `posts_reply_to_post` (it covers both columns).
    let replies = try SQLiteStatement(
      connection, "SELECT id, reply_to_post FROM posts WHERE reply_to_post IS NOT NULL")
    defer { replies.reset() }
    while try replies.step() {
      guard let post = positions.position(of: replies.int64(0)) else { continue }
      let parent = replies.int64(1)
      let found = positions.position(of: parent).map { Int32($0) } ?? node("row \(parent)")
      parents[post] = found
    }
    let pending = try SQLiteStatement(
      connection, "SELECT post_id, platform, parent_key FROM pending_parents ORDER BY post_id")
    defer { pending.reset() }
    while try pending.step() {
      guard let post = positions.position(of: pending.int64(0)), parents[post] < 0 else {
        continue
      }
      let missing = node(String(pending.int64(1)) + "\u{1F}" + (pending.string(2) ?? ""))
      parents[post] = missing
    }
    return parents
  }
}
