import CloutCore
import Foundation
import Testing

@testable import CloutStore

/// The ingest shortcuts that must leave the store exactly as one probe and one insert per row
/// would: what a run knows of the posts it wrote (`RunPostKeys`) and the buffered interaction
/// inserts.
@Suite struct IngestKeyFilterTests {
  @Test func theFilterNeverMissesAWrittenKey() {
    let filter = PostKeyFilter()
    let written = (0..<200_000).map { $0 % 3 == 0 ? "at://did:plc:\($0)/post/\($0 * 7)" : "\($0)" }
    for key in written { filter.insert(PostKeyHash(key)) }
    #expect(written.allSatisfy { filter.mayContain(PostKeyHash($0)) })
    // About 1 in 84,000 at 200,000 keys (PostKeyFilter's figures), so 2.4 expected here: ten
    // times that would mean the hashes are far less independent than designed.
    let unseen = (200_000..<400_000).map { "\($0)" }.filter { filter.mayContain(PostKeyHash($0)) }
    #expect(unseen.count <= 24)
    #expect(!filter.mayContain(PostKeyHash("")))
  }

  /// Random conversations on two platforms, then a copy of the first 40 posts (duplicates,
  /// some with a text the first copy lacked).
  static func records() -> [IngestRecord] {
    let records = randomConversations(seed: 13, count: 400)
    return records + records.prefix(40)
  }

  @Test func aFailedFirstBatchThenAGoodRunGivesTheCleanStore() throws {
    let directory = try TempDirectory()
    let clean = try Store.open(path: directory.path("clean.db"))
    try clean.ingest(Self.records(), batchSize: 100)

    let store = try Store.open(path: directory.path("retried.db"))
    var items: [StreamItem] = Self.records().enumerated().map { .record($1, line: $0 + 2) }
    let bad = RecordError(file: "test.csv", line: 52, message: "bad")
    items.insert(.bad(bad), at: 50)
    var failing = ArrayStream(items)
    #expect(throws: IngestFailure.self) {
      try store.ingest(&failing, source: testSource, options: IngestOptions(batchSize: 100))
    }
    // The whole first batch was rolled back: the platforms are new again for the next run.
    #expect(try store.count("posts") == 0)
    try store.ingest(Self.records(), batchSize: 100)
    #expect(try contents(of: store) == contents(of: clean))
  }

  @Test func aFailedLaterBatchThenAGoodRunGivesTheCleanStore() throws {
    let directory = try TempDirectory()
    let clean = try Store.open(path: directory.path("clean.db"))
    try clean.ingest(Self.records(), batchSize: 100)

    let store = try Store.open(path: directory.path("retried.db"))
    var items: [StreamItem] = Self.records().enumerated().map { .record($1, line: $0 + 2) }
    items.insert(.bad(RecordError(file: "test.csv", line: 252, message: "bad")), at: 250)
    var failing = ArrayStream(items)
    #expect(throws: IngestFailure.self) {
      try store.ingest(&failing, source: testSource, options: IngestOptions(batchSize: 100))
    }
    #expect(try store.count("posts") == 200)
    try store.ingest(Self.records(), batchSize: 100)
    #expect(try contents(of: store) == contents(of: clean))
  }

  /// Another connection that writes posts between two batches of a run (a second ingest
  /// taking turns with it) makes the run's filter unsound: the run must see those posts.
  @Test func postsAnotherConnectionWroteBetweenBatchesAreDuplicates() throws {
    let directory = try TempDirectory()
    let store = try Store.open(path: directory.path("clout.db"))
    let other = try Store.open(path: directory.path("clout.db"))
    let author = account("ann", id: "1")
    let counts = try store.pool.writeWithoutTransaction { db in
      let writer = try BatchWriter(connection: db.sqliteConnection!)
      try db.inTransaction(.immediate) {
        try writer.beginBatch(lastPost: 0)
        try writer.write(post("a", by: author, at: 10))
        try writer.flush()
        return .commit
      }
      try other.ingest([post("b", by: author, at: 20)])
      try db.inTransaction(.immediate) {
        try writer.beginBatch(lastPost: 2)
        try writer.write(post("b", by: author, at: 20))
        try writer.write(post("c", by: author, at: 30))
        try writer.flush()
        return .commit
      }
      return writer.takeCounts()
    }
    #expect(counts.postsAdded == 2)
    #expect(counts.duplicatesSkipped == 1)
    #expect(try store.strings("SELECT post_key FROM posts ORDER BY id") == ["a", "b", "c"])
  }

  /// A copy that follows its post at once finds it although the post may still wait in the
  /// writer's buffer, and its text is filled and indexed; replies find their parents.
  @Test func aCopyOfAPostStillBufferedIsADuplicate() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let ann = account("ann", id: "1")
    var records: [IngestRecord] = []
    for index in 0..<100 {
      let parent = index > 0 ? reference("p\(index - 1)", author: ann) : nil
      records.append(post("p\(index)", by: ann, at: Int64(index), replyTo: parent))
      records.append(
        post("p\(index)", by: ann, at: Int64(index), text: "solar \(index)", replyTo: parent))
    }
    let summary = try store.ingest(records)
    #expect(summary.postsAdded == 100)
    #expect(summary.duplicatesSkipped == 100)
    #expect(summary.conflicts == 0)
    #expect(try store.count("posts", where: "text LIKE 'solar %'") == 100)
    #expect(try store.count("posts", where: "reply_to_post = id - 1") == 99)
    #expect(
      try store.integer("SELECT count(*) FROM post_text WHERE post_text MATCH 'solar'") == 100)
  }

  /// On a platform the store already has, every new post's duplicate check and every
  /// reference is a probe, which also looks among the posts still buffered: replies find
  /// their parents (with and without the parent's author), copies are duplicates and fill
  /// their texts, exactly as when every batch holds one record and nothing is ever buffered.
  @Test func probesOnAPlatformTheStoreHasFindBufferedPosts() throws {
    let ann = account("ann", id: "1")
    let bob = account("bob", id: "2")
    var records: [IngestRecord] = []
    for index in 0..<100 {
      let parent = index > 0 ? reference("p\(index - 1)", author: index % 2 == 0 ? ann : nil) : nil
      let author = index % 3 == 0 ? bob : ann
      records.append(post("p\(index)", by: author, at: Int64(index), replyTo: parent))
      if index % 4 == 0 {
        records.append(
          post("p\(index)", by: author, at: Int64(index), text: "solar \(index)", replyTo: parent))
      }
      if index % 5 == 0 {
        records.append(
          post("q\(index)", by: bob, at: Int64(index), quoteOf: reference("p\(index)")))
      }
    }
    let seed = post("seed", by: ann, at: 0)
    let directory = try TempDirectory()
    let buffered = try openStore(directory, "buffered.db")
    try buffered.ingest([seed])
    let summary = try buffered.ingest(records)
    let unbuffered = try openStore(directory, "unbuffered.db")
    try unbuffered.ingest([seed])
    try unbuffered.ingest(records, batchSize: 1)
    #expect(summary.postsAdded == 120)
    #expect(summary.duplicatesSkipped == 25)
    #expect(try buffered.count("posts", where: "reply_to_post IS NOT NULL") == 99)
    #expect(try buffered.count("pending_parents") == 0)
    #expect(try buffered.count("pending_interactions") == 0)
    #expect(try contents(of: buffered) == contents(of: unbuffered))
  }

  /// Buffered interaction rows are inserted before an edge, so ids follow the input order.
  @Test func interactionsKeepTheInputOrderAroundEdges() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let ann = account("ann", id: "1")
    let bob = account("bob", id: "2")
    let cy = account("cy", id: "3")
    try store.ingest([
      post("1", by: ann, at: 10, mentions: [bob, cy]),
      edge(bob, ann, .mention, at: 11, postID: "e1"),
      post("2", by: cy, at: 12, replyTo: reference("1", author: ann)),
      edge(cy, bob, .quote, at: 13, postID: "e2"),
    ])
    #expect(
      try store.strings(
        "SELECT coalesce(post_key, post_id) || ':' || target_id FROM interactions ORDER BY id")
        == ["1:2", "1:3", "e1:1", "2:1", "e2:2"])
  }

  /// Every row of the tables ingest writes, in row id order, as text.
  func contents(of store: Store) throws -> [String] {
    var rows: [String] = []
    for table in [
      "platforms", "accounts", "posts", "interactions", "pending_interactions",
      "pending_parents", "post_text",
    ] {
      let columns = try store.strings("SELECT name FROM pragma_table_info('\(table)')")
        .compactMap { $0 }
      let row = (["rowid"] + columns).map { "quote(\($0))" }.joined(separator: " || ',' || ")
      rows += try store.strings("SELECT '\(table):' || \(row) FROM \(table) ORDER BY rowid")
        .map { $0 ?? "?" }
    }
    return rows
  }
}
