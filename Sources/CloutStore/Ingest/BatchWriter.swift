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
  private(set) var counts = BatchCounts()

  private let insertPost: SQLiteStatement
  private let fillPost: SQLiteStatement
  private let findPostAuthor: SQLiteStatement
  private let findStoredPost: SQLiteStatement
  private let insertInteraction: SQLiteStatement
  private let insertPending: SQLiteStatement
  private let findStoredEdgeWeight: SQLiteStatement

  /// Scratch space reused across posts: resolved targets and deferred references.
  private var targets: [(account: Int64, type: Int64)] = []
  private var deferred: [(type: Int64, postKey: String)] = []
  /// Positions in `targets` by account, kept once a post has 16 targets or more.
  private var targetIndex: [Int64: Int] = [:]

  init(connection: OpaquePointer) throws(SQLiteFailure) {
    accounts = try AccountResolver(connection: connection)
    insertPost = try SQLiteStatement(
      connection,
      """
      INSERT OR IGNORE INTO posts(platform, post_key, author_id, created_at, text, reply_to_key,
        repost_of_key, quote_of_key, conversation_key, reply_to_author_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
      """)
    fillPost = try SQLiteStatement(
      connection,
      """
      UPDATE posts SET text = coalesce(text, ?3), conversation_key = coalesce(conversation_key, ?4)
      WHERE platform = ?1 AND post_key = ?2
        AND ((text IS NULL AND ?3 IS NOT NULL) OR (conversation_key IS NULL AND ?4 IS NOT NULL))
      """)
    findPostAuthor = try SQLiteStatement(
      connection, "SELECT author_id FROM posts WHERE platform = ?1 AND post_key = ?2")
    findStoredPost = try SQLiteStatement(
      connection,
      """
      SELECT author_id, created_at, reply_to_key, repost_of_key, quote_of_key
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
    try accounts.flush()
  }

  func write(_ record: IngestRecord) throws(SQLiteFailure) {
    switch record {
    case .post(let post): try write(post)
    case .edge(let edge): try write(edge)
    }
  }

  /// Writes a post and the interactions it gives (see `PostRecord.derivedInteractions`).
  /// A reference whose author is unknown is credited to the referenced post's author when
  /// that post is already stored, and otherwise kept in `pending_interactions`.
  func write(_ post: PostRecord) throws(SQLiteFailure) {
    let platforms = try accounts.platform(named: post.platform)
    let platform = platforms.id
    let time = post.createdAt
    // A post whose author is gone is kept (its replies hang under it) but has no account and
    // gives no interactions: nobody is there to give them.
    let author: Int64? =
      post.author.isDeletedPlaceholder
      ? nil : try accounts.resolve(post.author, in: platforms, time: time)

    targets.removeAll(keepingCapacity: true)
    if !targetIndex.isEmpty { targetIndex.removeAll() }
    deferred.removeAll(keepingCapacity: true)
    var replyAuthor: Int64?
    for interaction in author == nil ? [] : post.derivedInteractions() {
      let type = StoreSchemaCodes.code(interaction.type)
      let target: Int64
      if let ref = interaction.target {
        // A deleted author is never credited.
        if ref.isDeletedPlaceholder { continue }
        target = try accounts.resolve(ref, in: platforms, time: time)
      } else if let postKey = interaction.viaPostID {
        findPostAuthor.bind(1, platform)
        findPostAuthor.bind(2, postKey)
        guard let found = try findPostAuthor.firstRow({ $0.isNull(0) ? -1 : $0.int64(0) }) else {
          deferred.append((type, postKey))
          continue
        }
        // The referenced post's author is gone: nobody to credit.
        if found < 0 { continue }
        target = found
      } else {
        continue
      }
      if interaction.type == .reply { replyAuthor = target }
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

    insertPost.bind(1, platform)
    insertPost.bind(2, post.id)
    insertPost.bind(3, author)
    insertPost.bind(4, time)
    insertPost.bind(5, post.text)
    insertPost.bind(6, post.replyTo?.postID)
    insertPost.bind(7, post.repostOf?.postID)
    insertPost.bind(8, post.quoteOf?.postID)
    insertPost.bind(9, post.conversationID)
    insertPost.bind(10, replyAuthor)
    guard try insertPost.run() == 1 else {
      counts.duplicatesSkipped += 1
      try checkConflict(post, platform: platform, author: author)
      if post.text != nil || post.conversationID != nil {
        fillPost.bind(1, platform)
        fillPost.bind(2, post.id)
        fillPost.bind(3, post.text)
        fillPost.bind(4, post.conversationID)
        try fillPost.run()
      }
      return
    }
    let postRow = insertPost.lastInsertedRowID
    counts.postsAdded += 1

    guard let author else { return }
    for (target, type) in targets {
      insertInteraction.bind(1, platform)
      insertInteraction.bind(2, author)
      insertInteraction.bind(3, target)
      insertInteraction.bind(4, type)
      insertInteraction.bind(5, time)
      insertInteraction.bind(6, postRow)
      insertInteraction.bind(7, nil as String?)
      insertInteraction.bind(8, 1.0)
      counts.interactionsAdded += try insertInteraction.run()
    }
    for (type, postKey) in deferred {
      insertPending.bind(1, platform)
      insertPending.bind(2, author)
      insertPending.bind(3, postRow)
      insertPending.bind(4, type)
      insertPending.bind(5, time)
      insertPending.bind(6, postKey)
      try insertPending.run()
    }
  }

  /// How many conflicts are described in `BatchCounts.firstConflicts`.
  static let conflictLimit = 5

  /// Counts `post` as a conflict when it disagrees with the stored copy of the same post.
  private func checkConflict(_ post: PostRecord, platform: Int64, author: Int64?)
    throws(SQLiteFailure)
  {
    findStoredPost.bind(1, platform)
    findStoredPost.bind(2, post.id)
    let stored = try findStoredPost.firstRow { row in
      (
        author: row.isNull(0) ? nil : row.int64(0), time: row.int64(1),
        replyTo: row.string(2), repostOf: row.string(3), quoteOf: row.string(4)
      )
    }
    guard let stored else { return }
    var differences: [String] = []
    if stored.author != author { differences.append("author") }
    if stored.time != post.createdAt { differences.append("created_at") }
    func compare(_ name: String, _ storedKey: String?, _ reference: PostReference?) {
      if let key = reference?.postID, key != storedKey { differences.append(name) }
    }
    compare("reply_to_id", stored.replyTo, post.replyTo)
    compare("repost_of_id", stored.repostOf, post.repostOf)
    compare("quote_of_id", stored.quoteOf, post.quoteOf)
    guard !differences.isEmpty else { return }
    counts.conflicts += 1
    if counts.firstConflicts.count < Self.conflictLimit {
      counts.firstConflicts.append(
        "\(post.platform) post \(post.id): \(differences.joined(separator: ", ")) "
          + (differences.count == 1 ? "differs" : "differ"))
    }
  }

  /// Writes an interaction given as an edge. Its post id is a label only: edges are unique on
  /// (platform, actor, target, type, time, label), so re-ingesting a file adds nothing.
  func write(_ edge: EdgeRecord) throws(SQLiteFailure) {
    let platforms = try accounts.platform(named: edge.platform)
    let platform = platforms.id
    let time = edge.createdAt
    guard !edge.source.isDeletedPlaceholder, !edge.target.isDeletedPlaceholder else { return }
    let source = try accounts.resolve(edge.source, in: platforms, time: time)
    let target = try accounts.resolve(edge.target, in: platforms, time: time)
    insertInteraction.bind(1, platform)
    insertInteraction.bind(2, source)
    insertInteraction.bind(3, target)
    insertInteraction.bind(4, StoreSchemaCodes.code(edge.type))
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
    statement.bind(4, StoreSchemaCodes.code(edge.type))
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

/// `interactions.type` codes: the type's precedence, 0 = reply (strongest).
enum StoreSchemaCodes {
  @inline(__always)
  static func code(_ type: InteractionType) -> Int64 { Int64(type.precedence) }
}
