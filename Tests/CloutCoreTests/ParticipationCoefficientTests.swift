import CloutCore
import Testing

@Suite struct ParticipationCoefficientTests {
  // Node 2 has edges of weight 1, 1 into its triangle and 1 to node 3 across:
  // P = 1 − (2/3)² − (1/3)² = 4/9. Nodes 0, 1, 4, 5 keep all edges inside: P = 0.
  @Test func twoTrianglesByHand() throws {
    let result = try ParticipationCoefficient(
      graph: twoTriangles(), membership: [0, 0, 0, 1, 1, 1]
    ).run()
    let expected = [0, 0, 4.0 / 9, 4.0 / 9, 0, 0]
    for (p, e) in zip(result.coefficients, expected) { #expect(abs(p - e) < 1e-15) }
    #expect(result.communitiesReached == [1, 1, 2, 2, 1, 1])
    #expect(result.strength == [2, 2, 3, 3, 2, 2])
    // 4/9 < 0.5: not bridges by default.
    #expect(result.bridges().isEmpty)
    #expect(result.bridges(threshold: 0.4) == [2, 3])
  }

  // A bridge of weight 2: node 2 splits 2 / 2, P = 1 − 1/4 − 1/4 = 1/2. Mean strength
  // (2+2+4+4+2+2)/6 = 8/3 ≤ 4.
  @Test func evenSplitIsABridge() throws {
    let result = try ParticipationCoefficient(
      graph: twoTriangles(bridge: 2), membership: [0, 0, 0, 1, 1, 1]
    ).run()
    #expect(result.coefficients[2] == 0.5)
    #expect(abs(result.meanStrength - 8.0 / 3) < 1e-15)
    #expect(result.bridges() == [2, 3])
    #expect(result.bridges(minimumStrength: 5).isEmpty)
  }

  // A hub 0 tied with weights 1, 1, 2 to three communities: P = 1 − (1/16 + 1/16 + 4/16) =
  // 5/8. Leaves have one edge each (P = 0); node 4 is isolated (P = 0, strength 0).
  @Test func hubAcrossThreeCommunities() throws {
    let graph = buildGraph(nodeCount: 5, [(0, 1, 1), (2, 0, 1), (0, 3, 2)]).undirected()
    let result = try ParticipationCoefficient(graph: graph, membership: [0, 1, 2, 3, 4]).run()
    #expect(result.coefficients == [5.0 / 8, 0, 0, 0, 0])
    #expect(result.communitiesReached == [3, 1, 1, 1, 0])
    // Mean strength over the 4 connected nodes: (4 + 1 + 1 + 2)/4 = 2 ≤ 4.
    #expect(result.bridges() == [0])
    #expect(result.bridges(threshold: 0.7).isEmpty)
  }

  @Test func rejectsBadInput() {
    #expect(throws: ParticipationCoefficient.ParameterError.directedGraph) {
      try ParticipationCoefficient(
        graph: buildGraph(nodeCount: 2, [(0, 1, 1)]), membership: [0, 1])
    }
    #expect(throws: ParticipationCoefficient.ParameterError.membershipCount(expected: 6, got: 1)) {
      try ParticipationCoefficient(graph: twoTriangles(), membership: [0])
    }
  }
}
