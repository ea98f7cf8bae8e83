import CloutCore
import GRDB
import Testing

@testable import CloutStore

/// The topic rule walked in memory (`TopicConversations`) selects exactly the posts the
/// recursive SQL walk selects, which stays the path for stores whose row ids are sparse.
@Suite struct TopicConversationsTests {
  /// The in-memory walk of `matching`, or nil when it declines the store.
  func inMemory(_ store: Store, _ query: TopicQuery) throws -> [Int64]? {
    try store.pool.read { db in
      let connection = db.sqliteConnection!
      return try TopicConversations(connection: connection)
        .select(matching: try Store.matchingRowIDs(connection, query))
    }
  }

  /// Both walks agree for every query, and the in-memory one was the one taken.
  func compareBothWalks(_ store: Store, queries: [String], expectInMemory: Bool = true) throws {
    var selected = 0
    for text in queries {
      let query = try TopicQuery(text)
      let sql = try store.select(topic: query, inMemory: false)
      let memory = try store.select(topic: query, inMemory: true)
      #expect(memory == sql, "\(text)")
      #expect((try inMemory(store, query) != nil) == expectInMemory, "\(text)")
      selected += sql.posts.rowIDs.count
    }
    #expect(selected > 0)
  }

  @Test func handMadeTreesSelectTheSamePostsBothWays() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let alice = account("alice", id: "1")
    let bob = account("bob", id: "2")
    let carol = account("carol", id: "3")
    try store.ingest([
      post("a1", by: alice, at: 1_000, text: "Good morning"),
      post("a2", by: bob, at: 1_100, text: "solar panels", replyTo: reference("a1")),
      post("a3", by: carol, at: 1_200, text: "nice", replyTo: reference("a2")),
      post("a4", by: alice, at: 1_210, text: "and wind", replyTo: reference("a2")),
      post("b1", by: carol, at: 1_300, text: "lunch?"),
      post("b2", by: alice, at: 1_400, text: "yes", replyTo: reference("b1")),
      // Three replies to a post never stored: one tree, whichever of them matches.
      post("e1", by: carol, at: 1_600, text: "hm", replyTo: reference("gone", author: bob)),
      post("e2", by: bob, at: 1_700, text: "tide", replyTo: reference("gone", author: bob)),
      post("e3", by: alice, at: 1_710, text: "ok", replyTo: reference("e1")),
      post("e4", by: alice, at: 1_720, text: "x", replyTo: reference("gone", author: bob)),
      // A reply stored before its parent.
      post("g2", by: alice, at: 1_900, text: "late wind", replyTo: reference("g1")),
      post("g1", by: carol, at: 1_850, text: "early"),
    ])
    try compareBothWalks(
      store, queries: ["solar", "nice", "wind", "tide", "ok", "early", "lunch OR yes", "none"])
    let solar = try store.select(topic: try TopicQuery("solar"))
    let keys = try store.posts(rowIDs: solar.posts.rowIDs).values.map(\.key).sorted()
    #expect(keys == ["a1", "a2", "a3", "a4"])
    let tide = try store.select(topic: try TopicQuery("ok"))
    #expect(
      try store.posts(rowIDs: tide.posts.rowIDs).values.map(\.key).sorted() == [
        "e1", "e2", "e3", "e4",
      ])
  }

  /// Random conversations: replies to earlier, missing and later posts (cycles included).
  @Test func randomConversationsSelectTheSamePostsBothWays() throws {
    for seed in 1...6 {
      let directory = try TempDirectory()
      let store = try openStore(directory)
      try store.ingest(randomConversations(seed: UInt64(seed), count: 300), batchSize: 37)
      try compareBothWalks(
        store, queries: randomConversationWords + ["solar OR tide", "wind NOT sun", "#grid*"])
    }
  }

  @Test func aCycleOfRepliesIsWalkedOnce() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let alice = account("alice", id: "1")
    try store.ingest([
      post("c1", by: alice, at: 1, text: "solar", replyTo: reference("c3")),
      post("c2", by: alice, at: 2, text: "x", replyTo: reference("c1")),
      post("c3", by: alice, at: 3, text: "y", replyTo: reference("c2")),
      post("c4", by: alice, at: 4, text: "z", replyTo: reference("c3")),
      post("d1", by: alice, at: 5, text: "other"),
    ])
    #expect(try store.integer("SELECT count(*) FROM posts WHERE reply_to_post IS NOT NULL") == 4)
    try compareBothWalks(store, queries: ["solar", "z", "other"])
    #expect(try store.select(topic: try TopicQuery("z")).posts.rowIDs.count == 4)
  }

  /// Row ids far apart (a store edited by hand) would make tables by row id huge: the SQL
  /// walk answers instead, with the same rule.
  @Test func sparseRowIDsFallBackToTheSQLWalk() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(randomConversations(seed: 9, count: 120))
    try store.execute(
      """
      INSERT INTO posts (id, platform, post_key, author_id, created_at)
      SELECT 50000000, platform, 'far', author_id, created_at FROM posts WHERE id = 1
      """)
    try compareBothWalks(store, queries: ["solar", "wind"], expectInMemory: false)
  }
}

/// The reply links read in two halves on two connections are the links read in one pass,
/// also when the second connection declines or fails and the first reads its half.
@Suite struct ReplyLinksTests {
  struct Declined: Error {}

  func describe(_ links: ReplyLinks, maxID: Int) -> [String] {
    (1...maxID).map { post in "\(links.parent(of: post)) \(Array(links.children(of: post)))" }
  }

  @Test func halvesOnTwoConnectionsGiveTheLinksOfOnePass() throws {
    for seed in 1...4 {
      let directory = try TempDirectory()
      let store = try openStore(directory)
      try store.ingest(randomConversations(seed: UInt64(seed), count: 400), batchSize: 53)
      let maxID = Int(try #require(try store.integer("SELECT max(id) FROM posts")))
      let declining: ReplyLinks.Reader = { _, _ in nil }
      let failing: ReplyLinks.Reader = { _, _ in .failure(Declined()) }
      try store.pool.read { db in
        let connection = db.sqliteConnection!
        let onePass = try #require(try ReplyLinks(connection: connection, maxID: maxID))
        let expected = describe(onePass, maxID: maxID)
        #expect(expected.contains { !$0.hasPrefix("0 ") })
        let second = try store.replyLinkReader(sameStateAs: connection)
        for reader in [second, declining, failing] {
          let halves = try #require(
            try ReplyLinks(
              connection: connection, maxID: maxID, secondReader: reader, splitMinimum: 0))
          #expect(describe(halves, maxID: maxID) == expected, "seed \(seed)")
        }
      }
    }
  }

  @Test func aSecondConnectionThatSeesAnotherStateDeclines() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(randomConversations(seed: 5, count: 50))
    let reader = try store.pool.read { db in
      try store.replyLinkReader(sameStateAs: db.sqliteConnection!)
    }
    try store.ingest(
      randomConversations(seed: 6, count: 50).map { record in
        guard case .post(var post) = record else { return record }
        post.id = "later-" + post.id
        return .post(post)
      })
    let tables = ReplyLinkTables(maxID: 200)
    #expect(reader(1...200, tables) == nil)
  }
}
