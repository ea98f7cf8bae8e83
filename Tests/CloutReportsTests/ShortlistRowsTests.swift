import CloutCore
import Testing

@testable import CloutReports

@Suite struct ShortlistRowsTests {
  func row(
    _ name: String, platform: String, score: Double, depth: Int, repliers: Int,
    firstSeen: Int64?, lastSeen: Int64?, community: Int
  ) -> ShortlistRow {
    ShortlistRow(
      name: name, members: [name.count], platforms: [platform], displayName: name.uppercased(),
      score: score, pagerank: score / 8, maxReplyDepth: depth, distinctRepliers: repliers,
      repliesReceived: repliers + 1, engagers: repliers + 2, interactionsIn: repliers + 3,
      communities: [community], bridgeReach: community, firstSeen: firstSeen, lastSeen: lastSeen,
      profileURL: "https://\(platform)/\(name)", handles: ["\(platform):\(name)"],
      engagedPart: score / 2, engagementPart: score / 4)
  }

  @Test func aPersonSumsReachTakesTheDeepestThreadAndTheWidestSpan() {
    let merged = ShortlistRows.merge(
      [
        row(
          "ann", platform: "mastodon", score: 0.25, depth: 4, repliers: 3, firstSeen: 50,
          lastSeen: 60, community: 2),
        row(
          "annie", platform: "bluesky", score: 0.5, depth: 2, repliers: 5, firstSeen: nil,
          lastSeen: 90, community: 1),
      ], name: "Ann")
    #expect(merged.name == "Ann")
    #expect(merged.members == [3, 5])
    #expect(merged.platforms == ["bluesky", "mastodon"])
    // The best-scoring account's own fields stay: display name and profile.
    #expect(merged.displayName == "ANNIE")
    #expect(merged.profileURL == "https://bluesky/annie")
    #expect(merged.score == 0.75)
    #expect(merged.pagerank == 0.09375)
    #expect(merged.maxReplyDepth == 4)
    #expect(merged.distinctRepliers == 8)
    #expect(merged.repliesReceived == 10)
    #expect(merged.engagers == 12)
    #expect(merged.interactionsIn == 14)
    #expect(merged.firstSeen == 50)
    #expect(merged.lastSeen == 90)
    #expect(merged.handles == ["bluesky:annie", "mastodon:ann"])
    #expect(merged.communities == [1, 2])
    #expect(merged.bridgeReach == 2)
    #expect(merged.engagedPart == 0.375)
    #expect(merged.engagementPart == 0.1875)
  }

  @Test func theCommunityCellListsSeveralAsText() {
    var single = row(
      "bob", platform: "x", score: 1, depth: 0, repliers: 0, firstSeen: nil, lastSeen: nil,
      community: 3)
    #expect(single.communityCell == .integer(3))
    single.communities = [2, 5]
    #expect(single.communityCell == .text("2;5"))
    single.communities = []
    #expect(single.communityCell == .empty)
  }
}
