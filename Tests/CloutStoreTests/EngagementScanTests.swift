import CloutCore
import Foundation
import Testing

@testable import CloutStore

@Suite struct EngagementScanTests {
  let alice = account("alice", id: "1")
  let bob = account("bob", id: "2")
  let carol = account("carol", id: "3")
  let dave = account("dave", id: "4")
  let erin = account("erin")

  /// alice ← bob ← alice ← carol is one thread; dave replies to a post missing from the store
  /// whose author (erin) the reply names; alice mentions herself.
  var records: [IngestRecord] {
    [
      post("1", by: alice, at: 1_000),
      post("2", by: bob, at: 1_100, replyTo: reference("1", author: alice)),
      post("3", by: alice, at: 1_200, replyTo: reference("2", author: bob)),
      post("4", by: carol, at: 1_300, replyTo: reference("3", author: alice)),
      post("5", by: dave, at: 1_400, replyTo: reference("missing", author: erin)),
      post("6", by: alice, at: 1_500, mentions: [alice]),
    ]
  }

  func names(_ data: EngagementData) -> [String] { data.accounts.map(\.name) }

  @Test func wholeStoreGivesCanonicalAccountsEdgesAndReplyForest() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(records)
    let data = try store.loadEngagementData(EngagementFilter())

    #expect(names(data) == ["alice", "bob", "carol", "dave", "erin"])
    #expect(data.graphAccountCount == 5)
    // bob→alice, alice→bob, carol→alice, dave→erin; the self-mention never enters.
    let edges = zip(data.interactionActors, data.interactionTargets).map { "\($0)→\($1)" }
    #expect(edges.sorted() == ["0→1", "1→0", "2→0", "3→4"])
    #expect(Set(data.interactionTypes) == [.reply])

    // Posts 1–6 in row order, then the placeholder for "missing", authored by erin (4).
    #expect(data.postAuthors == [0, 1, 0, 2, 3, 0, 4])
    #expect(data.postParents == [-1, 0, 1, 2, 6, -1, -1])
    #expect(data.placeholderKeys == [6: "missing"])
    #expect(data.postRowIDs.last == -1)
  }

  @Test func windowKeepsOutOfWindowParentsAsRoots() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(records)
    let data = try store.loadEngagementData(EngagementFilter(since: 1_150, until: 1_450))

    // Interactions in the window: alice→bob (1200), carol→alice (1300), dave→erin (1400).
    #expect(data.interactionCount == 3)
    #expect(
      names(data).prefix(data.graphAccountCount) == ["alice", "bob", "carol", "dave", "erin"])
    // Posts 3, 4, 5 in the window; post 2 (bob, outside) joins as the root of post 3; the
    // placeholder for "missing" comes last.
    #expect(data.postAuthors == [0, 2, 3, 1, 4])
    #expect(data.postParents == [3, 0, 4, -1, -1])
  }

  @Test func platformFilterSelectsOnePlatform() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(
      records + [
        post("m1", by: account("x"), at: 1_000, mentions: [account("y")], platform: "mastodon")
      ])
    let mastodon = try store.loadEngagementData(EngagementFilter(platform: "mastodon"))
    #expect(names(mastodon) == ["x", "y"])
    #expect(mastodon.interactionCount == 1)
    let all = try store.loadEngagementData(EngagementFilter())
    #expect(all.accounts.first?.platform == "mastodon", "platform sorts before name")
  }

  @Test func ingestOrderDoesNotChangeTheData() throws {
    let directory = try TempDirectory()
    let forward = try openStore(directory, "forward.db")
    try forward.ingest(records)
    let backward = try openStore(directory, "backward.db")
    try backward.ingest(records.reversed())
    let a = try forward.loadEngagementData(EngagementFilter())
    let b = try backward.loadEngagementData(EngagementFilter())
    #expect(names(a) == names(b))
    let edgesA = zip(a.interactionActors, a.interactionTargets).map { "\($0)→\($1)" }.sorted()
    let edgesB = zip(b.interactionActors, b.interactionTargets).map { "\($0)→\($1)" }.sorted()
    #expect(edgesA == edgesB)
  }
}
