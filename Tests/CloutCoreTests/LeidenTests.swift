import CloutCore
import Testing

@Suite struct LeidenTests {
  @Test func splitsTwoTriangles() throws {
    let partition = try Leiden(graph: twoTriangles()).run()
    #expect(partition.membership == [0, 0, 0, 1, 1, 1])
    #expect(partition.communityCount == 2)
    #expect(abs(partition.modularity - 5.0 / 14) < 1e-15)
  }

  @Test func isolatedNodesAreAlone() throws {
    // Nodes 6 and 7 have no edges.
    let partition = try Leiden(graph: twoTriangles(isolated: 2)).run()
    #expect(partition.membership == [0, 0, 0, 1, 1, 1, 2, 3])
    #expect(partition.communityCount == 4)
    #expect(abs(partition.modularity - 5.0 / 14) < 1e-15)

    let edgeless = try Leiden(graph: buildGraph(nodeCount: 3, []).undirected()).run()
    #expect(edgeless.membership == [0, 1, 2])
    #expect(edgeless.communityCount == 3)
    #expect(edgeless.modularity == 0)
  }

  @Test func emptyGraph() throws {
    let partition = try Leiden(graph: buildGraph(nodeCount: 0, []).undirected()).run()
    #expect(partition.membership.isEmpty)
    #expect(partition.communityCount == 0)
    #expect(partition.modularity == 0)
  }

  @Test func numbersCommunitiesByFirstNode() throws {
    let edges = randomEdges(nodeCount: 400, edgeCount: 2_000, seed: 11)
    let graph = GraphBuilder.build(
      actors: edges.actors, targets: edges.targets, weights: edges.weights, nodeCount: 400
    ).undirected()
    let partition = try Leiden(graph: graph).run()
    var next: Int32 = 0
    for c in partition.membership {
      #expect(c <= next)
      if c == next { next += 1 }
    }
    #expect(Int(next) == partition.communityCount)
  }

  @Test func sameSeedSameCommunities() throws {
    let fixture = try LeidenReferenceTests.load()
    let graph = LeidenReferenceTests.graph(fixture.cases[2])
    let first = try Leiden(graph: graph, seed: 7).run()
    let second = try Leiden(graph: graph, seed: 7).run()
    #expect(first == second)
    let edges = randomEdges(nodeCount: 3_000, edgeCount: 20_000, seed: 5)
    let random = GraphBuilder.build(
      actors: edges.actors, targets: edges.targets, weights: edges.weights, nodeCount: 3_000
    ).undirected()
    #expect(try Leiden(graph: random).run() == Leiden(graph: random).run())
  }

  @Test func higherResolutionMoreCommunities() throws {
    let fixture = try LeidenReferenceTests.load()
    let planted = LeidenReferenceTests.graph(fixture.cases[1])
    let counts = try [0.25, 1, 4, 16].map {
      try Leiden(graph: planted, resolution: $0).run().communityCount
    }
    #expect(counts[1] == 10, "the 10 planted groups at γ = 1")
    #expect(counts[0] < counts[1], "\(counts)")
    #expect(counts[1] < counts[2], "\(counts)")
    #expect(counts[2] < counts[3], "\(counts)")
    // γ = 0 rewards only internal edges: one community per connected component.
    #expect(try Leiden(graph: twoTriangles(isolated: 1), resolution: 0).run().communityCount == 2)
  }

  @Test func neverWorseThanSingletons() throws {
    for seed: UInt64 in 1...5 {
      let edges = randomEdges(nodeCount: 200, edgeCount: 600, seed: seed)
      let graph = GraphBuilder.build(
        actors: edges.actors, targets: edges.targets, weights: edges.weights, nodeCount: 200
      ).undirected()
      let partition = try Leiden(graph: graph, seed: seed).run()
      let singletons = try Modularity(graph: graph).run(membership: (0..<200).map { Int32($0) })
      #expect(partition.modularity > singletons)
      #expect(partition.modularity > 0)
    }
  }

  @Test func rejectsBadParameters() {
    let graph = twoTriangles()
    #expect(throws: Leiden.ParameterError.directedGraph) {
      try Leiden(graph: buildGraph(nodeCount: 2, [(0, 1, 1)]))
    }
    #expect(throws: Leiden.ParameterError.resolution(-0.5)) {
      try Leiden(graph: graph, resolution: -0.5)
    }
    #expect(throws: Leiden.ParameterError.randomness(0)) {
      try Leiden(graph: graph, randomness: 0)
    }
    #expect(throws: Leiden.ParameterError.maxIterations(0)) {
      try Leiden(graph: graph, maxIterations: 0)
    }
  }
}
