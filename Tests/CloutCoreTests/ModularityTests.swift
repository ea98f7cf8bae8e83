import CloutCore
import Testing

@Suite struct ModularityTests {
  // Two triangles joined by one edge, unit weights: m = 7, 2m = 14, strengths 2 2 3 3 2 2.
  // Split into the triangles: each holds 3 edges (in_c = 6 counting both directions) and
  // K_c = 2 + 2 + 3 = 7, so Q = 2 × (6/14 − (7/14)²) = 6/7 − 1/2 = 5/14.
  @Test func twoTrianglesByHand() throws {
    let modularity = try Modularity(graph: twoTriangles())
    #expect(abs(modularity.run(membership: [0, 0, 0, 1, 1, 1]) - 5.0 / 14) < 1e-15)
    // One community: Q = 14/14 − 1 = 0.
    #expect(abs(modularity.run(membership: [0, 0, 0, 0, 0, 0])) < 1e-15)
    // Singletons: Q = −Σ (k_i/14)² = −(4 × 4 + 2 × 9)/196 = −17/98.
    #expect(abs(modularity.run(membership: [0, 1, 2, 3, 4, 5]) + 17.0 / 98) < 1e-15)
    // Labels do not matter.
    #expect(abs(modularity.run(membership: [5, 5, 5, 2, 2, 2]) - 5.0 / 14) < 1e-15)
  }

  // With γ = 2 the split pays twice the null model: Q = 12/14 − 2 × 2 × (1/2)² = −1/7.
  @Test func resolutionByHand() throws {
    let modularity = try Modularity(graph: twoTriangles(), resolution: 2)
    #expect(abs(modularity.run(membership: [0, 0, 0, 1, 1, 1]) + 1.0 / 7) < 1e-15)
  }

  // A bridge of weight 2: 2m = 16, K_c = 8, in_c = 6: Q = 2 × (6/16 − 1/4) = 1/4.
  @Test func weightedByHand() throws {
    let modularity = try Modularity(graph: twoTriangles(bridge: 2))
    #expect(abs(modularity.run(membership: [0, 0, 0, 1, 1, 1]) - 0.25) < 1e-15)
  }

  // Both directions of an interaction add up to one undirected edge: 0→1 (1) and 1→0 (2) make
  // A_01 = 3, like a single edge of weight 3.
  @Test func reciprocalEdgesSum() throws {
    let reciprocal = buildGraph(nodeCount: 4, [(0, 1, 1), (1, 0, 2), (2, 3, 3)]).undirected()
    let single = buildGraph(nodeCount: 4, [(0, 1, 3), (2, 3, 3)]).undirected()
    let membership: [Int32] = [0, 0, 1, 1]
    #expect(
      try Modularity(graph: reciprocal).run(membership: membership)
        == Modularity(graph: single).run(membership: membership))
    // Two equal components, each its own community: Q = 2 × (6/12 − 1/4) = 1/2.
    #expect(abs(try Modularity(graph: single).run(membership: membership) - 0.5) < 1e-15)
  }

  @Test func graphsWithoutEdges() throws {
    #expect(
      try Modularity(graph: buildGraph(nodeCount: 0, []).undirected()).run(membership: []) == 0)
    let isolated = buildGraph(nodeCount: 3, []).undirected()
    #expect(try Modularity(graph: isolated).run(membership: [0, 1, 2]) == 0)
  }

  @Test func rejectsBadParameters() {
    let directed = buildGraph(nodeCount: 2, [(0, 1, 1)])
    #expect(throws: Modularity.ParameterError.directedGraph) {
      try Modularity(graph: directed)
    }
    #expect(throws: Modularity.ParameterError.resolution(-1)) {
      try Modularity(graph: directed.undirected(), resolution: -1)
    }
    #expect(throws: Modularity.ParameterError.self) {
      try Modularity(graph: directed.undirected(), resolution: .nan)
    }
  }
}
