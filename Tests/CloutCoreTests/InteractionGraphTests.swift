import CloutCore
import Testing

@Suite struct InteractionGraphTests {
  @Test func dropsSelfLoopsAndSumsParallelEdges() {
    let graph = buildGraph(
      nodeCount: 4,
      [(0, 2, 1), (0, 1, 2), (0, 2, 0.5), (1, 1, 7), (2, 0, 1), (0, 2, 0.25), (3, 0, 0)])
    #expect(graph.invariantViolation() == nil)
    #expect(graph.edgeCount == 3)
    #expect(Array(graph.outNeighbors(of: 0)) == [1, 2])
    #expect(Array(graph.outEdgeWeights(of: 0)) == [2, 1.75])
    #expect(graph.outNeighbors(of: 1).isEmpty)
    #expect(graph.outNeighbors(of: 3).isEmpty)  // its only edge weighs 0
    #expect(graph.outStrength == [3.75, 0, 1, 0])
    #expect(Array(graph.inNeighbors(of: 0)) == [2])
    #expect(Array(graph.inNeighbors(of: 2)) == [0])
    #expect(graph.weight(from: 0, to: 2) == 1.75)
    #expect(graph.weight(from: 2, to: 1) == nil)
  }

  @Test func emptyGraphs() {
    let none = buildGraph(nodeCount: 0, [])
    #expect(none.nodeCount == 0 && none.edgeCount == 0 && none.invariantViolation() == nil)
    let isolated = buildGraph(nodeCount: 3, [])
    #expect(isolated.outOffsets == [0, 0, 0, 0] && isolated.invariantViolation() == nil)
  }

  @Test func randomGraphKeepsInvariantsAndWeightSums() {
    let n = 500
    let edges = randomEdges(nodeCount: n, edgeCount: 6_000, seed: 7)
    let graph = GraphBuilder.build(
      actors: edges.actors, targets: edges.targets, weights: edges.weights, nodeCount: n)
    #expect(graph.invariantViolation() == nil)

    // Reference: the same sums through a dictionary.
    var expected: [Int: Double] = [:]
    for i in edges.actors.indices where edges.actors[i] != edges.targets[i] {
      expected[Int(edges.actors[i]) * n + Int(edges.targets[i]), default: 0] += edges.weights[i]
    }
    #expect(graph.edgeCount == expected.count)
    for (key, weight) in expected {
      let stored = graph.weight(from: key / n, to: key % n)
      #expect(stored == EdgeWeight(weight))
    }
    let inputTotal = expected.values.reduce(0, +)
    let storedTotal = graph.outStrength.reduce(0, +)
    #expect(abs(inputTotal - storedTotal) <= 1e-6 * inputTotal)
    // Offsets are monotone and in-degree sums equal out-degree sums.
    #expect(zip(graph.outOffsets, graph.outOffsets.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(zip(graph.inOffsets, graph.inOffsets.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(graph.inWeights.map(Double.init).reduce(0, +) > 0)
  }

  @Test func undirectedSymmetrizesAndSums() {
    let graph = buildGraph(nodeCount: 4, [(0, 1, 1), (1, 0, 2), (1, 2, 0.5), (3, 3, 1)])
    let undirected = graph.undirected()
    #expect(undirected.invariantViolation() == nil)
    #expect(undirected.weight(from: 0, to: 1) == 3)
    #expect(undirected.weight(from: 1, to: 0) == 3)
    #expect(undirected.weight(from: 1, to: 2) == 0.5)
    #expect(undirected.weight(from: 2, to: 1) == 0.5)
    #expect(undirected.edgeCount == 4)
    #expect(undirected.outOffsets == undirected.inOffsets)
    #expect(undirected.outTargets == undirected.inSources)
  }

  @Test func undirectedEqualsBuildingBothDirections() {
    let edges = randomEdges(nodeCount: 300, edgeCount: 3_000, seed: 5)
    let graph = GraphBuilder.build(
      actors: edges.actors, targets: edges.targets, weights: edges.weights, nodeCount: 300)
    let merged = graph.undirected()
    let rebuilt = GraphBuilder.build(
      actors: graph.outOffsets.indices.dropLast().flatMap { u in
        graph.outNeighbors(of: u).map { _ in UInt32(u) }
      } + graph.outTargets,
      targets: graph.outTargets
        + graph.outOffsets.indices.dropLast().flatMap { u in
          graph.outNeighbors(of: u).map { _ in UInt32(u) }
        },
      weights: (graph.outWeights + graph.outWeights).map(Double.init), nodeCount: 300)
    #expect(merged.invariantViolation() == nil)
    #expect(merged.outOffsets == rebuilt.outOffsets)
    #expect(merged.outTargets == rebuilt.outTargets)
    #expect(merged.outWeights == rebuilt.outWeights)
    #expect(merged.outStrength == rebuilt.outStrength)
  }
}
