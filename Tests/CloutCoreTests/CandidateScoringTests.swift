import CloutTestSupport
import Testing

@testable import CloutCore

/// Calibration scores every candidate half-life on one shared graph structure and reply
/// forest; the parts must be those a full `InfluenceRanking` computes, bit for bit.
@Suite struct CandidateScoringTests {
  /// Random interactions (parallel ones included) and random reply trees over `accounts`.
  static func data(seed: UInt64, accounts: Int = 40, interactions: Int = 600) -> EngagementData {
    var rng = SeededGenerator(seed: seed)
    let infos = (0..<accounts).map {
      AccountInfo(
        platform: "test", handle: "a" + String(1000 + $0).dropFirst(), userID: nil,
        displayName: nil)
    }
    var actors: [UInt32] = []
    var targets: [UInt32] = []
    var types: [InteractionType] = []
    var times: [Int64] = []
    var multipliers: [Float] = []
    for _ in 0..<interactions {
      let actor = rng.below(accounts)
      // Skewed towards low ids, so some accounts are engaged a lot and pairs repeat.
      var target = rng.below(1 + rng.below(accounts))
      if target == actor { target = (target + 1) % accounts }
      actors.append(UInt32(actor))
      targets.append(UInt32(target))
      types.append(InteractionType.allCases[rng.below(InteractionType.allCases.count)])
      times.append(Int64(rng.below(30 * 86_400)))
      multipliers.append([1, 1, 1, 0.5, 3][rng.below(5)])
    }
    var authors: [Int32] = []
    var parents: [Int32] = []
    for post in 0..<300 {
      authors.append(Int32(rng.below(accounts)))
      parents.append(post > 0 && rng.below(3) > 0 ? Int32(rng.below(post)) : ReplyForest.noParent)
    }
    return EngagementData(
      accounts: infos, graphAccountCount: accounts, interactionActors: actors,
      interactionTargets: targets, interactionTypes: types, interactionTimes: times,
      interactionMultipliers: multipliers, postAuthors: authors, postParents: parents,
      postRowIDs: authors.indices.map(Int64.init))
  }

  @Test(arguments: [nil, 3_600, 2 * 86_400, 1e-3] as [Double?])
  func partsEqualAFullRanking(halfLife: Double?) throws {
    for seed: UInt64 in [1, 2, 3] {
      let data = Self.data(seed: seed)
      let asOf: Int64 = 30 * 86_400
      let shared = CandidateScoring(data: data, asOf: asOf)
      // Default type weights, and one with mentions left out (their edges vanish).
      for typeWeights: [InteractionType: Double] in [[:], [.mention: 0]] {
        let weighting = try InteractionWeighting(typeWeights: typeWeights, halfLife: halfLife)
        var parameters = RankingParameters(weighting: weighting, asOf: asOf)
        parameters.scoreWeights = try ScoreWeights([
          .pagerank: 0.25, .reach: 0.25, .engagement: 0.25, .activity: 0.25,
        ])
        let full = try InfluenceRanking(data: data, parameters: parameters)
        let parts = try shared.parts(
          weighting: weighting, weights: parameters.scoreWeights, damping: 0.85,
          tolerance: 1e-10, maxIterations: 200, seeds: nil)
        #expect(parts.pagerank.scores == full.pagerank.scores)
        #expect(parts.pagerank.iterations == full.pagerank.iterations)
        #expect(parts.scoring.contributions == full.contributions)
        #expect(parts.scoring.maxima == full.scoring.maxima)
        #expect(shared.interactionsIn == full.interactionsIn)
      }
    }
  }

  @Test func seedsPersonalizeAsInAFullRanking() throws {
    let data = Self.data(seed: 9)
    let weighting = try InteractionWeighting(halfLife: 86_400)
    let parameters = RankingParameters(weighting: weighting, asOf: 0, seedAccounts: [3, 7])
    let full = try InfluenceRanking(data: data, parameters: parameters)
    let parts = try CandidateScoring(data: data, asOf: 0).parts(
      weighting: weighting, weights: parameters.scoreWeights, damping: 0.85, tolerance: 1e-10,
      maxIterations: 200, seeds: [3, 7])
    #expect(parts.scoring.contributions == full.contributions)
  }
}
