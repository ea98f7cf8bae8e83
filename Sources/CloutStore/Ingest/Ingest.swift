import CloutCore
import Foundation
import GRDB

extension Store {
  /// Reads `stream` to the end and writes its records in transactions of
  /// `options.batchSize` records, recording the run in `ingest_runs`.
  ///
  /// Each batch commits atomically and every write is idempotent, so an interrupted run leaves
  /// whole batches and re-running the same input completes it. Deferred interactions (whose
  /// target is the author of a post not yet stored) are resolved at the end of every batch
  /// against the posts that batch added.
  ///
  /// - Throws: `IngestFailure` for a bad record without `skipBad` (the current batch is rolled
  ///   back, the run marked failed), or when the input becomes unreadable; `StoreError`
  ///   otherwise.
  public func ingest(
    _ stream: inout some RecordStream, source: IngestSource, options: IngestOptions
  ) throws -> IngestSummary {
    guard !isReadOnly else { throw StoreError.readOnly(path: path) }
    do {
      return try pool.writeWithoutTransaction { db in
        var run = try IngestRun(db: db, source: source, options: options)
        return try RecordPipe.run(&stream) { piped in try run.ingest(&piped) }
      }
    } catch let failure as IngestFailure {
      throw failure
    } catch {
      throw Self.mapError(error, path: path)
    }
  }
}

/// One ingest run on the writer connection.
private struct IngestRun {
  let db: Database
  let source: IngestSource
  let options: IngestOptions
  let runID: Int64
  let writer: BatchWriter
  let started = ContinuousClock.now
  var committed = IngestSummary()
  var records = 0
  var lastReport = ContinuousClock.now

  /// Page cache for the writer during ingest (KiB, as `PRAGMA cache_size` takes negative).
  ///
  /// 64 MiB. The 256 MiB it was cost memory and no time: the store's file stays in the
  /// operating system's cache, so a page SQLite's own cache lacks is a copy, not a disk
  /// read, while every page of a larger cache is fresh memory the kernel has to zero.
  /// Release build, `/usr/bin/time`, one machine, runs alternated:
  /// - posts CSV of `shared/bench/gen.py 10000000 1000000 7`: 256 MiB 49.9 s and 53.4 s,
  ///   413 MB peak; 64 MiB 46.4 s and 54.2 s, 175 MB; 128 MiB 46.3 s; 32 MiB 45.8 s
  ///   (the machine drifted by ±15% over these minutes);
  /// - the 2 GB twitter-v1 file of `scripts/memory-test.sh` (4.2M tweets with text): 256
  ///   MiB 115.9 s and 113.3 s, 624 MB peak; 64 MiB 98.6 s and 103.2 s, 414 MB.
  static let ingestCacheKiB = 65_536

  init(db: Database, source: IngestSource, options: IngestOptions) throws {
    self.db = db
    self.source = source
    self.options = options
    try db.execute(
      sql: """
        INSERT INTO ingest_runs(file, format, started_at, status) VALUES (?, ?, ?, 'running')
        """, arguments: [source.file, source.format, Int64(Date().timeIntervalSince1970)])
    runID = db.lastInsertedRowID
    try db.execute(sql: "PRAGMA cache_size = -\(Self.ingestCacheKiB)")
    // The writer inserts referenced rows (accounts, posts) before the rows that reference them
    // in the same transaction, so per-row foreign key checks only cost time (about 10%).
    try db.execute(sql: "PRAGMA foreign_keys = OFF")
    try db.execute(
      sql: """
        CREATE TEMP TABLE IF NOT EXISTS clout_resolving (
          pending_id INTEGER, platform INTEGER, actor_id INTEGER, target_id INTEGER,
          type INTEGER, precedence INTEGER, created_at INTEGER, post_id INTEGER);
        CREATE TEMP TABLE IF NOT EXISTS clout_parents (child INTEGER, parent INTEGER);
        CREATE TEMP TABLE IF NOT EXISTS clout_precedence (
          code INTEGER PRIMARY KEY, precedence INTEGER NOT NULL);
        DELETE FROM temp.clout_precedence;
        """)
    // The precedence is a core rule, not a property of the stored codes: SQL that keeps the
    // strongest type per post and target reads it from here.
    for type in InteractionType.allCases {
      try db.execute(
        sql: "INSERT INTO temp.clout_precedence(code, precedence) VALUES (?, ?)",
        arguments: [StoreSchema.code(of: type), type.precedence])
    }
    guard let connection = db.sqliteConnection else {
      throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "connection is closed")
    }
    writer = try BatchWriter(connection: connection)
  }

  private enum Stop: Error {
    case badRecord(BadInput)
  }

  mutating func ingest(_ stream: inout some RecordStream) throws -> IngestSummary {
    defer {
      try? db.execute(sql: "PRAGMA cache_size = -2000")
      try? db.execute(sql: "PRAGMA foreign_keys = ON")
    }
    var finished = false
    do {
      while !finished {
        var batch = IngestSummary()
        try db.inTransaction(.immediate) {
          let lastPost = try Int64.fetchOne(db, sql: "SELECT max(id) FROM posts") ?? 0
          try writer.beginBatch(lastPost: lastPost)
          var count = 0
          while count < options.batchSize {
            guard let item = try stream.next() else {
              finished = true
              break
            }
            count += 1
            records += 1
            switch item {
            case .record(let record, let line):
              if let problem = Self.validate(record, line: line, file: source.file) {
                try reject(problem, in: &batch)
              } else {
                try writer.write(record)
              }
            case .bad(let problem):
              try reject(problem, in: &batch)
            }
            if records & 4095 == 0 { report(stream.bytesRead, force: false) }
          }
          try writer.flush()
          try writer.indexText()
          let counts = writer.takeCounts()
          batch.postsAdded = counts.postsAdded
          batch.accountsAdded = counts.accountsAdded
          batch.interactionsAdded = counts.interactionsAdded
          batch.edgesAdded = counts.edgesAdded
          batch.duplicatesSkipped = counts.duplicatesSkipped
          batch.conflicts = counts.conflicts
          batch.firstConflicts = counts.firstConflicts
          batch.interactionsAdded += try resolvePending(addedAfter: lastPost)
          try resolveParents(addedAfter: lastPost)
          batch.batchesCommitted = count > 0 ? 1 : 0
          var total = committed
          total.add(batch)
          try record(total, status: finished ? "ok" : "running")
          return .commit
        }
        committed.add(batch)
      }
    } catch {
      try? record(committed, status: "failed")
      committed.seconds = elapsed
      switch error {
      case Stop.badRecord(let problem):
        throw IngestFailure(error: problem, committed: committed)
      case let problem as BadInput:
        throw IngestFailure(error: problem, committed: committed)
      default:
        throw error
      }
    }
    committed.seconds = elapsed
    report(stream.bytesRead, force: true)
    return committed
  }

  private var elapsed: Double {
    let duration = ContinuousClock.now - started
    return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }

  private func reject(_ problem: BadInput, in batch: inout IngestSummary) throws {
    guard options.skipBad else { throw Stop.badRecord(problem) }
    batch.badRecords += 1
    if committed.firstBadRecords.count + batch.firstBadRecords.count < 5 {
      batch.firstBadRecords.append(problem)
    }
  }

  private mutating func report(_ bytesRead: Int64, force: Bool) {
    guard let progress = options.progress else { return }
    let now = ContinuousClock.now
    guard force || now - lastReport >= .milliseconds(500) else { return }
    lastReport = now
    progress(IngestProgress(records: records, bytesRead: bytesRead, elapsedSeconds: elapsed))
  }

  /// Checks what the store needs beyond what readers guarantee.
  static func validate(_ record: IngestRecord, line: Int, file: String) -> BadInput? {
    switch record {
    case .post(let post):
      if post.platform.isEmpty {
        return BadInput(file: file, line: line, field: "platform", message: "empty platform")
      }
      if post.id.isEmpty {
        return BadInput(file: file, line: line, field: "id", message: "empty post id")
      }
    case .edge(let edge):
      if edge.platform.isEmpty {
        return BadInput(file: file, line: line, field: "platform", message: "empty platform")
      }
      if !edge.weight.isFinite || edge.weight < 0 {
        return BadInput(
          file: file, line: line, field: "weight",
          message: "weight must be a finite number ≥ 0, not \(edge.weight)")
      }
      if edge.weight > InteractionWeighting.maximumWeight {
        return BadInput(
          file: file, line: line, field: "weight",
          message: "weight must be at most 1e12 (the largest weight Clout ranks), not "
            + "\(edge.weight)")
      }
    }
    return nil
  }

  private func record(_ total: IngestSummary, status: String) throws {
    let finishedAt: Int64? = status == "running" ? nil : Int64(Date().timeIntervalSince1970)
    try db.execute(
      sql: """
        UPDATE ingest_runs SET status = ?, finished_at = ?, posts_added = ?, accounts_added = ?,
          interactions_added = ?, edges_added = ?, duplicates = ?, bad_records = ?, batches = ?
        WHERE id = ?
        """,
      arguments: [
        status, finishedAt, total.postsAdded, total.accountsAdded, total.interactionsAdded,
        total.edgesAdded, total.duplicatesSkipped, total.badRecords, total.batchesCommitted,
        runID,
      ])
  }

  /// Turns pending interactions whose referenced post was added after `lastPost` (this batch)
  /// into interactions, one per post and target with the strongest type (upgrading a weaker
  /// one already stored, e.g. a mention of the parent's author), and deletes them.
  /// Returns the number of interactions added.
  private func resolvePending(addedAfter lastPost: Int64) throws -> Int {
    let hasPending =
      try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM pending_interactions)") ?? false
    guard hasPending else { return 0 }
    try db.execute(
      sql: """
        INSERT INTO temp.clout_resolving(
          pending_id, platform, actor_id, target_id, type, precedence, created_at, post_id)
        SELECT p.id, p.platform, p.actor_id, q.author_id, p.type, k.precedence, p.created_at,
          p.post_id
        FROM posts AS q
        JOIN pending_interactions AS p ON p.platform = q.platform AND p.via_post_key = q.post_key
        JOIN temp.clout_precedence AS k ON k.code = p.type
        WHERE q.id > ? AND q.author_id IS NOT NULL
        """, arguments: [lastPost])
    let resolvable = db.changesCount
    // Pending references to a post whose author is gone have nobody to credit: drop them.
    try db.execute(
      sql: """
        DELETE FROM pending_interactions WHERE id IN (
          SELECT p.id FROM posts AS q
          JOIN pending_interactions AS p
            ON p.platform = q.platform AND p.via_post_key = q.post_key
          WHERE q.id > ? AND q.author_id IS NULL)
        """, arguments: [lastPost])
    guard resolvable > 0 else { return 0 }
    // SQLite takes a bare column of a min() aggregate from the row with the minimum: `type`
    // is the strongest type per post and target.
    try db.execute(
      sql: """
        UPDATE interactions SET type = r.type
        FROM (SELECT post_id, target_id, type, min(precedence) AS precedence
              FROM temp.clout_resolving GROUP BY post_id, target_id) AS r
        WHERE interactions.post_id = r.post_id AND interactions.target_id = r.target_id
          AND (SELECT precedence FROM temp.clout_precedence WHERE code = interactions.type)
            > r.precedence
        """)
    try db.execute(
      sql: """
        INSERT OR IGNORE INTO interactions(
          platform, actor_id, target_id, type, created_at, post_id, weight)
        SELECT platform, actor_id, target_id, type, created_at, post_id, 1
        FROM (SELECT platform, actor_id, target_id, type, min(precedence), created_at, post_id
              FROM temp.clout_resolving GROUP BY post_id, target_id)
        """)
    let added = db.changesCount
    try db.execute(
      sql: """
        UPDATE posts SET reply_to_author_id = r.target_id
        FROM temp.clout_resolving AS r
        WHERE posts.id = r.post_id AND r.type = ? AND posts.reply_to_author_id IS NULL;
        DELETE FROM pending_interactions
        WHERE id IN (SELECT pending_id FROM temp.clout_resolving);
        DELETE FROM temp.clout_resolving;
        """, arguments: [StoreSchema.code(of: .reply)])
    return added
  }

  /// Gives replies written before their parent (`pending_parents`) the row id of the parent,
  /// when this batch added it.
  private func resolveParents(addedAfter lastPost: Int64) throws {
    let hasPending =
      try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pending_parents)") ?? false
    guard hasPending else { return }
    // CROSS JOIN keeps SQLite's order: this batch's posts (a row id range) probe the pending
    // index, so replies whose parent never arrives are not re-read at every batch.
    try db.execute(
      sql: """
        INSERT INTO temp.clout_parents(child, parent)
        SELECT w.post_id, q.id FROM posts AS q
        CROSS JOIN pending_parents AS w
          ON w.platform = q.platform AND w.parent_key = q.post_key
        WHERE q.id > ?;
        UPDATE posts SET reply_to_post = r.parent
        FROM temp.clout_parents AS r WHERE posts.id = r.child;
        DELETE FROM pending_parents WHERE post_id IN (SELECT child FROM temp.clout_parents);
        DELETE FROM temp.clout_parents;
        """, arguments: [lastPost])
  }
}
