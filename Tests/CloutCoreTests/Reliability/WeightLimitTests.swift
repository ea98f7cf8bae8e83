import Testing

@testable import CloutCore

/// Weights near Float's and Double's limits: the graph's sums never become infinity, PageRank
/// never NaN, and a weighting past the documented maximum is refused.
@Suite struct WeightLimitTests {
  /// Two 3e38 edges: each fits a Float, their sum (6e38) does not. Before the check the stored
  /// weight was +inf and PageRank divided inf by inf.
  @Test func parallelEdgesPastFloatMaxStayFiniteAndRankByTheirRatios() throws {
    let huge = GraphBuilder.build(
      actors: [0, 0, 1, 2], targets: [1, 1, 2, 0], weights: [3e38, 3e38, 3e38, 6e38],
      nodeCount: 3)
    let small = GraphBuilder.build(
      actors: [0, 0, 1, 2], targets: [1, 1, 2, 0], weights: [1, 1, 1, 2], nodeCount: 3)
    #expect(huge.invariantViolation() == nil)
    #expect(huge.outWeights.allSatisfy { $0.isFinite })
    #expect(huge.outStrength.allSatisfy { $0.isFinite })
    // Rescaled by one power of two: the ratios are exact.
    #expect(Double(huge.outWeights[0]) / Double(huge.outWeights[1]) == 2)
    let hugeRanks = try PageRank(graph: huge).run().scores
    let smallRanks = try PageRank(graph: small).run().scores
    #expect(!hugeRanks.contains { $0.isNaN })
    for (a, b) in zip(hugeRanks, smallRanks) { #expect(abs(a - b) < 1e-12) }
  }

  @Test func weightsNearDoubleMaxDoNotOverflowTheScale() throws {
    let graph = GraphBuilder.build(
      actors: [0, 1, 1], targets: [1, 0, 2], weights: [.greatestFiniteMagnitude, 1, 1],
      nodeCount: 3)
    #expect(graph.outWeights.allSatisfy { $0.isFinite && $0 > 0 })
    #expect(try !PageRank(graph: graph).run().scores.contains { $0.isNaN })
  }

  /// Checked data never reaches the bound: the largest accepted weights leave the graph as is.
  @Test func checkedWeightsAreNotRescaled() {
    let w = InteractionWeighting.maximumWeight * InteractionWeighting.maximumWeight
    let graph = GraphBuilder.build(
      actors: [0, 0, 1], targets: [1, 1, 0], weights: [w, w, 1], nodeCount: 2)
    #expect(graph.outWeights == [Float(2 * w), 1])
  }

  @Test func typeWeightsPastTheMaximumAreRefused() throws {
    #expect(throws: InteractionWeighting.ParseError.self) {
      try InteractionWeighting(typeWeights: [.reply: 1e39], halfLife: 90 * 86_400)
    }
    #expect(throws: InteractionWeighting.ParseError.self) {
      try InteractionWeighting(typeWeights: [.quote: 2e12])
    }
    let largest = try InteractionWeighting(typeWeights: [.reply: 1e12], halfLife: nil)
    #expect(largest.typeWeight(.reply) == 1e12)
  }

  @Test func storedMultipliersAreClampedIntoRange() {
    #expect(InteractionWeighting.clampedMultiplier(.nan) == 0)
    #expect(InteractionWeighting.clampedMultiplier(-1) == 0)
    #expect(InteractionWeighting.clampedMultiplier(.infinity) == 1e12)
    #expect(InteractionWeighting.clampedMultiplier(1e39) == 1e12)
    #expect(InteractionWeighting.clampedMultiplier(2.5) == 2.5)
  }

  /// Times at both ends of Int64: `asOf - time` overflowed.
  @Test func agesAcrossTheWholeInt64RangeDoNotTrap() throws {
    let data = EngagementData(
      accounts: [
        AccountInfo(platform: "x", handle: "a", userID: nil, displayName: nil),
        AccountInfo(platform: "x", handle: "b", userID: nil, displayName: nil),
      ], graphAccountCount: 2, interactionActors: [0, 1], interactionTargets: [1, 0],
      interactionTypes: [.reply, .reply], interactionTimes: [.min, .max],
      interactionMultipliers: [.infinity, .nan], postAuthors: [], postParents: [], postRowIDs: [])
    let weighting = try InteractionWeighting()
    #expect(data.weight(ofInteraction: 0, weighting: weighting, asOf: .max) == 0)
    #expect(data.weight(ofInteraction: 1, weighting: weighting, asOf: .min) == 0)
    let ranking = try InfluenceRanking(data: data)
    #expect(!ranking.contributions.contains { $0.score.isNaN })
  }
}
