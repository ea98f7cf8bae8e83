import CloutCore
import Foundation
import Testing

@testable import CloutStore

@Suite struct IngestTests {
  let alice = account("alice", id: "1", name: "Alice")
  let bob = account("bob", id: "2", name: "Bob")
  let carol = account("carol", id: "3", name: "Carol")
  let dave = account("dave", id: "4", name: "Dave")

  var sample: [IngestRecord] {
    [
      post("p1", by: alice, at: 100, text: "hello @bob", mentions: [bob]),
      post(
        "p2", by: bob, at: 200, replyTo: reference("p1", author: alice), mentions: [alice, carol]),
      post("p3", by: carol, at: 300, repostOf: reference("p1", author: alice)),
      post("p4", by: dave, at: 400, quoteOf: reference("p2")),
      post("p5", by: alice, at: 500, replyTo: reference("p9")),
      edge(alice, dave, .mention, at: 600, postID: "x1", weight: 2),
      edge(alice, dave, .mention, at: 600),
    ]
  }

  @Test func reingestingAddsNothing() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let first = try store.ingest(sample, batchSize: 3)
    #expect(first.postsAdded == 5)
    #expect(first.accountsAdded == 4)
    #expect(first.interactionsAdded == 5)
    #expect(first.edgesAdded == 2)
    #expect(first.duplicatesSkipped == 0)
    #expect(first.batchesCommitted == 3)
    let tables = ["posts", "accounts", "interactions", "pending_interactions"]
    let counts = try tables.map { try store.count($0) }
    #expect(counts == [5, 4, 7, 1])

    let second = try store.ingest(sample, batchSize: 2)
    #expect(second.postsAdded == 0)
    #expect(second.accountsAdded == 0)
    #expect(second.interactionsAdded == 0)
    #expect(second.edgesAdded == 0)
    #expect(second.duplicatesSkipped == 7)
    #expect(try tables.map { try store.count($0) } == counts)
    #expect(try store.count("ingest_runs", where: "status = 'ok'") == 2)
  }

  @Test func overlappingBatchesMergeByPostID() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(
      [
        post("1", by: alice, at: 10), post("2", by: alice, at: 20),
        post("3", by: bob, at: 30, mentions: [alice]),
      ], batchSize: 2)
    let summary = try store.ingest(
      [
        post("2", by: alice, at: 20, text: "filled later", conversation: "1"),
        post("3", by: bob, at: 30, text: "other copy", mentions: [alice, carol]),
        post("4", by: carol, at: 40),
      ], batchSize: 2)
    #expect(summary.postsAdded == 1)
    #expect(summary.duplicatesSkipped == 2)
    #expect(summary.interactionsAdded == 0)
    #expect(try store.count("posts") == 4)
    // The first copy wins; a later copy fills only missing text and conversation.
    #expect(
      try store.strings("SELECT text FROM posts ORDER BY id") == [
        nil, "filled later", "other copy", nil,
      ])
    #expect(try store.strings("SELECT conversation_key FROM posts WHERE post_key = '2'") == ["1"])
    #expect(try store.interactionList() == ["bob>alice:mention"])
  }

  @Test func interactionRulesEndToEnd() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([
      post("1", by: alice, at: 10),
      // A reply that also mentions the parent's author is one reply.
      post("2", by: bob, at: 20, replyTo: reference("1", author: alice), mentions: [alice, carol]),
      post("3", by: carol, at: 30, repostOf: reference("1", author: alice)),
      post("4", by: dave, at: 40, quoteOf: reference("2", author: bob), mentions: [carol]),
      // Self-interaction: stored, counted apart.
      post("5", by: alice, at: 50, replyTo: reference("1", author: alice)),
      // The same account named by handle only is the same target.
      post("6", by: dave, at: 60, mentions: [account("bob"), bob]),
    ])
    #expect(
      try store.interactionList() == [
        "alice>alice:reply", "bob>alice:reply", "bob>carol:mention", "carol>alice:repost",
        "dave>bob:mention", "dave>bob:quote", "dave>carol:mention",
      ])
    #expect(try store.strings("SELECT reply_to_key FROM posts WHERE post_key = '2'") == ["1"])
    #expect(
      try store.integer("SELECT reply_to_author_id FROM posts WHERE post_key = '2'")
        == store.integer("SELECT id FROM accounts WHERE user_id = '1'"))
    let stats = try store.stats()
    #expect(stats.platforms.count == 1)
    #expect(stats.platforms[0].selfInteractions == 1)
    #expect(
      stats.platforms[0].interactions == [.reply: 1, .repost: 1, .quote: 1, .mention: 3])
  }

  @Test func deferredTargetResolvedLaterInTheSameBatch() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let summary = try store.ingest([
      post("child", by: bob, at: 20, replyTo: reference("parent"), mentions: [alice]),
      post("parent", by: alice, at: 10),
    ])
    #expect(summary.interactionsAdded == 1)
    // The mention of the parent's author became the reply.
    #expect(try store.interactionList() == ["bob>alice:reply"])
    #expect(try store.count("pending_interactions") == 0)
    #expect(
      try store.integer("SELECT reply_to_author_id FROM posts WHERE post_key = 'child'")
        == store.integer("SELECT id FROM accounts WHERE handle = 'alice'"))
  }

  @Test func deferredTargetResolvedInALaterBatch() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let summary = try store.ingest(
      [
        post("child", by: bob, at: 20, quoteOf: reference("parent")),
        post("other", by: carol, at: 30, repostOf: reference("parent")),
        post("parent", by: alice, at: 10),
        post("late", by: dave, at: 40, replyTo: reference("parent")),
      ], batchSize: 1)
    #expect(summary.interactionsAdded == 3)
    #expect(summary.batchesCommitted == 4)
    #expect(
      try store.interactionList() == [
        "bob>alice:quote", "carol>alice:repost", "dave>alice:reply",
      ])
    #expect(try store.count("pending_interactions") == 0)
  }

  @Test func deferredTargetResolvedInALaterIngest() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([post("child", by: bob, at: 20, replyTo: reference("parent"))])
    #expect(try store.count("pending_interactions") == 1)
    #expect(try store.count("interactions") == 0)
    #expect(try store.stats().platforms[0].pendingInteractions == 1)

    let reopened = try openStore(directory)
    let summary = try reopened.ingest([post("parent", by: alice, at: 10)])
    #expect(summary.interactionsAdded == 1)
    #expect(try reopened.interactionList() == ["bob>alice:reply"])
    #expect(try reopened.count("pending_interactions") == 0)
    // A parent on another platform with the same id does not resolve it.
    try reopened.ingest([
      post("c2", by: bob, at: 20, replyTo: reference("p2")),
      post("p2", by: carol, at: 10, platform: "mastodon"),
    ])
    #expect(try reopened.count("pending_interactions") == 1)
  }

  @Test func badRecordRollsBackOnlyTheCurrentBatch() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let bad = RecordError(file: "test.csv", line: 5, field: "created_at", message: "not a date")
    var items: [StreamItem] = [
      .record(post("1", by: alice, at: 10, mentions: [bob]), line: 2),
      .record(post("2", by: bob, at: 20), line: 3),
      .record(post("3", by: carol, at: 30, mentions: [dave]), line: 4),
      .bad(bad),
      .record(post("5", by: alice, at: 50), line: 6),
    ]
    var stream = ArrayStream(items)
    #expect {
      try store.ingest(&stream, source: testSource, options: IngestOptions(batchSize: 2))
    } throws: { error in
      guard let failure = error as? IngestFailure else { return false }
      return failure.error == bad && failure.committed.postsAdded == 2
        && failure.committed.accountsAdded == 2 && failure.committed.interactionsAdded == 1
        && failure.committed.batchesCommitted == 1
        && failure.description.contains("test.csv:5: field 'created_at': not a date")
    }
    #expect(try store.count("posts") == 2)
    #expect(try store.count("accounts") == 2)
    #expect(try store.strings("SELECT status FROM ingest_runs") == ["failed"])
    #expect(try store.integer("SELECT posts_added FROM ingest_runs") == 2)

    // Fixing the input and running again completes it.
    items[3] = .record(post("4", by: dave, at: 40), line: 5)
    stream = ArrayStream(items)
    let summary = try store.ingest(&stream, source: testSource, options: IngestOptions())
    #expect(summary.postsAdded == 3)
    #expect(summary.duplicatesSkipped == 2)
    #expect(try store.count("posts") == 5)
    #expect(try store.count("accounts") == 4)
  }

  @Test func skipBadCountsAndKeepsTheFirstFive() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    var items: [StreamItem] = []
    var bad: [RecordError] = []
    for index in 0..<7 {
      let problem = RecordError(file: "f.csv", line: index * 2 + 3, message: "bad \(index)")
      bad.append(problem)
      items.append(.record(post("\(index)", by: alice, at: Int64(index)), line: index * 2 + 2))
      items.append(.bad(problem))
    }
    // Records the store itself refuses count as bad too.
    items.append(.record(edge(alice, bob, .mention, at: 1, weight: -1), line: 99))
    var stream = ArrayStream(items)
    let summary = try store.ingest(
      &stream, source: testSource, options: IngestOptions(batchSize: 3, skipBad: true))
    #expect(summary.postsAdded == 7)
    #expect(summary.badRecords == 8)
    #expect(summary.firstBadRecords == Array(bad.prefix(5)))
    #expect(try store.integer("SELECT bad_records FROM ingest_runs") == 8)
  }

  @Test func edgesAreIdempotentAndKeepTheirWeight() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let edges = [
      edge(alice, bob, .reply, at: 10, postID: "e1", weight: 0.5),
      edge(alice, bob, .reply, at: 10, postID: "e2"),
      edge(alice, bob, .reply, at: 10),
      edge(alice, bob, .quote, at: 10),
      edge(bob, bob, .mention, at: 11),
    ]
    let first = try store.ingest(edges)
    #expect(first.edgesAdded == 5)
    #expect(first.interactionsAdded == 0)
    let second = try store.ingest(edges)
    #expect(second.edgesAdded == 0)
    #expect(second.duplicatesSkipped == 5)
    #expect(try store.count("interactions") == 5)
    #expect(try store.count("interactions", where: "post_id IS NULL AND weight = 0.5") == 1)
    #expect(try store.stats().platforms[0].selfInteractions == 1)
  }

  @Test func progressIsReported() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let reports = Reports()
    var stream = ArrayStream(records: (0..<10).map { post("\($0)", by: alice, at: Int64($0)) })
    let options = IngestOptions(batchSize: 4) { reports.append($0) }
    let summary = try store.ingest(&stream, source: testSource, options: options)
    #expect(summary.postsAdded == 10)
    #expect(summary.batchesCommitted == 3)
    #expect(reports.last?.records == 10)
    #expect(reports.last?.bytesRead == 1000)
  }
}

/// Collects progress reports from the `@Sendable` callback.
final class Reports: @unchecked Sendable {
  private let lock = NSLock()
  private var reports: [IngestProgress] = []

  func append(_ report: IngestProgress) { lock.withLock { reports.append(report) } }
  var last: IngestProgress? { lock.withLock { reports.last } }
}
