import CloutCore
import Foundation
import Testing

@Suite struct InfluenceScoreTests {
  @Test func partsAddUpToTheScore() throws {
    let scorer = try InfluenceScore(depthWeight: 0.3)
    let result = scorer.run(
      pagerank: [0.1, 0.5, 0.15, 0.25], maxReplyDepth: [3, 0, 7, 1],
      distinctRepliers: [2, 0, 4, 1], reach: [0.5, 2, 1, 0])
    // The documented formula, written out by hand for these inputs (n = 4, β = 0.3, ρ = 0.5):
    // prominence ln(1 + 4 × PR) peaks at ln 3, reach at 2, ln(1 + depth × repliers) at ln 29.
    let prominence: [Double] = [log(1.4), log(3.0), log(1.6), log(2.0)]
    let reach: [Double] = [0.5, 2, 1, 0]
    let engagement: [Double] = [log(7.0), 0, log(29.0), log(2.0)]
    let maxProminence: Double = log(3.0)
    let maxEngagement: Double = log(29.0)
    for (index, contribution) in result.enumerated() {
      let pagerankPart: Double = 0.35 * prominence[index] / maxProminence
      let reachPart: Double = 0.35 * reach[index] / 2
      let engagementPart: Double = 0.3 * engagement[index] / maxEngagement
      #expect(abs(contribution.pagerankPart - pagerankPart) < 1e-12, "account \(index)")
      #expect(abs(contribution.reachPart - reachPart) < 1e-12, "account \(index)")
      #expect(abs(contribution.engagementPart - engagementPart) < 1e-12, "account \(index)")
      let expected: Double = pagerankPart + reachPart + engagementPart
      #expect(abs(contribution.score - expected) < 1e-12, "account \(index)")
    }
    #expect(abs(result[1].pagerankPart - 0.35) < 1e-12)  // (1 − 0.3) × 0.5, the top PageRank
    #expect(abs(result[1].reachPart - 0.35) < 1e-12)
    #expect(result[2].engagementPart == 0.3)
    #expect(result[1].engagement == 0)
    // ln(1 + 4 × 0.1) / ln(1 + 4 × 0.5), scaled by 0.35.
    #expect(abs(result[0].pagerankPart - 0.35 * log1p(0.4) / log1p(2)) < 1e-12)
  }

  @Test func deepMultiPartyConversationsBeatBeingMentioned() throws {
    // Account 0 is mentioned by everyone (top PageRank and reach) but never gets a
    // conversation going; account 1 starts a deep thread with several people.
    let result = try InfluenceScore().run(
      pagerank: [0.6, 0.1, 0.3], maxReplyDepth: [0, 6, 1], distinctRepliers: [0, 4, 1],
      reach: [3, 1, 0.5])
    #expect(result[0].score == 0.5)
    #expect(result[1].score > result[0].score)
    #expect(TopK.select(3, scores: result.map(\.score)) == [1, 0, 2])
  }

  @Test func extremesAndDegenerateInputs() throws {
    let pagerankOnly = try InfluenceScore(depthWeight: 0, pagerankShare: 1).run(
      pagerank: [0.2, 0.8], maxReplyDepth: [5, 0], distinctRepliers: [5, 0])
    #expect(abs(pagerankOnly[0].score - log1p(0.4) / log1p(1.6)) < 1e-12)
    #expect(pagerankOnly[1].score == 1)
    let nothing = try InfluenceScore().run(
      pagerank: [0, 0], maxReplyDepth: [0, 0], distinctRepliers: [0, 0])
    #expect(nothing.map(\.score) == [0, 0])
    #expect(try InfluenceScore().run(pagerank: [], maxReplyDepth: [], distinctRepliers: []).isEmpty)
    #expect(throws: InfluenceScore.ParameterError.depthWeight(1.5)) {
      try InfluenceScore(depthWeight: 1.5)
    }
    #expect(throws: InfluenceScore.ParameterError.pagerankShare(-1)) {
      try InfluenceScore(pagerankShare: -1)
    }
  }

  @Test func reachDiscountsAccountsThatEngageEveryone() throws {
    // 0 and 1 each engage only 2; 3 engages 2, 4 and 5 — its engagement of 4 is worth less
    // than 0's engagement of 5... checked directly on the formula.
    let graph = GraphBuilder.build(
      actors: [0, 1, 3, 3, 3], targets: [2, 2, 2, 4, 5], weights: [1, 1, 1, 1, 0.4],
      nodeCount: 6)
    let reach = InfluenceScore.reach(graph: graph)
    let one = 1 / log2(3.0)
    let three = 1 / log2(5.0)
    #expect(abs(reach[2] - log1p(2 * one + three)) < 1e-12)
    #expect(abs(reach[4] - log1p(three)) < 1e-12)
    #expect(abs(reach[5] - log1p(0.4 * three)) < 1e-6)  // a lone mention counts 0.4
    #expect(reach[0] == 0)
  }

  @Test func fromReplyStatistics() throws {
    let forest = ReplyForest(authors: [0, 1, 0, 2], parents: [-1, 0, 1, 2])
    let stats = forest.accountStatistics(accountCount: 3)
    let result = try InfluenceScore().run(pagerank: [0.2, 0.3, 0.5], replies: stats)
    // No reach given, so reach is 0 for everyone and its 0.25 goes to the other parts:
    // engagement 0.5 / 0.75, PageRank 0.25 / 0.75.
    #expect(result[0].engagementPart == 0.5 / 0.75)  // depth 3 × 2 repliers, the most
    #expect(result[2].pagerankPart == 0.25 / 0.75)
  }
}
