import CloutCore

// Ingest speed, measured end to end with the real binary on the 2-core dev VM (release build).
// The VM is shared: wall times vary by ±30% with the load, user CPU seconds much less.
//
//   swift build -c release --scratch-path .build-store --product clout
//   python3 scripts/synth-timeline.py --posts 1000000 --accounts 50000 --with-text \
//     > /tmp/posts-1m.csv        # 101 MB; 1,000,000 posts, 49,996 accounts, 976,098 interactions
//   rm -f /tmp/bench.db*; /usr/bin/time -v .build-store/release/clout ingest \
//     --db /tmp/bench.db /tmp/posts-1m.csv
//
// Before and after, side by side, 3 runs each, load ~2 on 2 cores:
//
//   before (4579a69)   8.69–9.45 s wall, 7.3–8.0 s user  = 106,000–115,000 posts/s, RSS 282 MB
//   after              3.29–4.07 s wall, 4.2–4.6 s user  = 246,000–304,000 posts/s, RSS 225 MB
//
// Per lever, in the order applied (one run or two each, at load 3–4, so read the user CPU):
//
//                                                            wall       user CPU
//   before: 2 unique + 2 plain indexes on interactions,
//     unique + reply_to index on posts, platform TEXT,
//     batch 50,000                                           13.1 s     9.3 s
//   drop interactions_created_at, interactions_target,
//     posts_reply_to (no query used them)                    10.6 s     5.9 s
//   + batch 250,000 (4 account flushes instead of 20)       8.1–8.8 s  5.3–5.4 s
//     (same binary, platform 's' instead of 'synthetic'
//     in the CSV: 6.7–7.4 s wall, 5.1–5.3 s user: a smaller
//     file, same CPU; hence the platforms table)
//   + platforms table (platform INTEGER), MEMSTATUS off      7.4–7.6 s  4.6–4.7 s
//   + reader thread (parsing overlaps writing; see
//     RecordPipe.swift)                                      5.1–8.1 s  4.6–5.0 s
//
// Tried and not kept: wal_autocheckpoint = 100,000 pages during ingest (no measurable change;
// the close then pays for the checkpoint). The writer thread is now the critical path (the
// reader needs ~1.5 s of CPU for the file): about 3.5 µs per post, two thirds of it in SQLite
// (the posts insert with its (platform, post_key) unique index, the interactions insert with
// its append-only (post_id, target_id) index, a posts lookup for each reply without an author)
// and the rest account resolution (String hashing in the per-platform dictionaries).
//
// JSONL (twitter-v2, Fixtures/twitter-v2/flat.jsonl ×2000 with unique ids: 200,066 posts +
// 187,934 duplicate copies of referenced tweets, 1.47 GB) runs at 8,900 posts/s (17,300
// records/s, 65 MB/s; 22.5 s wall, 22.8 s user, RSS 114 MB; before: 35.4 s wall, 24.6 s user,
// one run on a busier machine): bound by the reader's JSON parsing (82% of samples in JSONLineReader / Foundation), SQLite < 3%.
//
// Schema 2 (parents as row ids, duplicates recognised before accounts are touched), measured
// on `gen.py 1000000 100000 7` (1M posts, 1.07M interactions) with scripts/bench-ingest.sh,
// alternating the two builds in one run at load ~12: before 20.7–21.6 s wall, 6.5–6.9 s user;
// after 21.5–23.7 s wall, 7.4–7.7 s user. The extra work is one (platform, post_key) probe per
// post (is it a copy?) and one per reply (the parent's row); a two-generation in-memory cache
// of recent post keys in front of the probes cost more than it saved (7.5 s user, 16.4 s wall).
// On `gen.py 10000000 1000000 7`: 207 s wall, 84 s user, 397 MB (before: 429 s, 74 s, same
// loaded machine; the issue's idle-machine figure before: 87 s).
//
// Issue 13, fewer probes and statements per post, on the posts CSV of
// `gen.py 1000000 100000 7`. Instructions: `valgrind --tool=callgrind` on its first 50,000
// rows (deterministic; both threads, the reader's share unchanged; each lever measured alone
// against a build with all of them switched off, 3.22 G). CPU and wall: `/usr/bin/time` on
// the whole file, the builds alternated in one run, 3 runs each at load 2.5–2.7:
//
//                                                       instructions   user+sys    wall
//   before                                              3.17 G         5.8–6.2 s   5.9–6.9 s
//   interactions 64 rows per INSERT (was one each)      −7.2%
//   a filter of the keys this run wrote: no duplicate
//     probe for a new post on a platform new to the run −7.8%
//   this run's recent posts by key: a reply's parent
//     without a probe                                   −4.6% (with both above)
//   the three together                                  2.61 G         4.9–5.1 s   4.3–5.4 s
//   + new posts 32 rows per INSERT                      2.55 G         4.5–4.6 s   4.6–4.8 s
//   + no text-index scan of a batch without texts       2.52 G
//
// The last one saves few instructions but more time (fewer B-tree descents from the root per
// row, so fewer cache misses). The filter's look-up costs a cache miss; with 4 KiB pages a
// TLB miss too (6.3% of the writer's perf samples; in 2 MiB pages 3.8%). Tried and not kept:
// short texts copied into a buffer of the statement and bound with SQLITE_STATIC instead of
// SQLITE_TRANSIENT (−0.7% instructions: SQLite's own copy of a short key is cheap). What the
// writer spends now (perf, whole file): the posts insert a third, account resolution (String
// hashing in the per-platform dictionaries) a seventh, the batch ends (commit, pending
// references) a sixth, the interactions insert a tenth.
//
// Later, the writer thread's own instructions (`valgrind --tool=callgrind --separate-threads=yes`
// on a `strip -g` copy of the binary; the first 50,000 rows of the same file): 1.632 G before;
// each post's interactions derived into storage reused across posts (`DerivedInteractions`:
// three arrays allocated and freed per post) 1.586 G (−2.8%); then `@exclusivity(unchecked)`
// on the stored properties of this writer, `AccountResolver`, `PlatformAccounts` and
// `RecentPosts` 1.497 G (−8.3% in all). Those checks were 0.49 M `swift_beginAccess` calls
// in `write` alone, about 10 a post, and 5.6% of the writer's instructions; the properties
// are touched by the writer thread only, never from a closure that could overlap another
// access to the same property, and the rest of the module keeps its checks. Whole 10M-row
// file, the two builds alternated 6 times each on this shared machine (load 1.2–1.4):
// before 41.1–51.1 s wall (median 46.8 s), after 38.0–51.3 s (median 44.6 s, best 263k
// posts/s); the stores are identical.
//
// Tried and not kept: no WAL checkpoints during ingest (`wal_autocheckpoint = 0`), the upper
// bound of moving them to a second connection on the idle core. Whole 10M-row file on an idle
// machine, alternated twice: 34.0 s against 35.7 s (−5%), at the cost of a WAL as large as
// the store (1.44 GB beside a 1.10 GB store, against 42 MB). Passive checkpoints on a second
// connection, the writer waiting for them every 2 or 4 batches so that the WAL restarts, were
// slower (docs/performance-ingest.md, "checkpoints deferred or on another thread").
//
// Why raw sqlite3 statements rather than GRDB's cached statements (measured earlier, 300,000
// posts): no slower, and they let the account cache and scratch arrays avoid per-row
// allocations; foreign keys are off during ingest (the writer inserts referenced rows first).

/// What the writer added since its counts were last taken.
struct BatchCounts {
  var postsAdded = 0
  var accountsAdded = 0
  var interactionsAdded = 0
  var edgesAdded = 0
  var duplicatesSkipped = 0
  /// Duplicates whose author, time or reference keys differ from the stored copy.
  var conflicts = 0
  /// The first few conflicts, described for the user (see `BatchWriter.conflictLimit`).
  var firstConflicts: [String] = []
}

/// Writes records inside the caller's transaction with reused prepared statements on the
/// writer connection. Every write is idempotent: re-running the same records adds nothing.
///
/// Merge policy for a post already in the store (same platform and post id): the first copy
/// wins. A later copy fills only the row's missing `text` and `conversation_key`; its
/// references and interactions are skipped (counted in `duplicatesSkipped`), so a post's
/// interactions always agree with its stored reference keys. A later copy whose author, time
/// or a reference key differs from the stored one (a reference the later copy lacks is not a
/// difference: API includes carry partial copies) is counted in `conflicts` and described in
/// `firstConflicts`, so the user learns that the data disagrees with itself.
final class BatchWriter {
  let accounts: AccountResolver
  /// Authors' follower counts, copies of stored posts included (see `FollowerCounts`).
  let followers: FollowerCounts
  @exclusivity(unchecked) private(set) var counts = BatchCounts()

  private let insertPost: SQLiteStatement
  private let fillPost: SQLiteStatement
  private let findPost: SQLiteStatement
  private let findStoredPost: SQLiteStatement
  private let insertInteraction: SQLiteStatement
  private let insertPending: SQLiteStatement
  private let findStoredEdgeWeight: SQLiteStatement
  private let insertPendingParent: SQLiteStatement
  private let indexFilledText: SQLiteStatement
  private let indexBatchText: SQLiteStatement
  private let insertInteractions: SQLiteStatement
  private let insertPosts: SQLiteStatement
  private let platformHasPosts: SQLiteStatement
  private let dataVersion: SQLiteStatement

  /// Post-derived interactions not yet inserted, written `interactionsPerInsert` rows per
  /// statement (and the rest one by one) by `insertBufferedInteractions`. Nothing reads
  /// `interactions` during a batch except the edge path and the batch's end, which insert
  /// these first, so rows get the same ids, in the same order, as one insert per row.
  @exclusivity(unchecked) private var interactionRows: [BufferedInteraction] = []
  static let interactionsPerInsert = 64

  /// New posts not yet inserted, written `postsPerInsert` rows per statement with the row ids
  /// SQLite would give them (the largest plus one: `nextPostRow`), so replies, interactions
  /// and pending rows can name them at once. A key probe (`storedPost`, `isDuplicate`) looks
  /// among them (`bufferedPost`) as well as in the index; they are inserted first only before
  /// a statement that needs them in the table: the fill of a copy of a buffered post,
  /// `runKeys`, and the batch's end.
  @exclusivity(unchecked) private var postRows: [BufferedPost] = []
  static let postsPerInsert = 32
  @exclusivity(unchecked) private var nextPostRow: Int64 = 1

  /// The posts this run wrote, per platform (nil once another connection wrote: then every
  /// key is looked up in the index).
  private var runKeys: [Int64: RunPostKeys?] = [:]
  @exclusivity(unchecked) private var lastKeysPlatform: Int64 = -1
  @exclusivity(unchecked) private var lastKeys: RunPostKeys?
  /// `PRAGMA data_version` at the start of the previous batch.
  private var dataVersionSeen: Int64?

  /// The largest post row id when the current batch began: posts above it are the batch's
  /// own, indexed together by `indexText()`.
  @exclusivity(unchecked) private var lastPostBeforeBatch: Int64 = 0
  /// Whether a post of the current batch was written or filled with a text: else
  /// `indexText()` has nothing to index and skips its scan of the batch's posts.
  @exclusivity(unchecked) private var batchHasText = false

  /// Scratch space reused across posts: derived interactions, resolved targets and deferred
  /// references.
  @exclusivity(unchecked) private var derived = DerivedInteractions()
  @exclusivity(unchecked) private var targets: [(account: Int64, type: InteractionType)] = []
  @exclusivity(unchecked) private var deferred: [(type: InteractionType, postKey: String)] = []
  /// Positions in `targets` by account, kept once a post has 16 targets or more.
  @exclusivity(unchecked) private var targetIndex: [Int64: Int] = [:]

  init(connection: OpaquePointer) throws(SQLiteFailure) {
    accounts = try AccountResolver(connection: connection)
    followers = try FollowerCounts(connection: connection)
    fillPost = try SQLiteStatement(
      connection,
      """
      UPDATE posts SET text = coalesce(text, ?3), conversation_key = coalesce(conversation_key, ?4)
      WHERE platform = ?1 AND post_key = ?2
        AND ((text IS NULL AND ?3 IS NOT NULL) OR (conversation_key IS NULL AND ?4 IS NOT NULL))
      """)
    findPost = try SQLiteStatement(
      connection, "SELECT id, author_id FROM posts WHERE platform = ?1 AND post_key = ?2")
    findStoredPost = try SQLiteStatement(
      connection,
      """
      SELECT author_id, created_at, reply_to_key, repost_of_key, quote_of_key, id,
        text IS NULL
      FROM posts WHERE platform = ?1 AND post_key = ?2
      """)
    insertInteraction = try SQLiteStatement(
      connection,
      """
      INSERT OR IGNORE INTO interactions(platform, actor_id, target_id, type, created_at, post_id,
        post_key, weight)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
      """)
    findStoredEdgeWeight = try SQLiteStatement(
      connection,
      """
      SELECT weight FROM interactions
      WHERE platform = ?1 AND actor_id = ?2 AND target_id = ?3 AND type = ?4 AND created_at = ?5
        AND coalesce(post_key, '') = coalesce(?6, '') AND post_id IS NULL
      """)
    insertPending = try SQLiteStatement(
      connection,
      """
      INSERT INTO pending_interactions(platform, actor_id, post_id, type, created_at, via_post_key)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6)
      """)
    insertPendingParent = try SQLiteStatement(
      connection,
      "INSERT OR IGNORE INTO pending_parents(post_id, platform, parent_key) VALUES (?1, ?2, ?3)")
    let indexed = StoreSchema.indexedTextLength
    indexFilledText = try SQLiteStatement(
      connection, "INSERT INTO post_text(rowid, text) VALUES (?1, substr(?2, 1, \(indexed)))")
    indexBatchText = try SQLiteStatement(
      connection,
      """
      INSERT INTO post_text(rowid, text)
      SELECT id, substr(text, 1, \(indexed)) FROM posts WHERE id > ?1 AND text IS NOT NULL
      """)
    let row = "(?, ?, ?, ?, ?, ?, NULL, 1.0)"
    insertInteractions = try SQLiteStatement(
      connection,
      """
      INSERT OR IGNORE INTO interactions(platform, actor_id, target_id, type, created_at, post_id,
        post_key, weight)
      VALUES \(Array(repeating: row, count: Self.interactionsPerInsert).joined(separator: ", "))
      """)
    let postColumns = """
      id, platform, post_key, author_id, created_at, text, reply_to_key, repost_of_key,
        quote_of_key, conversation_key, reply_to_author_id, reply_to_post
      """
    let postRow = "(" + Array(repeating: "?", count: 12).joined(separator: ", ") + ")"
    insertPosts = try SQLiteStatement(
      connection,
      """
      INSERT INTO posts(\(postColumns))
      VALUES \(Array(repeating: postRow, count: Self.postsPerInsert).joined(separator: ", "))
      """)
    insertPost = try SQLiteStatement(
      connection, "INSERT INTO posts(\(postColumns)) VALUES \(postRow)")
    platformHasPosts = try SQLiteStatement(
      connection, "SELECT EXISTS (SELECT 1 FROM posts WHERE platform = ?1)")
    dataVersion = try SQLiteStatement(connection, "PRAGMA data_version")
  }

  /// Starts a batch whose posts get row ids above `lastPost` (SQLite gives a new row the
  /// largest row id plus one, and only this writer inserts posts).
  /// Call inside the batch's transaction: it also checks that no other connection wrote
  /// since the previous batch began (`PRAGMA data_version` moves only for other connections'
  /// commits), else the key filters no longer know every stored key and are dropped.
  func beginBatch(lastPost: Int64) throws(SQLiteFailure) {
    lastPostBeforeBatch = lastPost
    nextPostRow = lastPost + 1
    batchHasText = false
    let version = try dataVersion.firstRow { $0.int64(0) } ?? 0
    if let seen = dataVersionSeen, seen != version {
      accounts.forgetStore()
      for platform in runKeys.keys { runKeys[platform] = .some(nil) }
      lastKeysPlatform = -1
      lastKeys = nil
    }
    dataVersionSeen = version
  }

  /// What this run knows of its posts on `platform` (made when the run first meets it).
  @inline(__always)
  private func runKeys(on platform: Int64) throws(SQLiteFailure) -> RunPostKeys? {
    if platform == lastKeysPlatform { return lastKeys }
    let keys: RunPostKeys?
    if let known = runKeys[platform] {
      keys = known
    } else {
      try insertBufferedPosts(all: true)
      platformHasPosts.bind(1, platform)
      let hasPosts = try platformHasPosts.firstRow { $0.int64(0) != 0 } ?? true
      keys = RunPostKeys(platformWasEmpty: !hasPosts)
      runKeys[platform] = .some(keys)
    }
    lastKeysPlatform = platform
    lastKeys = keys
    return keys
  }

  /// Adds the text of the batch's new posts to the full-text index, in one statement; call
  /// once, after the batch's last record and inside its transaction. Texts filled into the
  /// batch's own posts are read here too, as they stand at the end of the batch.
  ///
  /// One `INSERT … SELECT` over the row id range instead of a trigger per inserted post
  /// (schema v6): on the text-heavy 1M-post timeline (8 words a post) ingest took 34.4 s of
  /// CPU with the triggers, 16.2 s with this, 11.4 s without any index (one run each, load
  /// 17–35; docs/performance-ingest.md).
  func indexText() throws(SQLiteFailure) {
    guard batchHasText else { return }
    indexBatchText.bind(1, lastPostBeforeBatch)
    try indexBatchText.run()
  }

  /// Returns the counts since the last call and starts again from zero.
  func takeCounts() -> BatchCounts {
    var taken = counts
    taken.accountsAdded = accounts.takeAddedCount()
    counts = BatchCounts()
    return taken
  }

  /// Writes the account changes kept in memory; call before each commit.
  func flush() throws(SQLiteFailure) {
    try insertBufferedPosts(all: true)
    try insertBufferedInteractions(all: true)
    try accounts.flush()
    try followers.flush()
  }

  func write(_ record: IngestRecord) throws(SQLiteFailure) {
    switch record {
    case .post(let post): try write(post)
    case .edge(let edge): try write(edge)
    }
  }

  /// The stored post `key` names on `platform`: row id and author (-1 when gone).
  ///
  /// This run's recent posts answer first (`RecentPosts`), then the filter of the keys it
  /// wrote on a platform that had none (`PostKeyFilter`: certainly not stored), and the index
  /// the rest. Both hash the key once with FNV-1a: an earlier two-generation cache keyed by
  /// Swift's `String` hashing cost more than it saved, 8% against 3.6% for every B-tree probe
  /// of the run together (perf, `gen.py 1000000 100000 7`).
  private func storedPost(_ platform: Int64, _ key: String, _ keys: RunPostKeys?)
    throws(SQLiteFailure) -> (row: Int64, author: Int64)?
  {
    let hash = PostKeyHash(key)
    if let keys {
      if let found = keys.recent.find(key, hash) { return found }
      if let written = keys.written, !written.mayContain(hash) { return nil }
    }
    if let buffered = bufferedPost(platform, key, hash) {
      return (buffered.row, buffered.author ?? -1)
    }
    findPost.bind(1, platform)
    findPost.bind(2, key)
    return try findPost.firstRow { ($0.int64(0), $0.isNull(1) ? -1 : $0.int64(1)) }
  }

  /// Writes a post and the interactions it gives (see `PostRecord.derivedInteractions`).
  /// A reference whose author is unknown is credited to the referenced post's author when
  /// that post is already stored, and otherwise kept in `pending_interactions`.
  ///
  /// A copy of a post already stored contributes nothing but a missing text or conversation
  /// id: it is recognised before any account is resolved, so it creates no account and moves
  /// no account's times or names (the first copy seen wins for the whole record).
  func write(_ post: PostRecord) throws(SQLiteFailure) {
    let platforms = try accounts.platform(named: post.platform)
    let platform = platforms.id
    let time = post.createdAt

    let keys = try runKeys(on: platform)
    let hash = PostKeyHash(post.id)
    if try isDuplicate(post, platform: platforms, keys?.written, hash) { return }

    // A post whose author is gone is kept (its replies hang under it) but has no account and
    // gives no interactions: nobody is there to give them.
    let author: Int64? =
      post.author.isDeletedPlaceholder
      ? nil : try accounts.resolve(post.author, in: platforms, time: time)
    if let author {
      followers.note(account: author, count: post.authorFollowers, time: time, postID: post.id)
    }

    targets.removeAll(keepingCapacity: true)
    if !targetIndex.isEmpty { targetIndex.removeAll() }
    deferred.removeAll(keepingCapacity: true)
    var replyAuthor: Int64?
    if author != nil { derived.derive(from: post) }
    for interaction in author == nil ? [] : derived.interactions {
      let type = interaction.type
      let target: Int64
      if let ref = interaction.target {
        // A deleted author is never credited.
        if ref.isDeletedPlaceholder { continue }
        target = try accounts.resolve(ref, in: platforms, time: time)
      } else if let postKey = interaction.viaPostID {
        guard let found = try storedPost(platform, postKey, keys) else {
          deferred.append((type, postKey))
          continue
        }
        // The referenced post's author is gone: nobody to credit.
        if found.author < 0 { continue }
        target = found.author
      } else {
        continue
      }
      if type == .reply { replyAuthor = target }
      // Two references may name one account differently (id vs handle): one per target.
      // A scan for the usual handful of targets, a map for posts naming thousands.
      let index =
        targets.count < 16
        ? targets.firstIndex(where: { $0.account == target }) : targetIndex[target]
      if let index {
        targets[index].type = min(targets[index].type, type)
      } else {
        targets.append((target, type))
        if targets.count == 16 {
          for (position, element) in targets.enumerated() {
            targetIndex[element.account] = position
          }
        } else if targets.count > 16 {
          targetIndex[target] = targets.count - 1
        }
      }
    }

    let parentKey = post.replyTo?.postID
    let parentRow = try parentKey.flatMap { key throws(SQLiteFailure) in
      try storedPost(platform, key, keys)?.row
    }
    let postRow = nextPostRow
    nextPostRow += 1
    postRows.append(
      BufferedPost(
        row: postRow, platform: platform, key: post.id, keyHash: hash.value, author: author,
        time: time,
        text: post.text, replyTo: parentKey, repostOf: post.repostOf?.postID,
        quoteOf: post.quoteOf?.postID, conversation: post.conversationID,
        replyAuthor: replyAuthor, parentRow: parentRow))
    if post.text != nil { batchHasText = true }
    if postRows.count >= Self.postsPerInsert { try insertBufferedPosts(all: false) }
    if let keys {
      keys.written?.insert(hash)
      keys.recent.remember(post.id, hash, row: postRow, author: author ?? -1)
    }
    counts.postsAdded += 1
    if let parentKey, parentRow == nil {
      insertPendingParent.bind(1, postRow)
      insertPendingParent.bind(2, platform)
      insertPendingParent.bind(3, parentKey)
      try insertPendingParent.run()
    }

    guard let author else { return }
    for (target, type) in targets {
      interactionRows.append(
        BufferedInteraction(
          platform: platform, actor: author, target: target, type: StoreSchema.code(of: type),
          time: time, post: postRow))
    }
    if interactionRows.count >= Self.interactionsPerInsert {
      try insertBufferedInteractions(all: false)
    }
    for (type, postKey) in deferred {
      insertPending.bind(1, platform)
      insertPending.bind(2, author)
      insertPending.bind(3, postRow)
      insertPending.bind(4, StoreSchema.code(of: type))
      insertPending.bind(5, time)
      insertPending.bind(6, postKey)
      try insertPending.run()
    }
  }

  /// True when `post` is a later copy of a stored post: counts it, reports a conflict, fills
  /// a missing text or conversation id, and touches nothing else.
  private func isDuplicate(
    _ post: PostRecord, platform: PlatformAccounts, _ written: PostKeyFilter?,
    _ hash: PostKeyHash
  ) throws(SQLiteFailure) -> Bool {
    if let written, !written.mayContain(hash) { return false }
    if bufferedPost(platform.id, post.id, hash) != nil { try insertBufferedPosts(all: true) }
    findStoredPost.bind(1, platform.id)
    findStoredPost.bind(2, post.id)
    let stored = try findStoredPost.firstRow { row in
      (
        author: row.isNull(0) ? nil : row.int64(0), time: row.int64(1),
        replyTo: row.string(2), repostOf: row.string(3), quoteOf: row.string(4),
        row: row.int64(5), textIsNull: row.int64(6) != 0
      )
    }
    guard let stored else { return false }
    counts.duplicatesSkipped += 1
    // The copy's author as an existing account, without creating or touching one: an author
    // the store does not know differs from the stored one.
    let author: Int64? =
      post.author.isDeletedPlaceholder ? nil : try accounts.existingRow(post.author, in: platform)
    // A copy's follower count counts as any other (the latest by its own time wins), so that
    // which copy came first does not decide it.
    if let author {
      followers.note(
        account: author, count: post.authorFollowers, time: post.createdAt, postID: post.id)
    }
    let sameAuthor =
      post.author.isDeletedPlaceholder
      ? stored.author == nil : author != nil && author == stored.author
    var differences: [String] = []
    if !sameAuthor { differences.append("author") }
    if stored.time != post.createdAt { differences.append("created_at") }
    func compare(_ name: String, _ storedKey: String?, _ reference: PostReference?) {
      if let key = reference?.postID, key != storedKey { differences.append(name) }
    }
    compare("reply_to_id", stored.replyTo, post.replyTo)
    compare("repost_of_id", stored.repostOf, post.repostOf)
    compare("quote_of_id", stored.quoteOf, post.quoteOf)
    if !differences.isEmpty {
      counts.conflicts += 1
      if counts.firstConflicts.count < Self.conflictLimit {
        counts.firstConflicts.append(
          "\(post.platform) post \(post.id): \(differences.joined(separator: ", ")) "
            + (differences.count == 1 ? "differs" : "differ"))
      }
    }
    if post.text != nil || post.conversationID != nil {
      fillPost.bind(1, platform.id)
      fillPost.bind(2, post.id)
      fillPost.bind(3, post.text)
      fillPost.bind(4, post.conversationID)
      let filled = try fillPost.run() > 0
      if filled, post.text != nil { batchHasText = true }
      // The fill sets a text only where there was none (coalesce), so the index holds nothing
      // of this post to delete. The batch's own posts are indexed at its end (`indexText`).
      if filled, stored.textIsNull, let text = post.text, stored.row <= lastPostBeforeBatch {
        indexFilledText.bind(1, stored.row)
        indexFilledText.bind(2, text)
        try indexFilledText.run()
      }
    }
    return true
  }

  /// The post `key` names on `platform` if it waits in `postRows` (fewer than
  /// `postsPerInsert`: a scan, newest first).
  private func bufferedPost(_ platform: Int64, _ key: String, _ hash: PostKeyHash)
    -> BufferedPost?
  {
    for index in postRows.indices.reversed() {
      let row = postRows[index]
      if row.keyHash == hash.value, row.platform == platform, row.key == key { return row }
    }
    return nil
  }

  /// Inserts the buffered posts, `postsPerInsert` rows per statement; the rest too, one by
  /// one, when `all`.
  private func insertBufferedPosts(all: Bool) throws(SQLiteFailure) {
    var start = 0
    let count = postRows.count
    guard count > 0 else { return }
    while count - start >= Self.postsPerInsert {
      for index in start..<start + Self.postsPerInsert {
        bind(postRows[index], to: insertPosts, at: Int32((index - start) * 12))
      }
      try insertPosts.run()
      start += Self.postsPerInsert
    }
    if all {
      for index in start..<count {
        bind(postRows[index], to: insertPost, at: 0)
        try insertPost.run()
      }
      start = count
    }
    postRows.removeFirst(start)
  }

  @inline(__always)
  private func bind(_ row: BufferedPost, to statement: SQLiteStatement, at offset: Int32) {
    statement.bind(offset + 1, row.row)
    statement.bind(offset + 2, row.platform)
    statement.bind(offset + 3, row.key)
    statement.bind(offset + 4, row.author)
    statement.bind(offset + 5, row.time)
    statement.bind(offset + 6, row.text)
    statement.bind(offset + 7, row.replyTo)
    statement.bind(offset + 8, row.repostOf)
    statement.bind(offset + 9, row.quoteOf)
    statement.bind(offset + 10, row.conversation)
    statement.bind(offset + 11, row.replyAuthor)
    statement.bind(offset + 12, row.parentRow)
  }

  /// Binds a row's six columns (platform, actor, target, type, time, post) from parameter
  /// `offset + 1` on: the multi-row insert and the one-row one share the order.
  @inline(__always)
  private func bind(_ row: BufferedInteraction, to statement: SQLiteStatement, at offset: Int32) {
    statement.bind(offset + 1, row.platform)
    statement.bind(offset + 2, row.actor)
    statement.bind(offset + 3, row.target)
    statement.bind(offset + 4, row.type)
    statement.bind(offset + 5, row.time)
    statement.bind(offset + 6, row.post)
  }

  /// Inserts the buffered interactions, `interactionsPerInsert` rows per statement; the rest
  /// too, one by one, when `all`.
  private func insertBufferedInteractions(all: Bool) throws(SQLiteFailure) {
    var start = 0
    let count = interactionRows.count
    while count - start >= Self.interactionsPerInsert {
      for index in start..<start + Self.interactionsPerInsert {
        bind(interactionRows[index], to: insertInteractions, at: Int32((index - start) * 6))
      }
      counts.interactionsAdded += try insertInteractions.run()
      start += Self.interactionsPerInsert
    }
    if all {
      for index in start..<count {
        bind(interactionRows[index], to: insertInteraction, at: 0)
        insertInteraction.bind(7, nil as String?)
        insertInteraction.bind(8, 1.0)
        counts.interactionsAdded += try insertInteraction.run()
      }
      start = count
    }
    interactionRows.removeFirst(start)
  }

  /// How many conflicts are described in `BatchCounts.firstConflicts`.
  static let conflictLimit = 5

  /// Writes an interaction given as an edge. Its post id is a label only: edges are unique on
  /// (platform, actor, target, type, time, label), so re-ingesting a file adds nothing.
  func write(_ edge: EdgeRecord) throws(SQLiteFailure) {
    let platforms = try accounts.platform(named: edge.platform)
    let platform = platforms.id
    let time = edge.createdAt
    guard !edge.source.isDeletedPlaceholder, !edge.target.isDeletedPlaceholder else { return }
    let source = try accounts.resolve(edge.source, in: platforms, time: time)
    let target = try accounts.resolve(edge.target, in: platforms, time: time)
    try insertBufferedInteractions(all: true)
    insertInteraction.bind(1, platform)
    insertInteraction.bind(2, source)
    insertInteraction.bind(3, target)
    insertInteraction.bind(4, StoreSchema.code(of: edge.type))
    insertInteraction.bind(5, time)
    insertInteraction.bind(6, nil as Int64?)
    insertInteraction.bind(7, edge.postID)
    insertInteraction.bind(8, edge.weight)
    if try insertInteraction.run() == 1 {
      counts.edgesAdded += 1
    } else {
      counts.duplicatesSkipped += 1
      try checkEdgeConflict(edge, platform: platform, source: source, target: target)
    }
  }

  /// An edge row equal to a stored one except for its weight keeps the stored weight (first
  /// copy seen wins, as for posts) and counts as a conflict, so the disagreement is reported.
  /// Only duplicates pay for the look-up.
  private func checkEdgeConflict(
    _ edge: EdgeRecord, platform: Int64, source: Int64, target: Int64
  ) throws(SQLiteFailure) {
    let statement = findStoredEdgeWeight
    statement.bind(1, platform)
    statement.bind(2, source)
    statement.bind(3, target)
    statement.bind(4, StoreSchema.code(of: edge.type))
    statement.bind(5, edge.createdAt)
    statement.bind(6, edge.postID)
    guard let stored = try statement.firstRow({ $0.double(0) }), stored != edge.weight else {
      return
    }
    counts.conflicts += 1
    if counts.firstConflicts.count < Self.conflictLimit {
      func name(_ account: AccountRef) -> String { account.handle ?? account.userID ?? "?" }
      counts.firstConflicts.append(
        "\(edge.platform) edge \(name(edge.source)) → \(name(edge.target)) \(edge.type.rawValue) "
          + "at \(edge.createdAt): weight differs (kept \(stored), not \(edge.weight))")
    }
  }
}

/// A post-derived interaction row waiting for `BatchWriter.insertBufferedInteractions`.
private struct BufferedInteraction {
  var platform: Int64
  var actor: Int64
  var target: Int64
  var type: Int64
  var time: Int64
  var post: Int64
}

/// A new post waiting for `BatchWriter.insertBufferedPosts`, with the row id it will get.
private struct BufferedPost {
  var row: Int64
  var platform: Int64
  var key: String
  var keyHash: UInt64
  var author: Int64?
  var time: Int64
  var text: String?
  var replyTo: String?
  var repostOf: String?
  var quoteOf: String?
  var conversation: String?
  var replyAuthor: Int64?
  var parentRow: Int64?
}
