import CloutCore
import Foundation
import Testing

@testable import CloutStore

/// A topic cut out of the snapshot (`TopicSlice`) gives exactly what the SQL path gives: the
/// same matched count, the same posts, and data equal field by field and in order (parallel
/// edges are summed in input order, so the order is part of the result).
@Suite struct TopicSliceTests {
  /// Every field of the data, as text: `EngagementData` is not `Equatable`.
  func describe(_ data: EngagementData) -> String {
    "\(data.accounts) \(data.graphAccountCount) \(data.interactionActors) "
      + "\(data.interactionTargets) \(data.interactionTypes) \(data.interactionTimes) "
      + "\(data.interactionMultipliers) \(data.postAuthors) \(data.postParents) "
      + "\(data.postRowIDs) \(data.placeholderKeys.sorted { $0.key < $1.key }) "
      + "\(String(describing: data.since)) \(String(describing: data.until))"
  }

  /// Both paths for each query; the snapshot path must be the one taken.
  func compareBothPaths(_ store: Store, queries: [String]) throws {
    _ = try store.loadEngagementData(EngagementFilter(), snapshotMinimumRows: 0)
    var interactions = 0
    for text in queries {
      let query = try TopicQuery(text)
      let sql = try store.loadEngagementData(
        topic: query, EngagementFilter(), snapshotMinimumRows: nil)
      let cut = try #require(try store.topicFromSnapshot(query), "\(text)")
      #expect(cut.selection == sql.selection, "\(text)")
      #expect(describe(cut.data) == describe(sql.data), "\(text)")
      interactions += sql.data.interactionCount
    }
    // The queries are not all empty: there was something to compare.
    #expect(interactions > 0)
  }

  @Test func handMadeTreesGiveTheSameDataAsTheSQLPath() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let alice = account("alice", id: "1")
    let bob = account("bob", id: "2")
    let carol = account("carol", id: "3")
    let dave = account("dave", id: "4")
    let erin = account("erin", id: "5")
    let frank = account(id: "6")  // no handle: named by user id
    let other = account("alice", id: "7")  // alice's handle, another user
    try store.ingest([
      post("a1", by: alice, at: 1_000, text: "Good morning"),
      post("a2", by: bob, at: 1_100, text: "the Solar panels", replyTo: reference("a1")),
      post(
        "a3", by: carol, at: 1_200, text: "nice", replyTo: reference("a2"),
        mentions: [dave, alice, erin]),
      post("a4", by: dave, at: 1_250, text: "solar again", replyTo: reference("a3")),
      post("b1", by: dave, at: 1_300, text: "lunch?"),
      post("b2", by: alice, at: 1_400, text: "yes", replyTo: reference("b1"), mentions: [bob]),
      post("c1", by: carol, at: 1_500, text: "solar flare", mentions: [dave, bob]),
      post("c2", by: frank, at: 1_510, repostOf: reference("c1", author: carol)),
      post("c3", by: other, at: 1_520, text: "wow", quoteOf: reference("c1", author: carol)),
      post("e1", by: dave, at: 1_600, text: "hm", replyTo: reference("gone", author: erin)),
      post("e2", by: bob, at: 1_700, text: "SOLAR", replyTo: reference("gone", author: erin)),
      post("e3", by: frank, at: 1_710, text: "hm", replyTo: reference("e2", author: bob)),
      post("f1", by: erin, at: 1_800, text: "#solar", replyTo: reference("lost")),
      // A reply that arrives before its parent: resolved when the parent comes.
      post("g2", by: alice, at: 1_900, text: "late solar", replyTo: reference("g1")),
      post("g1", by: carol, at: 1_850, text: "early"),
      edge(alice, bob, .mention, at: 1_950),
    ])
    try compareBothPaths(
      store,
      queries: ["solar", "#solar", "nice", "hm OR lunch", "wow", "morning", "nothing"])
  }

  /// Random conversations (replies to earlier, missing and later posts, cycles included).
  @Test func randomConversationsGiveTheSameDataAsTheSQLPath() throws {
    for seed in 1...4 {
      let directory = try TempDirectory()
      let store = try openStore(directory)
      try store.ingest(randomConversations(seed: UInt64(seed)), batchSize: 40)
      try compareBothPaths(
        store, queries: randomConversationWords + ["solar OR tide", "wind NOT sun", "#grid*"])
    }
  }

  @Test func aCycleOfRepliesIsOneTree() {
    // 0 ← 1, 2 → 3 → 2 (a cycle), 4 → 3, 5 alone.
    let tree = TopicSlice.treeRepresentatives([-1, 0, 3, 2, 3, -1])
    #expect(tree == [0, 0, 2, 2, 2, 5])
  }
}
