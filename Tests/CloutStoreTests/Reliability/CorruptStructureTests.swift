import CloutCore
import Foundation
import Testing

@testable import CloutStore

/// Corrupt structure: reply trees and duplicates that real collectors produce when
/// they break. Each case ingests, keeps the store sound, and ranks without trapping.
@Suite struct CorruptStructureTests {
  let alice = account("alice", id: "1")
  let bob = account("bob", id: "2")
  let carol = account("carol", id: "3")

  /// Ingests, checks integrity, and runs the full ranking over the store.
  func ingestAndRank(_ records: [IngestRecord], batchSize: Int = 50_000) throws -> (
    Store, IngestSummary, InfluenceRanking
  ) {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let summary = try store.ingest(records, batchSize: batchSize)
    #expect(try store.integrityProblems() == [])
    let ranking = try InfluenceRanking(data: store.loadEngagementData(EngagementFilter()))
    return (store, summary, ranking)
  }

  @Test func parentIDCyclesAreStoredAndBrokenWhenRanking() throws {
    // 1 → 2 → 3 → 1: each replies to the next.
    let (store, summary, ranking) = try ingestAndRank([
      post("1", by: alice, at: 100, replyTo: reference("3", author: carol)),
      post("2", by: bob, at: 200, replyTo: reference("1", author: alice)),
      post("3", by: carol, at: 300, replyTo: reference("2", author: bob)),
    ])
    #expect(summary.postsAdded == 3)
    #expect(try store.count("interactions") == 3)
    #expect(ranking.forest.cycles.count == 1)
    #expect(ranking.forest.cycles[0].posts.count == 3)
  }

  @Test func aPostReplyingToItselfIsASelfInteractionAndABrokenCycle() throws {
    let (store, summary, ranking) = try ingestAndRank([
      post("1", by: alice, at: 100, replyTo: reference("1", author: alice)),
      post("2", by: bob, at: 200, replyTo: reference("1")),
    ])
    #expect(summary.postsAdded == 2)
    // alice→alice is stored but never enters the graph; bob→alice does.
    #expect(try store.interactionList() == ["alice>alice:reply", "bob>alice:reply"])
    #expect(ranking.forest.cycles.map(\.posts) == [[0]])
    #expect(ranking.graph.edgeCount == 1)
  }

  @Test func repostsOfRepostsCreditTheRepostedAccountEachHop() throws {
    let (store, _, _) = try ingestAndRank([
      post("1", by: alice, at: 100),
      post("2", by: bob, at: 200, repostOf: reference("1")),
      post("3", by: carol, at: 300, repostOf: reference("2")),
      post("4", by: alice, at: 400, repostOf: reference("3", author: carol)),
    ])
    #expect(
      try store.interactionList() == ["alice>carol:repost", "bob>alice:repost", "carol>bob:repost"])
  }

  @Test(arguments: [1, 2, 50_000])
  func aParentArrivingAfterItsReplyIsLinkedAtTheEnd(batchSize: Int) throws {
    let inOrder = try ingestAndRank([
      post("1", by: alice, at: 100),
      post("2", by: bob, at: 200, replyTo: reference("1")),
      post("3", by: carol, at: 300, replyTo: reference("2")),
    ])
    let reversed = try ingestAndRank(
      [
        post("3", by: carol, at: 300, replyTo: reference("2")),
        post("2", by: bob, at: 200, replyTo: reference("1")),
        post("1", by: alice, at: 100),
      ], batchSize: batchSize)
    #expect(try reversed.0.interactionList() == inOrder.0.interactionList())
    #expect(try reversed.0.interactionList() == ["bob>alice:reply", "carol>bob:reply"])
    #expect(try reversed.0.count("pending_interactions") == 0)
    #expect(reversed.2.forest.heights.max() == inOrder.2.forest.heights.max())
  }

  /// The same post id with different content: the first copy wins (documented in the README)
  /// and every disagreeing copy is counted and described.
  @Test func samePostIDWithDifferentContentKeepsTheFirstAndReportsTheConflict() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let summary = try store.ingest([
      post("1", by: alice, at: 100, text: "first"),
      post("9", by: carol, at: 50),
      post("2", by: bob, at: 200, text: "reply", replyTo: reference("1")),
      // Same content again, and a partial copy without text: duplicates, not conflicts.
      post("1", by: alice, at: 100, text: "first"),
      post("2", by: bob, at: 200),
      // Different author and time; a different parent; a copy giving a quote the first lacked.
      post("1", by: carol, at: 999, text: "second"),
      post("2", by: bob, at: 200, replyTo: reference("9")),
      post("9", by: carol, at: 50, quoteOf: reference("1")),
    ])
    #expect(summary.postsAdded == 3)
    #expect(summary.duplicatesSkipped == 5)
    #expect(summary.conflicts == 3)
    #expect(
      summary.firstConflicts == [
        "twitter post 1: author, created_at differ", "twitter post 2: reply_to_id differs",
        "twitter post 9: quote_of_id differs",
      ])
    #expect(try store.strings("SELECT text FROM posts WHERE post_key = '1'") == ["first"])
    #expect(try store.interactionList() == ["bob>alice:reply"])

    // Re-ingesting the first copies reports nothing.
    let again = try store.ingest([post("1", by: alice, at: 100, text: "first")])
    #expect(again.conflicts == 0 && again.duplicatesSkipped == 1)
  }

  @Test func conflictsAcrossBatchesAndRunsAddUp() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let records = (0..<20).map { post("p\($0)", by: alice, at: Int64($0)) }
    try store.ingest(records, batchSize: 7)
    let conflicting = (0..<20).map { post("p\($0)", by: bob, at: Int64($0)) }
    let summary = try store.ingest(conflicting, batchSize: 7)
    #expect(summary.conflicts == 20)
    #expect(summary.firstConflicts.count == 5)
    #expect(summary.postsAdded == 0)
  }
}
