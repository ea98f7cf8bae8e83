import Foundation
import Testing

@testable import CloutCore

@Suite struct ScoreDefinitionTests {
  func account(_ name: String) -> AccountInfo {
    AccountInfo(platform: "test", handle: name, userID: nil, displayName: nil)
  }

  func data(
    _ names: [String], _ edges: [(UInt32, UInt32, InteractionType, Int64)],
    posts: (authors: [Int32], parents: [Int32]) = ([], [])
  ) -> EngagementData {
    EngagementData(
      accounts: names.map(account), graphAccountCount: names.count,
      interactionActors: edges.map(\.0), interactionTargets: edges.map(\.1),
      interactionTypes: edges.map(\.2), interactionTimes: edges.map(\.3),
      interactionMultipliers: edges.map { _ in 1 }, postAuthors: posts.authors,
      postParents: posts.parents, postRowIDs: posts.authors.indices.map { Int64($0 + 1) })
  }

  @Test func tiesShareACompetitionRank() throws {
    // A star: hub engages x, y and z alike, so they tie at the top; hub is last.
    let ranking = try InfluenceRanking(
      data: data(
        ["hub", "x", "y", "z"], [(0, 1, .reply, 0), (0, 2, .reply, 0), (0, 3, .reply, 0)]))
    #expect(ranking.ranks() == [4, 1, 1, 1])
    #expect(ranking.tiedPositions(of: 2) == 1...3)
    #expect(ranking.tiedPositions(of: 0) == 4...4)
    #expect(ranking.tiedBeyond(count: 1) == 2)
    #expect(ranking.tiedBeyond(count: 3) == 0)
  }

  @Test func partsThatAreZeroForEveryoneLeaveTheMix() throws {
    // Edges without posts: no reply trees, so reply engagement is 0 for everyone. Its weight
    // goes to the others, and the accounts at every other part's maximum score 1, not 0.5.
    let ranking = try InfluenceRanking(
      data: data(
        ["hub", "x", "y", "z"], [(0, 1, .reply, 0), (0, 2, .reply, 0), (0, 3, .reply, 0)]))
    #expect(ranking.scoring.droppedParts == [.engagement])
    #expect(ranking.contributions[1].score == 1)
    #expect(ranking.scoring.effectiveWeights[.engagement] == 0)
    #expect(ranking.scoring.effectiveWeights[.pagerank] == 0.5)
    #expect(ranking.droppedPartNotes.count == 1)
  }

  @Test func partsAddUpWithCalibratedWeights() throws {
    // 0 → 1 reply now, 2 → 1 mention now, 0 → 2 reply one half-life ago.
    let halfLife = 86_400.0
    var parameters = RankingParameters(weighting: try InteractionWeighting(halfLife: halfLife))
    parameters.scoreWeights = try ScoreWeights([
      .pagerank: 0.1, .reach: 0.2, .engagement: 0.3, .activity: 0.4,
    ])
    let ranking = try InfluenceRanking(
      data: data(
        ["a", "b", "c"], [(0, 1, .reply, 86_400), (2, 1, .mention, 86_400), (0, 2, .reply, 0)]),
      parameters: parameters)
    // Activity by hand: b receives 1 + 0.4, c receives 1 × 0.5 (edge weights are Float).
    #expect(abs(ranking.contributions[1].activity - log(2.4)) < 1e-6)
    #expect(abs(ranking.contributions[2].activity - log(1.5)) < 1e-6)
    // No posts: reply engagement leaves the mix, the rest scale to 0.1 : 0.2 : 0.4 of 0.7.
    for node in 0..<3 {
      let pieces = ranking.breakdown(of: node)
      #expect(
        abs(pieces.map(\.contribution).reduce(0, +) - ranking.contributions[node].score) < 1e-15)
      let activity = pieces.first { $0.part == .activity }!
      #expect(abs(activity.weight - 0.4 / 0.7) < 1e-12)
      #expect(abs(activity.maximum - log(2.4)) < 1e-6)
      #expect(
        abs(activity.contribution - 0.4 / 0.7 * ranking.contributions[node].activity / log(2.4))
          < 1e-6)
    }
  }

  @Test func replyEngagementDecaysToo() throws {
    // a's post, replied to by b, whose reply c answers: both replies two half-lives before
    // the newest interaction (a mention of b by c, now).
    let names = ["a", "b", "c"]
    let edges: [(UInt32, UInt32, InteractionType, Int64)] = [
      (1, 0, .reply, 0), (2, 1, .reply, 0), (2, 1, .mention, 2 * 86_400),
    ]
    let posts: ([Int32], [Int32]) = ([0, 1, 2], [-1, 0, 1])
    let decayed = try InfluenceRanking(
      data: data(names, edges, posts: posts),
      parameters: RankingParameters(weighting: try InteractionWeighting(halfLife: 86_400)))
    let undecayed = try InfluenceRanking(
      data: data(names, edges, posts: posts),
      parameters: RankingParameters(weighting: try InteractionWeighting(halfLife: nil)))
    let depth = Double(decayed.replies.maxReplyDepth[0])
    let repliers = Double(decayed.replies.distinctRepliers[0])
    #expect(depth * repliers > 0)
    #expect(decayed.replyRecency[0] == 0.25)
    #expect(decayed.contributions[0].engagement == log1p(0.25 * depth * repliers))
    #expect(undecayed.contributions[0].engagement == log1p(depth * repliers))
  }

  @Test func depthWeightKeepsTheOtherPartsInProportion() throws {
    let weights = try ScoreWeights([.pagerank: 1, .reach: 1, .engagement: 2])
    #expect(weights == .uncalibrated)
    let shifted = weights.withDepthWeight(0.2)
    #expect(shifted[.engagement] == 0.2 && shifted[.pagerank] == 0.4 && shifted[.reach] == 0.4)
    #expect(
      weights.text
        == "pagerank=0.25,reach=0.25,engagement=0.5,activity=0,outreach=0,freshness=0")
  }
}
