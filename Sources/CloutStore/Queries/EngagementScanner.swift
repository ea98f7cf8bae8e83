import CSQLite
import CloutCore

// `clout rank --top 100 --verbose` on the store of `gen.py 10000000 1000000 7` (9.86M
// interactions between accounts, 10M posts), back to back on the shared 2-core machine:
//   before (text-key join for parents, one connection)   loaded in 72.3 s, 83.2 s wall
//   parents as row ids (schema 2)                         loaded in 12.2 s (migrated store)
//   + posts and interactions on two connections at once   loaded in 6.3–13.1 s, 10.0–19.5 s
//                                                         wall (load average 5–10)
// The remaining cost is SQLite's per-row work (sqlite3VdbeExec and the column calls: most of
// the loading samples in perf).

/// Reads one window of the store into `EngagementData`: two sequential scans (interactions,
/// and posts with their parents) on raw prepared statements, because the graph of tens of
/// millions of interactions must load in seconds and GRDB's row decoding costs several times
/// more per row than `sqlite3_column_int64` (see BatchWriter.swift for the measurements on the
/// write side).
struct EngagementScanner {
  let connection: OpaquePointer
  let filter: EngagementFilter

  private var lowerBound: Int64 { filter.since ?? Int64.min }
  private var upperBound: Int64 { filter.until ?? Int64.max }

  /// Rows the scan read in a repaired form or left out; ingest never writes them, so only a
  /// store from an older Clout or one edited by hand holds any.
  struct Repairs: Sendable {
    /// Weights outside 0…`InteractionWeighting.maximumWeight` (or NaN), read clamped.
    var clampedWeights = 0
    var firstClamped: (rowID: Int64, weight: Double)?
    /// Interactions whose actor or target names no stored account, left out.
    var orphanInteractions = 0
    var firstOrphan: Int64?

    var isEmpty: Bool { clampedWeights == 0 && orphanInteractions == 0 }
  }
  /// Both scans on this connection, one after the other.
  func scan() throws(SQLiteFailure) -> (EngagementData, Repairs) {
    let interactions = try scanInteractions()
    return try assemble(interactions, try scanPosts())
  }

  /// What identifies the store's state for two connections reading it at once: every ingest
  /// transaction adds rows or updates its `ingest_runs` row, so two read transactions that
  /// see the same fingerprint see the same data.
  func fingerprint() throws(SQLiteFailure) -> String {
    let statement = try SQLiteStatement(
      connection,
      """
      SELECT (SELECT coalesce(max(id), 0) FROM posts) || ':'
        || (SELECT coalesce(max(id), 0) FROM interactions) || ':'
        || (SELECT coalesce(max(id), 0) FROM accounts) || ':'
        || coalesce((SELECT id || '/' || status || '/' || batches || '/'
                       || coalesce(finished_at, '') || '/' || posts_added || '/'
                       || interactions_added
                     FROM ingest_runs ORDER BY id DESC LIMIT 1), '')
      """)
    return try statement.firstRow { $0.string(0) ?? "" } ?? ""
  }

  /// The scans' columns as `EngagementData`: accounts in canonical order, store ids mapped to
  /// dense indices.
  func assemble(_ scanned: InteractionColumns, _ posts: PostColumns) throws(SQLiteFailure)
    -> (EngagementData, Repairs)
  {
    let (data, repairs, _) = try assemble(scanned, posts, withSources: false)
    return (data, repairs)
  }

  /// As `assemble`, also returning where each row came from when `withSources` (nil
  /// otherwise): the snapshot keeps it so that a topic can be cut out of the whole store's
  /// data (`TopicSlice`).
  func assemble(_ scanned: InteractionColumns, _ posts: PostColumns, withSources: Bool)
    throws(SQLiteFailure) -> (EngagementData, Repairs, StoreSources?)
  {
    var interactions = scanned
    var repairs = interactions.repairs
    var accounts = AccountIndex(maxID: try maxAccountID())
    accounts.markGraphAccounts(interactions.actors, interactions.targets)
    for author in posts.authors { accounts.use(author) }
    let infos = try loadAccountInfos(accounts)
    let mapping = accounts.denseMapping(infos: infos)
    // An actor or target id with no account row (only an edited store has one) has no dense
    // index; the interaction is left out rather than given index -1.
    let (actors, targets) = Self.mapped(&interactions, mapping.index, &repairs)
    var sources: StoreSources?
    if withSources {
      let positions = RowPositions(Array(posts.rowIDs.prefix(posts.scannedCount)))
      sources = StoreSources(
        accountIDs: mapping.storeIDs,
        interactionPosts: interactions.posts.map { post in
          post < 0 ? -1 : positions.position(of: post).map { Int32($0) } ?? -1
        })
    }

    let data = EngagementData(
      accounts: mapping.accounts, graphAccountCount: mapping.graphCount,
      interactionActors: actors, interactionTargets: targets,
      interactionTypes: interactions.types, interactionTimes: interactions.times,
      interactionMultipliers: interactions.multipliers,
      postAuthors: posts.authors.map {
        $0 < 0 || Int($0) >= mapping.index.count
          ? ReplyForest.unknownAuthor : mapping.index[Int($0)]
      },
      postParents: posts.parents, postRowIDs: posts.rowIDs,
      placeholderKeys: posts.placeholderKeys, since: filter.since, until: filter.until)
    return (data, repairs, sources)
  }

  /// The largest account id, which sizes a per-id table. Ingest numbers accounts 1, 2, 3…, so
  /// ids far above the row count mean an edited store: refused with a message instead of a
  /// table of 2^63 entries.
  private func maxAccountID() throws(SQLiteFailure) -> Int64 {
    let statement = try SQLiteStatement(
      connection,
      // Apart, each aggregate is one B-tree descent or count; together they read every row.
      "SELECT coalesce((SELECT max(id) FROM accounts), 0), (SELECT count(*) FROM accounts)")
    let (maxID, count) = try statement.firstRow { ($0.int64(0), $0.int64(1)) } ?? (0, 0)
    if maxID > 2 * count + 1_000_000 {
      throw SQLiteFailure(
        code: SQLITE_CORRUPT,
        message: "accounts.id runs to \(maxID) for \(count) accounts; Clout numbers accounts "
          + "from 1, so the store has been edited (ingest the source files into a new store)",
        sql: statement.sql)
    }
    return Swift.max(0, maxID)
  }

  /// Drops interactions whose actor or target has no dense index and returns the mapped ids.
  private static func mapped(
    _ columns: inout InteractionColumns, _ index: [Int32], _ repairs: inout Repairs
  ) -> ([UInt32], [UInt32]) {
    func dense(_ id: Int64) -> Int32 { id >= 0 && Int(id) < index.count ? index[Int(id)] : -1 }
    var actors: [UInt32] = []
    var targets: [UInt32] = []
    actors.reserveCapacity(columns.actors.count)
    targets.reserveCapacity(columns.actors.count)
    var keep: [Bool]? = nil
    for row in columns.actors.indices {
      let actor = dense(columns.actors[row])
      let target = dense(columns.targets[row])
      if actor >= 0 && target >= 0 {
        actors.append(UInt32(actor))
        targets.append(UInt32(target))
        keep?.append(true)
      } else {
        if keep == nil { keep = [Bool](repeating: true, count: row) }
        keep!.append(false)
        repairs.orphanInteractions += 1
        if repairs.firstOrphan == nil { repairs.firstOrphan = columns.rowIDs[row] }
      }
    }
    if let keep {
      func kept<T>(_ values: [T]) -> [T] { zip(values, keep).compactMap { $1 ? $0 : nil } }
      columns.types = kept(columns.types)
      columns.times = kept(columns.times)
      columns.multipliers = kept(columns.multipliers)
      columns.posts = kept(columns.posts)
    }
    return (actors, targets)
  }

  struct InteractionColumns: Sendable {
    var actors: [Int64] = []
    var targets: [Int64] = []
    var types: [InteractionType] = []
    var times: [Int64] = []
    var multipliers: [Float] = []
    var rowIDs: [Int64] = []
    /// The post that made each interaction (`post_id`); -1 for an edges-csv row.
    var posts: [Int64] = []
    var repairs = Repairs()
  }

  /// With a post selection (`--topic`), rows whose post is one of the selected row ids
  /// (bound as ?4, a JSON array): SQLite reads them through the row id or the
  /// `interactions_post_target` index instead of scanning the table, so a topic's share of a
  /// large store loads in proportion to its size.
  private func postSelectionClause(_ column: String) -> String {
    filter.posts == nil ? "" : " AND \(column) IN (SELECT value FROM json_each(?4))"
  }

  /// Binds what both scans select on: the window (?1, ?2), the platform (?3) and, with a
  /// post selection, its row ids (?4, see `postSelectionClause`).
  private func bindSelection(_ statement: SQLiteStatement) {
    statement.bind(1, lowerBound)
    statement.bind(2, upperBound)
    statement.bind(3, filter.platform)
    if let posts = filter.posts { statement.bind(4, posts.jsonArray) }
  }

  /// A sequential scan: the window usually covers most rows, and an index range scan would
  /// fetch each row by random access (0.72 s instead of 0.2 s for 1M rows, measured with
  /// scripts/bench-scoring.sh), hence `+created_at`, which keeps the planner off the index.
  func scanInteractions() throws(SQLiteFailure) -> InteractionColumns {
    let statement = try SQLiteStatement(
      connection,
      """
      SELECT actor_id, target_id, type, created_at, weight, id, post_id FROM interactions
      WHERE actor_id <> target_id AND +created_at BETWEEN ?1 AND ?2
        AND (?3 IS NULL OR platform = (SELECT id FROM platforms WHERE name = ?3))
      """ + postSelectionClause("post_id"))
    defer { statement.reset() }
    bindSelection(statement)
    var columns = InteractionColumns()
    // The largest row id bounds the row count (rows are never deleted) and costs one B-tree
    // descent: reserving it avoids regrowing five 10M-element arrays.
    // An edited store may hold any id: reserve no more than one graph can take.
    let bound = Int(
      Swift.min(
        Swift.max(
          try SQLiteStatement(connection, "SELECT coalesce(max(id), 0) FROM interactions")
            .firstRow { $0.int64(0) } ?? 0, 0), 1 << 28))
    columns.actors.reserveCapacity(bound)
    columns.targets.reserveCapacity(bound)
    columns.types.reserveCapacity(bound)
    columns.times.reserveCapacity(bound)
    columns.multipliers.reserveCapacity(bound)
    columns.posts.reserveCapacity(bound)
    while try statement.step() {
      let actor = statement.int64(0)
      let target = statement.int64(1)
      let code = statement.int64(2)
      guard let type = StoreSchema.type(code: code) else {
        throw SQLiteFailure(
          code: SQLITE_CORRUPT,
          message: "an interaction has the unknown type code \(code) (the store is damaged)",
          sql: statement.sql)
      }
      columns.actors.append(actor)
      columns.targets.append(target)
      columns.types.append(type)
      columns.times.append(statement.int64(3))
      // The read boundary for weights: a stored weight past the ingest check (1e39 from an
      // older Clout became +inf as a Float and trapped the graph builder) is clamped.
      let stored = statement.double(4)
      let weight = InteractionWeighting.clampedMultiplier(stored)
      if weight != stored {
        columns.repairs.clampedWeights += 1
        if columns.repairs.firstClamped == nil {
          columns.repairs.firstClamped = (statement.int64(5), stored)
        }
      }
      columns.multipliers.append(Float(weight))
      columns.rowIDs.append(statement.int64(5))
      columns.posts.append(statement.isNull(6) ? -1 : statement.int64(6))
    }
    return columns
  }

  struct PostColumns: Sendable {
    var rowIDs: [Int64] = []
    /// Store account ids; -1 = unknown.
    var authors: [Int64] = []
    var parents: [Int32] = []
    var placeholderKeys: [Int32: String] = [:]
    /// The leading `rowIDs` that the scan read, ascending; parents outside the window and
    /// placeholders follow them.
    var scannedCount = 0
  }

  /// Posts in the window with their parents. A parent outside the window joins as a root; a
  /// parent missing from the store becomes a placeholder authored by the reply's
  /// `reply_to_author` when known.
  ///
  /// Parents are row ids resolved at ingest (`reply_to_post`), so this is one sequential scan
  /// of integers; only replies to missing parents read their key's text.
  func scanPosts() throws(SQLiteFailure) -> PostColumns {
    let statement = try SQLiteStatement(
      connection,
      """
      SELECT id, author_id, reply_to_post, reply_to_author_id, platform, reply_to_key
      FROM posts
      WHERE created_at BETWEEN ?1 AND ?2
        AND (?3 IS NULL OR platform = (SELECT id FROM platforms WHERE name = ?3))
      """ + postSelectionClause("id") + " ORDER BY id")
    defer { statement.reset() }
    bindSelection(statement)

    var posts = PostColumns()
    let bound = Int(
      try SQLiteStatement(connection, "SELECT coalesce(max(id), 0) FROM posts")
        .firstRow { $0.int64(0) } ?? 0)
    posts.rowIDs.reserveCapacity(bound)
    posts.authors.reserveCapacity(bound)
    // Parent references are resolved after the scan, when every in-window row id is known.
    var parentRowIDs: [Int64] = []
    parentRowIDs.reserveCapacity(bound)
    var missingParents: [Int: (key: String, author: Int64)] = [:]
    while try statement.step() {
      let rowID = statement.int64(0)
      let author = statement.isNull(1) ? -1 : statement.int64(1)
      posts.rowIDs.append(rowID)
      posts.authors.append(author)
      if !statement.isNull(2) {
        parentRowIDs.append(statement.int64(2))
      } else {
        parentRowIDs.append(-1)
        if !statement.isNull(5) {
          let key = String(statement.int64(4)) + "\u{1F}" + (statement.string(5) ?? "")
          let replyAuthor = statement.isNull(3) ? -1 : statement.int64(3)
          missingParents[posts.rowIDs.count - 1] = (key, replyAuthor)
        }
      }
    }

    let windowCount = posts.rowIDs.count
    posts.scannedCount = windowCount
    let positions = RowPositions(posts.rowIDs)
    posts.parents = [Int32](repeating: ReplyForest.noParent, count: windowCount)
    var extraIndex: [Int64: Int32] = [:]
    var placeholderIndex: [String: Int32] = [:]
    let findAuthor = try SQLiteStatement(connection, "SELECT author_id FROM posts WHERE id = ?1")
    for index in 0..<windowCount {
      let parent = parentRowIDs[index]
      if parent >= 0 {
        if let found = positions.position(of: parent) {
          posts.parents[index] = Int32(found)
        } else if let existing = extraIndex[parent] {
          posts.parents[index] = existing
        } else {
          // The parent is stored but outside the window: it joins as a root.
          let newIndex = Int32(posts.rowIDs.count)
          extraIndex[parent] = newIndex
          findAuthor.bind(1, parent)
          let author = try findAuthor.firstRow { $0.isNull(0) ? -1 : $0.int64(0) } ?? -1
          posts.rowIDs.append(parent)
          posts.authors.append(author)
          posts.parents.append(ReplyForest.noParent)
          posts.parents[index] = newIndex
        }
      } else if let missing = missingParents[index] {
        if let existing = placeholderIndex[missing.key] {
          posts.parents[index] = existing
          // A later reply may know the author the first one did not.
          if posts.authors[Int(existing)] < 0 && missing.author >= 0 {
            posts.authors[Int(existing)] = missing.author
          }
        } else {
          let newIndex = Int32(posts.rowIDs.count)
          placeholderIndex[missing.key] = newIndex
          posts.rowIDs.append(-1)
          posts.authors.append(missing.author)
          posts.parents.append(ReplyForest.noParent)
          posts.placeholderKeys[newIndex] = String(
            missing.key.split(separator: "\u{1F}", omittingEmptySubsequences: false).last ?? "")
          posts.parents[index] = newIndex
        }
      }
    }
    return posts
  }

  /// The touched accounts' details, in store id order.
  private func loadAccountInfos(_ accounts: AccountIndex) throws(SQLiteFailure)
    -> [(id: Int64, info: AccountInfo)]
  {
    let statement = try SQLiteStatement(
      connection,
      """
      SELECT a.id, p.name, a.handle, a.user_id, a.display_name, a.first_seen, a.last_seen,
        a.followers, a.followers_at
      FROM accounts a JOIN platforms p ON p.id = a.platform ORDER BY a.id
      """)
    defer { statement.reset() }
    var infos: [(id: Int64, info: AccountInfo)] = []
    while try statement.step() {
      let id = statement.int64(0)
      guard accounts.isUsed(id) else { continue }
      infos.append(
        (
          id,
          AccountInfo(
            platform: statement.string(1) ?? "", handle: statement.string(2),
            userID: statement.string(3), displayName: statement.string(4),
            firstSeen: statement.isNull(5) ? nil : statement.int64(5),
            lastSeen: statement.isNull(6) ? nil : statement.int64(6),
            followers: statement.isNull(7) ? nil : statement.int64(7),
            followersAt: statement.isNull(8) ? nil : statement.int64(8))
        ))
    }
    return infos
  }
}

/// Which store account ids a scan touched, and their dense indices once sorted.
struct AccountIndex {
  /// 0 = unused, 1 = used by posts only, 2 = in the graph.
  private var state: [UInt8]

  init(maxID: Int64) {
    state = [UInt8](repeating: 0, count: Int(maxID) + 1)
  }

  mutating func use(_ id: Int64) {
    guard id >= 0, Int(id) < state.count, state[Int(id)] == 0 else { return }
    state[Int(id)] = 1
  }

  mutating func markGraphAccounts(_ actors: [Int64], _ targets: [Int64]) {
    for id in actors where id >= 0 && Int(id) < state.count { state[Int(id)] = 2 }
    for id in targets where id >= 0 && Int(id) < state.count { state[Int(id)] = 2 }
  }

  func isUsed(_ id: Int64) -> Bool {
    id >= 0 && Int(id) < state.count && state[Int(id)] != 0
  }

  /// Graph accounts first, then reply-only accounts, each group in canonical order.
  ///
  /// Sorts small indices over one precomputed key per account: sorting the (id, info) pairs
  /// themselves moved five-string structs around and took 4.3 s of a 14 s `clout rank` on
  /// 10M interactions / 972k accounts (perf, scripts/bench-scoring.sh).
  func denseMapping(infos: [(id: Int64, info: AccountInfo)])
    -> (accounts: [AccountInfo], graphCount: Int, index: [Int32], storeIDs: [Int64])
  {
    let keys = CanonicalKey.keys(infos.map(\.info))
    func sorted(_ wanted: UInt8) -> [Int] {
      var positions = infos.indices.filter { state[Int(infos[$0].id)] == wanted }
      positions.sort { lhs, rhs in
        let order = keys[lhs].order(keys[rhs])
        return order != 0 ? order < 0 : infos[lhs].id < infos[rhs].id
      }
      return positions
    }
    let graph = sorted(2)
    let others = sorted(1)
    var index = [Int32](repeating: -1, count: state.count)
    var accounts: [AccountInfo] = []
    var storeIDs: [Int64] = []
    accounts.reserveCapacity(graph.count + others.count)
    storeIDs.reserveCapacity(graph.count + others.count)
    for position in graph + others {
      index[Int(infos[position].id)] = Int32(accounts.count)
      accounts.append(infos[position].info)
      storeIDs.append(infos[position].id)
    }
    return (accounts, graph.count, index, storeIDs)
  }
}

/// The position of each row id in an ascending array of row ids: a direct table when the ids
/// are dense (a whole store, or a time window of one), else binary search.
struct RowPositions {
  private let rowIDs: [Int64]
  private let first: Int64
  private let table: [Int32]

  init(_ rowIDs: [Int64]) {
    self.rowIDs = rowIDs
    first = rowIDs.first ?? 0
    let span = (rowIDs.last ?? 0) - first + 1
    if !rowIDs.isEmpty && span <= 2 * Int64(rowIDs.count) + 1024 {
      var table = [Int32](repeating: -1, count: Int(span))
      for (position, row) in rowIDs.enumerated() { table[Int(row - first)] = Int32(position) }
      self.table = table
    } else {
      table = []
    }
  }

  func position(of row: Int64) -> Int? {
    if !table.isEmpty {
      let offset = row - first
      guard offset >= 0 && offset < Int64(table.count) else { return nil }
      let found = table[Int(offset)]
      return found < 0 ? nil : Int(found)
    }
    var low = 0
    var high = rowIDs.count
    while low < high {
      let middle = (low + high) / 2
      if rowIDs[middle] < row { low = middle + 1 } else { high = middle }
    }
    return low < rowIDs.count && rowIDs[low] == row ? low : nil
  }
}
