import CloutCore
import CloutTestSupport

/// A random edge list with skewed targets, self-loops and parallel edges included.
func randomEdges(
  nodeCount: Int, edgeCount: Int, seed: UInt64
) -> (actors: [UInt32], targets: [UInt32], weights: [Double]) {
  var rng = SeededGenerator(seed: seed)
  var actors = [UInt32]()
  var targets = [UInt32]()
  var weights = [Double]()
  actors.reserveCapacity(edgeCount)
  targets.reserveCapacity(edgeCount)
  weights.reserveCapacity(edgeCount)
  for _ in 0..<edgeCount {
    actors.append(UInt32.random(in: 0..<UInt32(nodeCount), using: &rng))
    let skew = Double.random(in: 0..<1, using: &rng)
    targets.append(UInt32(Double(nodeCount) * skew * skew))
    weights.append(Double.random(in: 0.1..<3, using: &rng))
  }
  return (actors, targets, weights)
}

func buildGraph(nodeCount: Int, _ edges: [(UInt32, UInt32, Double)]) -> InteractionGraph {
  GraphBuilder.build(
    actors: edges.map(\.0), targets: edges.map(\.1), weights: edges.map(\.2),
    nodeCount: nodeCount)
}
