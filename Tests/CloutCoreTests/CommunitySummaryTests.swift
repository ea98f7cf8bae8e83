import CloutCore
import Testing

@Suite struct CommunitySummaryTests {
  @Test func ordersByTotalScoreAndNumbersFromOne() throws {
    // Community 7 = {0, 1, 2} totals 0.6, community 3 = {3, 4, 5} totals 0.9, so {3, 4, 5}
    // becomes community 1; the isolated node 6 totals 0.05.
    let graph = twoTriangles(bridge: 2, isolated: 1)
    let summary = try CommunitySummary(
      graph: graph, membership: [6, 6, 6, 3, 3, 3, 0],
      scores: [0.1, 0.3, 0.2, 0.2, 0.2, 0.5, 0.05])
    #expect(summary.communities.map(\.id) == [1, 2, 3])
    #expect(summary.communities.map(\.members) == [[5, 3, 4], [1, 2, 0], [6]])
    #expect(summary.communities.map(\.size) == [3, 3, 1])
    #expect(summary.communityOfNode == [2, 2, 2, 1, 1, 1, 3])
    let first = summary.communities[0]
    #expect(abs(first.totalScore - 0.9) < 1e-15)
    // Three internal edges of weight 1, the bridge of weight 2 leaves: 3 / (3 + 2).
    #expect(first.internalWeight == 3)
    #expect(first.boundaryWeight == 2)
    #expect(first.internalShare == 0.6)
    #expect(summary.communities[2].internalShare == 0)
  }

  @Test func tiesGoToTheSmallestNode() throws {
    let summary = try CommunitySummary(
      graph: twoTriangles(), membership: [1, 1, 1, 0, 0, 0], scores: [1, 1, 1, 1, 1, 1])
    #expect(summary.communities.map(\.members) == [[0, 1, 2], [3, 4, 5]])
    #expect(summary.communityOfNode == [1, 1, 1, 2, 2, 2])
  }

  @Test func emptyGraph() throws {
    let summary = try CommunitySummary(
      graph: buildGraph(nodeCount: 0, []).undirected(), membership: [], scores: [])
    #expect(summary.communities.isEmpty)
  }

  @Test func rejectsBadInput() {
    #expect(throws: CommunitySummary.ParameterError.directedGraph) {
      try CommunitySummary(
        graph: buildGraph(nodeCount: 2, [(0, 1, 1)]), membership: [0, 1], scores: [0, 0])
    }
    #expect(
      throws: CommunitySummary.ParameterError.countMismatch(nodes: 6, membership: 6, scores: 1)
    ) {
      try CommunitySummary(graph: twoTriangles(), membership: [0, 0, 0, 1, 1, 1], scores: [0])
    }
  }
}
