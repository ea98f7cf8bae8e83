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

  /// Every array of the graph against a reference built another way: sums of each pair's
  /// weights in input order through a dictionary, pairs sorted, strengths summed over the
  /// stored weights in target order. Actors with many distinct targets, given in descending
  /// and in random target order, and zero weights and self-loops mixed in.
  @Test func everyArrayMatchesASortedDictionaryReference() {
    let n = 300
    var edges = randomEdges(nodeCount: n, edgeCount: 20_000, seed: 11)
    for t in stride(from: n - 1, through: 0, by: -1) {
      for _ in 0..<2 {
        edges.actors.append(5)
        edges.targets.append(UInt32(t))
        edges.weights.append(t % 7 == 0 ? 0 : 0.3 + Double(t) / 1_000)
      }
    }
    let graph = GraphBuilder.build(
      actors: edges.actors, targets: edges.targets, weights: edges.weights, nodeCount: n)
    #expect(graph.invariantViolation() == nil)

    var sums: [Int: Double] = [:]
    for i in edges.actors.indices
    where edges.actors[i] != edges.targets[i] && edges.weights[i] > 0 {
      sums[Int(edges.actors[i]) * n + Int(edges.targets[i]), default: 0] += edges.weights[i]
    }
    let pairs = sums.keys.sorted()
    var outOffsets = [Int](repeating: 0, count: n + 1)
    var outStrength = [Double](repeating: 0, count: n)
    for key in pairs {
      outOffsets[key / n + 1] += 1
      outStrength[key / n] += Double(EdgeWeight(sums[key]!))
    }
    for u in 0..<n { outOffsets[u + 1] += outOffsets[u] }
    #expect(graph.outOffsets == outOffsets)
    #expect(graph.outTargets == pairs.map { UInt32($0 % n) })
    #expect(graph.outWeights == pairs.map { EdgeWeight(sums[$0]!) })
    #expect(graph.outStrength == outStrength)
    let transposed = pairs.sorted { ($0 % n, $0 / n) < ($1 % n, $1 / n) }
    #expect(graph.inSources == transposed.map { UInt32($0 / n) })
    #expect(graph.inWeights == transposed.map { EdgeWeight(sums[$0]!) })
    #expect(graph.outNeighbors(of: 5).count >= n - 1 - (n - 1) / 7 - 1)
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
