import Testing

@testable import CloutCore

@Suite struct SeedTeleportTests {
  /// Nodes: 0 the brand, 4 its second account; 1 and 2 engage the brand (weights 1 and 3),
  /// 3 engages 1 only, and the brand's own account 4 engages 0 (weight 5: not an engager).
  @Test func halfOnTheSeedsHalfOnTheirEngagersByWeight() {
    let graph = GraphBuilder.build(
      actors: [1, 2, 3, 4], targets: [0, 0, 1, 0], weights: [1, 3, 1, 5], nodeCount: 5)
    let vector = SeedTeleport.vector(graph: graph, seeds: [0, 4, 0])
    // Seeds: 0.5 / 2 each; engagers: 0.5 × 1/4 and 0.5 × 3/4; node 3 engages no seed.
    #expect(vector == [0.25, 0.125, 0.375, 0, 0.25])
  }

  @Test func seedsWithoutEngagersKeepAllTheMass() {
    let graph = GraphBuilder.build(
      actors: [0, 2], targets: [1, 1], weights: [1, 1], nodeCount: 3)
    #expect(SeedTeleport.vector(graph: graph, seeds: [0]) == [1, 0, 0])
  }
}
