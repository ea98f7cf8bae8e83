import CloutCore
import Foundation
import GRDB
import Testing

@testable import CloutStore
import CloutTestSupport

/// Write-speed benchmark, off by default. Run in release:
/// `CLOUT_STORE_BENCH=1000000 swift test -c release -Xswiftc -enable-testing
///  --scratch-path .build-store --filter WriteBenchmark --no-parallel`
/// Figures are recorded at the top of Sources/CloutStore/Ingest/BatchWriter.swift.
@Suite struct WriteBenchmark {
  static let posts = Int(ProcessInfo.processInfo.environment["CLOUT_STORE_BENCH"] ?? "") ?? 0

  /// Posts with 1–3 interactions each over 100k accounts: a third are replies to an earlier
  /// post (author known), a tenth quotes, the rest mention one or two accounts.
  static func makeRecords(_ count: Int) -> [IngestRecord] {
    var generator = SeededGenerator(seed: 42)
    let accounts = (0..<100_000).map { index in
      AccountRef(
        userID: "\(1_000_000 + index)", handle: "user\(index)", displayName: "User \(index)")!
    }
    var records: [IngestRecord] = []
    records.reserveCapacity(count)
    for index in 0..<count {
      let author = accounts[Int(generator.next() % 100_000)]
      var post = PostRecord(
        platform: "twitter", id: "\(10_000_000_000 + index)", author: author,
        createdAt: 1_700_000_000 + Int64(index), text: "post number \(index) with some words")
      let kind = generator.next() % 10
      if index > 0, kind < 3 {
        let parent = Int(generator.next() % UInt64(index))
        post.replyTo = PostReference(
          postID: "\(10_000_000_000 + parent)", author: accounts[parent % 100_000])
        post.conversationID = "\(10_000_000_000 + parent)"
      } else if index > 0, kind == 3 {
        let parent = Int(generator.next() % UInt64(index))
        post.quoteOf = PostReference(
          postID: "\(10_000_000_000 + parent)", author: accounts[parent % 100_000])
      }
      let mentions = post.replyTo == nil && post.quoteOf == nil ? 1 + Int(generator.next() % 2) : 1
      for _ in 0..<mentions {
        post.mentions.append(accounts[Int(generator.next() % 100_000)])
      }
      records.append(.post(post))
    }
    return records
  }

  @Test(.enabled(if: posts > 0)) func rawBatchWriter() throws {
    let records = Self.makeRecords(Self.posts)
    let directory = try TempDirectory()
    let store = try openStore(directory)
    if let sql = ProcessInfo.processInfo.environment["CLOUT_STORE_BENCH_SQL"] {
      try store.execute(sql)
    }
    var stream = ArrayStream(records: records)
    let batchSize = Int(ProcessInfo.processInfo.environment["CLOUT_STORE_BENCH_BATCH"] ?? "")
    let options = IngestOptions(batchSize: batchSize ?? 50_000)
    let start = ContinuousClock.now
    let summary = try store.ingest(&stream, source: testSource, options: options)
    let seconds = (ContinuousClock.now - start).seconds
    print(
      "raw: \(summary.postsAdded) posts, \(summary.interactionsAdded) interactions, "
        + "\(summary.accountsAdded) accounts in \(String(format: "%.2f", seconds)) s = "
        + "\(Int(Double(summary.postsAdded) / seconds)) posts/s")
    let again = ContinuousClock.now
    stream = ArrayStream(records: records)
    let second = try store.ingest(&stream, source: testSource, options: IngestOptions())
    let reSeconds = (ContinuousClock.now - again).seconds
    print(
      "raw re-ingest: \(second.duplicatesSkipped) duplicates in "
        + "\(String(format: "%.2f", reSeconds)) s = \(Int(Double(records.count) / reSeconds)) posts/s"
    )
  }

  /// The same posts and interactions written through GRDB cached statements (accounts from
  /// an in-memory dictionary, no account updates: a lower bound on GRDB-only cost).
  @Test(.enabled(if: posts > 0)) func grdbOnlyWriter() throws {
    let records = Self.makeRecords(Self.posts)
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let start = ContinuousClock.now
    var added = 0
    try store.pool.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA cache_size = -262144; PRAGMA foreign_keys = OFF")
      try db.execute(sql: "INSERT OR IGNORE INTO platforms(id, name) VALUES (1, 'twitter')")
      var accountIDs: [String: Int64] = [:]
      func resolve(_ ref: AccountRef, _ time: Int64) throws -> Int64 {
        if let id = accountIDs[ref.userID!] { return id }
        try db.cachedStatement(
          sql: """
            INSERT INTO accounts(platform, user_id, handle, display_name, first_seen, last_seen,
              names_at) VALUES (1, ?, ?, ?, ?, ?, ?)
            """
        ).execute(arguments: [ref.userID, ref.handle, ref.displayName, time, time, time])
        accountIDs[ref.userID!] = db.lastInsertedRowID
        return db.lastInsertedRowID
      }
      for batch in stride(from: 0, to: records.count, by: 50_000) {
        try db.inTransaction(.immediate) {
          for case .post(let post) in records[batch..<min(batch + 50_000, records.count)] {
            let author = try resolve(post.author, post.createdAt)
            var targets: [(Int64, Int64)] = []
            for interaction in post.derivedInteractions() {
              let target = try resolve(interaction.target!, post.createdAt)
              targets.append((target, Int64(interaction.type.precedence)))
            }
            try db.cachedStatement(
              sql: """
                INSERT OR IGNORE INTO posts(platform, post_key, author_id, created_at, text,
                  reply_to_key, repost_of_key, quote_of_key, conversation_key, reply_to_author_id)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            ).execute(arguments: [
              post.id, author, post.createdAt, post.text, post.replyTo?.postID,
              post.repostOf?.postID, post.quoteOf?.postID, post.conversationID,
              post.replyTo == nil ? nil : targets.first?.0,
            ])
            guard db.changesCount == 1 else { continue }
            added += 1
            let postID = db.lastInsertedRowID
            for (target, type) in targets {
              try db.cachedStatement(
                sql: """
                  INSERT OR IGNORE INTO interactions(platform, actor_id, target_id, type,
                    created_at, post_id, weight) VALUES (1, ?, ?, ?, ?, ?, 1)
                  """
              ).execute(arguments: [author, target, type, post.createdAt, postID])
            }
          }
          return .commit
        }
      }
    }
    let seconds = (ContinuousClock.now - start).seconds
    print(
      "grdb-only: \(added) posts in \(String(format: "%.2f", seconds)) s = "
        + "\(Int(Double(added) / seconds)) posts/s")
  }
}

extension Duration {
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}
