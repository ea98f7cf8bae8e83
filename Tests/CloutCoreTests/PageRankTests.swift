import CloutCore
import Testing

@Suite struct PageRankTests {
  func close(_ a: [Double], _ b: [Double], within tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
  }

  @Test func twoNodesWithDanglingTarget() throws {
    // 0 → 1, node 1 dangling. With uniform teleport and dangling spread:
    // x0 = (1 − d)/2 + d·x1/2 and x0 + x1 = 1 give x0 = 1 / (2 + d).
    let d = 0.85
    let graph = buildGraph(nodeCount: 2, [(0, 1, 3)])
    let result = try PageRank(graph: graph, damping: d).run()
    #expect(result.converged)
    #expect(close(result.scores, [1 / (2 + d), (1 + d) / (2 + d)]))
  }

  @Test func threeNodesWeightedClosedForm() throws {
    // 0 → 1 (3), 0 → 2 (1), 1 → 0, 2 → 0. From x0 = (1 − d)/3 + d(x1 + x2) and a sum of 1:
    // x0 = ((1 − d)/3 + d) / (1 + d); x1 = (1 − d)/3 + d·¾·x0; x2 = (1 − d)/3 + d·¼·x0.
    let d = 0.85
    let graph = buildGraph(nodeCount: 3, [(0, 1, 3), (0, 2, 1), (1, 0, 1), (2, 0, 5)])
    let result = try PageRank(graph: graph).run()
    let x0 = ((1 - d) / 3 + d) / (1 + d)
    let expected = [x0, (1 - d) / 3 + d * 0.75 * x0, (1 - d) / 3 + d * 0.25 * x0]
    #expect(close(result.scores, expected))
    #expect(abs(result.scores.reduce(0, +) - 1) < 1e-14)
  }

  @Test func selfLoopsAndParallelEdgesDoNotMatter() throws {
    let messy = buildGraph(
      nodeCount: 3, [(0, 1, 1), (0, 1, 2), (0, 0, 9), (1, 2, 1), (2, 2, 1), (2, 0, 4)])
    let clean = buildGraph(nodeCount: 3, [(0, 1, 3), (1, 2, 1), (2, 0, 4)])
    let a = try PageRank(graph: messy).run()
    let b = try PageRank(graph: clean).run()
    #expect(a.scores == b.scores)
    // A directed 3-cycle: every node has the same rank whatever the weights.
    #expect(close(a.scores, [1.0 / 3, 1.0 / 3, 1.0 / 3]))
  }

  @Test func allDanglingGivesTheTeleportDistribution() throws {
    let graph = buildGraph(nodeCount: 2, [])
    let uniform = try PageRank(graph: graph).run()
    #expect(close(uniform.scores, [0.5, 0.5]))
    let personalized = try PageRank(graph: graph, personalization: [1, 3]).run()
    #expect(close(personalized.scores, [0.25, 0.75]))
  }

  @Test func personalizationClosedForm() throws {
    // 0 → 1, teleport only to 0: x0 = (1 − d)·1 + d·x1 (dangling 1 also goes to 0), x1 = d·x0.
    let d = 0.85
    let graph = buildGraph(nodeCount: 2, [(0, 1, 1)])
    let result = try PageRank(graph: graph, personalization: [2, 0]).run()
    #expect(close(result.scores, [1 / (1 + d), d / (1 + d)]))
  }

  @Test func emptyGraph() throws {
    let result = try PageRank(graph: buildGraph(nodeCount: 0, [])).run()
    #expect(result.scores.isEmpty && result.converged)
  }

  @Test func convergesInASaneNumberOfIterations() throws {
    let edges = randomEdges(nodeCount: 2_000, edgeCount: 20_000, seed: 11)
    let graph = GraphBuilder.build(
      actors: edges.actors, targets: edges.targets, weights: edges.weights, nodeCount: 2_000)
    let result = try PageRank(graph: graph).run()
    #expect(result.converged)
    // Error shrinks by about d = 0.85 per iteration: 1e-10 from ~1e-3 takes ~100 at most.
    #expect(result.iterations > 5 && result.iterations < 150)
    #expect(result.lastChange < 1e-10)
    #expect(abs(result.scores.reduce(0, +) - 1) < 1e-12)

    let capped = try PageRank(graph: graph, maxIterations: 3).run()
    #expect(!capped.converged && capped.iterations == 3)
    #expect(abs(capped.scores.reduce(0, +) - 1) < 1e-12)
  }

  @Test func parallelEqualsSerialBitForBit() throws {
    let n = 100_000
    let edges = randomEdges(nodeCount: n, edgeCount: 400_000, seed: 42)
    let graph = GraphBuilder.build(
      actors: edges.actors, targets: edges.targets, weights: edges.weights, nodeCount: n)
    var serial = try PageRank(graph: graph, tolerance: 1e-12)
    serial.parallelThreshold = .max
    var parallel = serial
    parallel.parallelThreshold = 0
    let a = serial.run()
    let b = parallel.run()
    #expect(a.iterations == b.iterations)
    #expect(a.scores == b.scores)
    #expect(a.scores.map(\.bitPattern) == b.scores.map(\.bitPattern))
    // And the same again: no hidden state.
    #expect(parallel.run().scores == b.scores)
  }

  @Test func rejectsBadParameters() {
    let graph = buildGraph(nodeCount: 2, [(0, 1, 1)])
    #expect(throws: PageRank.ParameterError.damping(1)) { try PageRank(graph: graph, damping: 1) }
    #expect(throws: PageRank.ParameterError.tolerance(0)) {
      try PageRank(graph: graph, tolerance: 0)
    }
    #expect(throws: PageRank.ParameterError.maxIterations(0)) {
      try PageRank(graph: graph, maxIterations: 0)
    }
    #expect(throws: PageRank.ParameterError.personalizationCount(expected: 2, got: 1)) {
      try PageRank(graph: graph, personalization: [1])
    }
    #expect(throws: PageRank.ParameterError.personalizationValues) {
      try PageRank(graph: graph, personalization: [0, 0])
    }
    #expect(throws: PageRank.ParameterError.personalizationValues) {
      try PageRank(graph: graph, personalization: [-1, 2])
    }
  }
}
