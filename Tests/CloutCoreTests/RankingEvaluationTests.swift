@testable import CloutCore
import Foundation
import Testing

@Suite struct RankingMetricsTests {
  @Test func ndcgAgainstHandComputedValues() {
    let gains = [3.0, 2, 0, 1]
    // Predicted 3, 0, 1: DCG@2 = 1/log2(2) + 3/log2(3); ideal 0, 1: 3 + 2/log2(3).
    let expected = (1 + 3 / log2(3.0)) / (3 + 2 / log2(3.0))
    #expect(abs(RankingMetrics.ndcg(predicted: [3, 0, 1], gains: gains, at: 2) - expected) < 1e-12)
    #expect(RankingMetrics.ndcg(predicted: [0, 1, 3], gains: gains, at: 3) == 1)
    // A predicted list shorter than k, and items it leaves out (newcomers), are misses.
    let short = 3 / (3 + 2 / log2(3.0) + 1 / 2)
    #expect(abs(RankingMetrics.ndcg(predicted: [0], gains: gains, at: 3) - short) < 1e-12)
    #expect(RankingMetrics.ndcg(predicted: [2], gains: [0, 0, 0], at: 1) == 0)
    #expect(RankingMetrics.gain(engagers: 3) == 2)
  }

  @Test func precisionUsesTheTrueTopKWithTiesByIndexAndNoZeroGains() {
    let gains = [1.0, 2, 2, 0, 0]
    #expect(RankingMetrics.trueTop(gains: gains, k: 2) == [1, 2])
    #expect(RankingMetrics.trueTop(gains: gains, k: 5) == [1, 2, 0])
    #expect(RankingMetrics.precision(predicted: [2, 0, 3], gains: gains, at: 2) == 0.5)
    #expect(RankingMetrics.precision(predicted: [3, 4, 0, 1], gains: gains, at: 4) == 0.5)
  }

  @Test func spearmanWithAverageRanksForTies() {
    #expect(RankingMetrics.averageRanks([5, 3, 3, 1]) == [1, 2.5, 2.5, 4])
    #expect(abs(RankingMetrics.spearman([1, 2, 3, 4], [1, 3, 2, 4]) - 0.8) < 1e-12)
    #expect(RankingMetrics.spearman([1, 2, 3], [3, 2, 1]) == -1)
    // Ties: ranks x = [1, 2.5, 2.5, 4], y = [1, 2, 3, 4]: Pearson of the ranks.
    let rho = RankingMetrics.spearman([4, 2, 2, 1], [4, 3, 2, 1])
    #expect(abs(rho - 4.5 / (4.5 * 5).squareRoot()) < 1e-12)
    #expect(RankingMetrics.spearman([1, 1], [1, 2]) == 0)
  }
}

@Suite struct RankingEvaluationTests {
  static func accounts(_ names: [String]) -> [AccountInfo] {
    names.map { AccountInfo(platform: "x", handle: $0, userID: nil, displayName: nil) }
  }

  /// Before the split, `starter` opens a thread that goes three replies deep with a, b and c;
  /// `mentioned` is tagged by d, e, f and g (more interactions than starter gets). After the
  /// split starter is replied to by a and x and reposted by b; mentioned is only mentioned;
  /// `newbie`, unknown before, is replied to by x.
  static func timeline() -> (training: EngagementData, future: EngagementData) {
    // a b c d e f g mentioned starter
    let training = EngagementData(
      accounts: accounts(["a", "b", "c", "d", "e", "f", "g", "mentioned", "starter"]),
      graphAccountCount: 9, interactionActors: [0, 1, 2, 3, 4, 5, 6],
      interactionTargets: [8, 0, 1, 7, 7, 7, 7],
      interactionTypes: [.reply, .reply, .reply, .mention, .mention, .mention, .mention],
      interactionTimes: Array(repeating: 1000, count: 7),
      interactionMultipliers: Array(repeating: 1, count: 7), postAuthors: [8, 0, 1, 2],
      postParents: [-1, 0, 1, 2], postRowIDs: [1, 2, 3, 4])
    // a b mentioned newbie starter x
    let future = EngagementData(
      accounts: accounts(["a", "b", "mentioned", "newbie", "starter", "x"]),
      graphAccountCount: 6, interactionActors: [0, 5, 1, 0, 5],
      interactionTargets: [4, 4, 4, 2, 3],
      interactionTypes: [.reply, .reply, .repost, .mention, .reply],
      interactionTimes: Array(repeating: 2000, count: 5),
      interactionMultipliers: Array(repeating: 1, count: 5), postAuthors: [], postParents: [],
      postRowIDs: [])
    return (training, future)
  }

  @Test func deepConversationStarterOutranksTheMerelyMentioned() throws {
    let (training, future) = Self.timeline()
    let evaluation = try RankingEvaluation(
      training: training, future: future, parameters: RankingParameters(), ks: [1, 2])
    #expect(evaluation.trainingAccounts == 9)
    #expect(evaluation.futureEngaged == 2)
    #expect(evaluation.newcomers == 1)
    #expect(evaluation.futureEngagers[8] == 3)  // a, x, b: the mention does not count
    #expect(evaluation.futureEngagers[7] == 0)
    let clout = evaluation.methods.first { $0.name == "clout" }!
    let inDegree = evaluation.methods.first { $0.name == "in-degree" }!
    // Clout puts starter first: the best possible first place.
    #expect(clout.ndcg[0] == 1)
    // Ideal @2: starter (gain 2), then the newcomer (gain 1), which no method can rank.
    #expect(abs(clout.ndcg[1] - 2 / (2 + 1 / log2(3.0))) < 1e-12)
    #expect(clout.precision == [1, 0.5])
    // In-degree puts mentioned (4 interactions) first: no gain at rank 1.
    #expect(inDegree.ndcg[0] == 0)
    let ranking = try InfluenceRanking(data: training)
    #expect(ranking.order.first == 8)
    #expect(ranking.ranks()[8] < ranking.ranks()[7])
  }

  // Determinism is checked across two processes (CloutCLITests' DeterminismTests): within
  // one process, hashing and every other source of variation repeat themselves.
  @Test func sweepCoversTheGrid() throws {
    let (training, future) = Self.timeline()
    let sweep = try EvaluationSweep.run(
      training: training, future: future, base: RankingParameters())
    #expect(sweep.count == 3 * 4 * 4)  // weight presets × half-lives × depth weights
    #expect(EvaluationSweep.best(sweep)?.ndcg == sweep.map(\.ndcg).max())
  }

  /// Without reply trees (edges only) reply engagement is 0 for everyone, its weight goes to the
  /// other parts and every depth weight ranks alike: the sweep tries depth weight 0 only.
  @Test func sweepWithoutReplyTreesTriesOneDepthWeight() throws {
    let (full, future) = Self.timeline()
    let training = EngagementData(
      accounts: full.accounts, graphAccountCount: full.graphAccountCount,
      interactionActors: full.interactionActors, interactionTargets: full.interactionTargets,
      interactionTypes: full.interactionTypes, interactionTimes: full.interactionTimes,
      interactionMultipliers: full.interactionMultipliers, postAuthors: [], postParents: [],
      postRowIDs: [])
    let sweep = try EvaluationSweep.run(
      training: training, future: future, base: RankingParameters())
    #expect(sweep.count == 3 * 4)
    #expect(sweep.allSatisfy { $0.depthWeight == 0 })
    // What makes skipping them honest: each depth weight measures the same here.
    for setting in sweep {
      let preset = EvaluationSweep.weightPresets.first { $0.name == setting.weights }!
      let halfLife = EvaluationSweep.halfLives.first { $0.text == setting.halfLife }!
      for depthWeight in EvaluationSweep.depthWeights.dropFirst() {
        var parameters = RankingParameters()
        parameters.weighting = try InteractionWeighting(
          typeWeights: preset.weights, halfLife: halfLife.seconds)
        parameters.depthWeight = depthWeight
        let ndcg = try RankingEvaluation.cloutNDCG(
          training: training, future: future, parameters: parameters, k: 50)
        #expect(ndcg == setting.ndcg, "\(setting) at depth weight \(depthWeight)")
      }
    }
  }

  /// The evaluation builds Clout's ranking once and reads three methods from it; each method
  /// scored on its own, with its own ranking, must measure the same.
  @Test func sharedRankingMeasuresAsSeparateRankings() throws {
    let (training, future) = Self.timeline()
    let parameters = RankingParameters()
    let evaluation = try RankingEvaluation(
      training: training, future: future, parameters: parameters, ks: [1, 2, 5])
    let target = RankingEvaluation.Target(training: training, future: future)
    // Methods that need extras (the uncalibrated score, the recent window) are left out
    // without them; every measured one is matched by name.
    #expect(evaluation.methods.count >= 6)
    for result in evaluation.methods {
      let method = try #require(RankingEvaluation.Method(rawValue: result.name))
      let alone = try RankingEvaluation.scores(method, training: training, parameters: parameters)
      #expect(target.measure(name: method.rawValue, scores: alone, ks: [1, 2, 5]) == result)
    }
  }

  @Test func trendsMarkNewcomersAndMoves() throws {
    let (training, _) = Self.timeline()
    // Earlier period: only the mentions, so starter and a, b, c are new.
    let earlier = EngagementData(
      accounts: Self.accounts(["d", "e", "f", "g", "mentioned"]), graphAccountCount: 5,
      interactionActors: [0, 1, 2, 3], interactionTargets: [4, 4, 4, 4],
      interactionTypes: Array(repeating: .mention, count: 4),
      interactionTimes: Array(repeating: 500, count: 4),
      interactionMultipliers: Array(repeating: 1, count: 4), postAuthors: [], postParents: [],
      postRowIDs: [])
    let trends = RankTrend.compare(
      try InfluenceRanking(data: training), with: try InfluenceRanking(data: earlier))
    #expect(trends[8].label == "new")
    #expect(trends[8].previousRank == nil)
    // mentioned was 1st; its rank now comes from the ranking itself, not from RankTrend.
    let mentioned = trends[7]
    #expect(mentioned.previousRank == 1)
    let now = try InfluenceRanking(data: training).ranks()[7]
    #expect(mentioned.rankChange == 1 - now)
    #expect(mentioned.label == "down \(now - 1)")
    #expect(RankTrend(previousRank: 3, rankChange: 0, scoreChange: 0).label == "same")
    #expect(RankTrend(previousRank: 5, rankChange: 2, scoreChange: 0.1).label == "up 2")
  }
}
