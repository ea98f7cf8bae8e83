import Testing

@testable import CloutCore

@Suite struct InfluenceRankingTests {
  func account(_ name: String) -> AccountInfo {
    AccountInfo(platform: "test", handle: name, userID: nil, displayName: nil)
  }

  /// "starter" (0) posts once and five different accounts reply in a chain 5 deep;
  /// "celebrity" (1) is mentioned by the same five accounts and nobody replies to it.
  func conversationVersusMentions() -> EngagementData {
    let names = ["starter", "celebrity", "r1", "r2", "r3", "r4", "r5"]
    var actors: [UInt32] = []
    var targets: [UInt32] = []
    var types: [InteractionType] = []
    // Reply chain: r1 → starter, r2 → r1, …, r5 → r4.
    for replier in 2...6 {
      actors.append(UInt32(replier))
      targets.append(replier == 2 ? 0 : UInt32(replier - 1))
      types.append(.reply)
    }
    // Mentions of the celebrity by every replier, twice.
    for _ in 0..<2 {
      for replier in 2...6 {
        actors.append(UInt32(replier))
        targets.append(1)
        types.append(.mention)
      }
    }
    return EngagementData(
      accounts: names.map(account), graphAccountCount: names.count, interactionActors: actors,
      interactionTargets: targets, interactionTypes: types,
      interactionTimes: Array(repeating: 100, count: actors.count),
      interactionMultipliers: Array(repeating: 1, count: actors.count),
      postAuthors: [0, 2, 3, 4, 5, 6], postParents: [-1, 0, 1, 2, 3, 4],
      postRowIDs: [1, 2, 3, 4, 5, 6])
  }

  @Test func conversationStarterOutranksTheMerelyMentioned() throws {
    let ranking = try InfluenceRanking(data: conversationVersusMentions())
    let ranks = ranking.ranks()
    #expect(ranks[0] < ranks[1], "starter must beat celebrity")
    #expect(ranking.replies.maxReplyDepth[0] == 5)
    #expect(ranking.replies.distinctRepliers[0] == 5)
    #expect(ranking.interactionsIn[1] == 10)
    #expect(ranking.interactionsOut[2] == 3)
  }

  @Test func partsAddUpAndOrderIsScoreThenName() throws {
    let ranking = try InfluenceRanking(data: conversationVersusMentions())
    for contribution in ranking.contributions {
      #expect(
        contribution.score
          == contribution.pagerankPart + contribution.reachPart + contribution.engagementPart)
    }
    let scores = ranking.order.map { ranking.contributions[Int($0)].score }
    #expect(scores == scores.sorted(by: >))
    // r-accounts with equal scores appear in name order.
    for (a, b) in zip(ranking.order, ranking.order.dropFirst())
    where ranking.contributions[Int(a)].score == ranking.contributions[Int(b)].score {
      #expect(a < b)
    }
  }

  @Test func decayHalvesTheWeightAfterOneHalfLife() throws {
    let data = EngagementData(
      accounts: ["a", "b", "c"].map(account), graphAccountCount: 3, interactionActors: [0, 2],
      interactionTargets: [1, 1], interactionTypes: [.reply, .quote],
      interactionTimes: [1_000, 1_000 + 86_400], interactionMultipliers: [1, 2],
      postAuthors: [], postParents: [], postRowIDs: [])
    let weighting = try InteractionWeighting(typeWeights: [:], halfLife: 86_400)
    let ranking = try InfluenceRanking(
      data: data, parameters: RankingParameters(weighting: weighting))
    #expect(ranking.asOf == 1_000 + 86_400, "defaults to the newest interaction")
    #expect(ranking.graph.weight(from: 0, to: 1) == 0.5)  // reply 1 × ½
    #expect(ranking.graph.weight(from: 2, to: 1) == 1.6)  // quote 0.8 × multiplier 2, age 0
  }

  @Test func seedAccountsPersonalizePageRank() throws {
    let data = conversationVersusMentions()
    let global = try InfluenceRanking(data: data)
    let seeded = try InfluenceRanking(
      data: data, parameters: RankingParameters(seedAccounts: [6]))
    // Teleporting only to r5 moves rank toward what r5 engages (r4, celebrity).
    #expect(seeded.pagerank.scores[5] > global.pagerank.scores[5])
    #expect(abs(seeded.pagerank.scores.reduce(0, +) - 1) < 1e-9)
  }

  @Test func noInteractionsIsAClearFailure() {
    let empty = EngagementData(
      accounts: [], graphAccountCount: 0, interactionActors: [], interactionTargets: [],
      interactionTypes: [], interactionTimes: [], interactionMultipliers: [], postAuthors: [],
      postParents: [], postRowIDs: [])
    #expect(throws: InfluenceRanking.Failure.noInteractions) {
      try InfluenceRanking(data: empty)
    }
  }
}
