import CloutCore

/// Two triangles, {0, 1, 2} and {3, 4, 5}, joined by the edge 2 — 3 of weight `bridge`; the
/// other edges weigh 1. Undirected.
func twoTriangles(bridge: Double = 1, isolated: Int = 0) -> InteractionGraph {
  buildGraph(
    nodeCount: 6 + isolated,
    [(0, 1, 1), (1, 2, 1), (0, 2, 1), (3, 4, 1), (4, 5, 1), (3, 5, 1), (2, 3, bridge)]
  ).undirected()
}
