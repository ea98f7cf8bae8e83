import CloutCore
import Foundation
import GRDB
import Testing

@testable import CloutStore

/// The full-text index as ingest fills it once per batch (schema v6): the same index FTS5
/// builds from the posts themselves, whatever the batches, copies and text fills.
@Suite struct BatchTextIndexTests {
  let alice = account("alice", id: "1")
  let bob = account("bob", id: "2")
  let carol = account("carol", id: "3")

  /// Every indexed token occurrence (term, post row, offset), in a fixed order.
  func indexContents(_ store: Store) throws -> [String] {
    try store.strings(
      "SELECT term || ' ' || doc || ' ' || offset FROM post_terms ORDER BY term, doc, offset"
    ).map { $0 ?? "?" }
  }

  /// The index FTS5 builds from scratch from the posts (`rebuild` reads the same source the
  /// per-post triggers of schema 4 and 5 read), for comparison with what ingest built.
  func rebuiltIndexContents(_ store: Store) throws -> [String] {
    try store.execute("INSERT INTO post_text(post_text) VALUES ('rebuild')")
    return try indexContents(store)
  }

  /// Posts with and without text, replies, a copy that fills a text in its own batch, copies
  /// that fill texts of posts written in earlier batches, copies that change nothing.
  var mixed: [IngestRecord] {
    [
      post("1", by: alice, at: 1, text: "Solar panels on the roof"),
      post("2", by: bob, at: 2),
      post("3", by: carol, at: 3, text: "#solar café", replyTo: reference("1")),
      post("2", by: bob, at: 2, text: "late text for two"),
      post("4", by: alice, at: 4),
      post("5", by: bob, at: 5, text: "", replyTo: reference("4")),
      post("6", by: carol, at: 6),
      post("1", by: alice, at: 1, text: "a different copy is not indexed"),
      post("7", by: alice, at: 7, text: "wind and solar", mentions: [bob]),
      post("4", by: alice, at: 4, text: "four filled later"),
      post("6", by: carol, at: 6, conversation: "c6"),
      post("8", by: bob, at: 8),
    ]
  }

  @Test(arguments: [1, 2, 3, 5, 50])
  func theBatchIndexEqualsTheIndexRebuiltFromThePosts(batchSize: Int) throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(mixed, batchSize: batchSize)
    // A second pass adds nothing; a third input fills the last text-less posts.
    try store.ingest(mixed, batchSize: batchSize)
    try store.ingest(
      [post("8", by: bob, at: 8, text: "eight at last"), post("6", by: carol, at: 6, text: "six")],
      batchSize: batchSize)
    #expect(try store.textIndexProblems() == [])
    let built = try indexContents(store)
    #expect(built.contains("four 4 0"))
    #expect(built.contains("late 2 0"))
    #expect(built.contains("eight 8 0"))
    #expect(!built.contains { $0.hasPrefix("different ") })
    #expect(built == (try rebuiltIndexContents(store)))
    #expect(try store.select(topic: try TopicQuery("solar")).matchedPosts == 2)
    #expect(try store.select(topic: try TopicQuery("#solar")).matchedPosts == 1)
    #expect(try store.select(topic: try TopicQuery("filled")).matchedPosts == 1)
  }

  /// A store of schema 5, whose index the per-post triggers kept, migrates to schema 6 with
  /// its index intact and without the triggers; ingest then indexes new posts and fills.
  @Test func aVersionFiveStoreIndexedByTriggersMigratesAndKeepsItsIndex() throws {
    let directory = try TempDirectory()
    let path = directory.path("v5.db")
    let queue = try DatabaseQueue(path: path)
    try StoreSchema.migrator.migrate(queue, upTo: "v5-followers")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO platforms(id, name) VALUES (1, 'twitter');
          INSERT INTO accounts(id, platform, user_id, handle, first_seen, last_seen, names_at)
            VALUES (1, 1, '1', 'alice', 1, 2, 1), (2, 1, '2', 'bob', 2, 2, 2);
          INSERT INTO posts(id, platform, post_key, author_id, created_at, text)
            VALUES (1, 1, 'p1', 1, 1, 'old solar post'), (2, 1, 'p2', 2, 2, NULL);
          """)
    }
    try queue.close()

    let store = try openStore(directory, "v5.db")
    #expect(try store.integer("PRAGMA user_version") == Int64(StoreSchema.version))
    #expect(try store.count("sqlite_master", where: "type = 'trigger'") == 0)
    #expect(try store.textIndexProblems() == [])
    #expect(try store.select(topic: try TopicQuery("solar")).matchedPosts == 1)

    try store.ingest([
      post("p2", by: bob, at: 2, text: "filled solar text"),
      post("p3", by: alice, at: 3, text: "new solar post", replyTo: reference("p2")),
    ])
    #expect(try store.textIndexProblems() == [])
    #expect(try store.select(topic: try TopicQuery("solar")).matchedPosts == 3)
    #expect(try store.select(topic: try TopicQuery("filled")).matchedPosts == 1)
    #expect(try indexContents(store) == (try rebuiltIndexContents(store)))
  }

  /// A batch that fails rolls its index rows back with its posts.
  @Test func aFailedBatchLeavesNoIndexRows() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([post("1", by: alice, at: 1, text: "kept words")])
    var stream = ArrayStream([
      .record(post("2", by: bob, at: 2, text: "lost words"), line: 2),
      .record(post("", by: bob, at: 3, text: "bad record"), line: 3),
    ])
    #expect(throws: IngestFailure.self) {
      try store.ingest(&stream, source: testSource, options: IngestOptions(batchSize: 10))
    }
    #expect(try store.count("posts") == 1)
    #expect(try store.select(topic: try TopicQuery("lost")).matchedPosts == 0)
    #expect(try store.select(topic: try TopicQuery("kept")).matchedPosts == 1)
    #expect(try store.textIndexProblems() == [])
  }
}
