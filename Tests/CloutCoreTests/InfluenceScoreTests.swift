import CloutCore
import Testing

@Suite struct InfluenceScoreTests {
  @Test func partsAddUpToTheScore() throws {
    let scorer = try InfluenceScore(depthWeight: 0.3)
    let result = scorer.run(
      pagerank: [0.1, 0.5, 0.15, 0.25], maxReplyDepth: [3, 0, 7, 1],
      distinctRepliers: [2, 0, 4, 1])
    for contribution in result {
      #expect(contribution.pagerankPart + contribution.engagementPart == contribution.score)
      #expect(contribution.score >= 0 && contribution.score <= 1)
    }
    #expect(result[1].pagerankPart == 0.7)
    #expect(result[2].engagementPart == 0.3)
    #expect(result[1].engagement == 0)
    #expect(
      result[0].engagement == InfluenceScore.engagement(maxReplyDepth: 3, distinctRepliers: 2))
  }

  @Test func deepMultiPartyConversationsBeatBeingMentioned() throws {
    // Account 0 is mentioned by everyone (top PageRank) but never gets a conversation going;
    // account 1 starts a deep thread with several people.
    let result = try InfluenceScore().run(
      pagerank: [0.6, 0.1, 0.3], maxReplyDepth: [0, 6, 1], distinctRepliers: [0, 4, 1])
    #expect(result[0].score == 0.5)
    #expect(result[1].score > result[0].score)
    #expect(TopK.select(3, scores: result.map(\.score)) == [1, 0, 2])
  }

  @Test func extremesAndDegenerateInputs() throws {
    let pagerankOnly = try InfluenceScore(depthWeight: 0).run(
      pagerank: [0.2, 0.8], maxReplyDepth: [5, 0], distinctRepliers: [5, 0])
    #expect(pagerankOnly.map(\.score) == [0.25, 1])
    let nothing = try InfluenceScore().run(
      pagerank: [0, 0], maxReplyDepth: [0, 0], distinctRepliers: [0, 0])
    #expect(nothing.map(\.score) == [0, 0])
    #expect(try InfluenceScore().run(pagerank: [], maxReplyDepth: [], distinctRepliers: []).isEmpty)
    #expect(throws: InfluenceScore.ParameterError.depthWeight(1.5)) {
      try InfluenceScore(depthWeight: 1.5)
    }
  }

  @Test func fromReplyStatistics() throws {
    let forest = ReplyForest(authors: [0, 1, 0, 2], parents: [-1, 0, 1, 2])
    let stats = forest.accountStatistics(accountCount: 3)
    let result = try InfluenceScore().run(pagerank: [0.2, 0.3, 0.5], replies: stats)
    #expect(result[0].engagementPart == 0.5)  // depth 3 × 2 repliers, the most
    #expect(result[2].pagerankPart == 0.5)
  }
}
