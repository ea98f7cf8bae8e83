/// The graph one level of `Leiden` works on: symmetric CSR over `0..<nodeCount`, where a node
/// stands for a set of nodes of the original graph.
///
/// `strength` is the summed strength of the original nodes a node stands for, so the modularity
/// terms k_i k_j / (2m) stay those of the original graph. Edges inside a node (self-loops) are
/// not stored: moving a node never changes them, so no gain depends on them.
///
/// Level 0 shares the arrays of the `InteractionGraph` without copying; aggregated levels sum
/// their weights in `Double` and store them as `EdgeWeight`, like `GraphBuilder`. Rows of
/// aggregated levels are in order of first appearance, not sorted: nothing here searches them.
struct AggregateGraph {
  var offsets: [Int]
  var neighbors: [UInt32]
  var weights: [EdgeWeight]
  var strength: [Double]

  var nodeCount: Int { strength.count }

  /// Runs `body` with raw views of the rows (offsets, neighbors, weights) for the inner loops.
  func withUnsafeRows<Result>(
    _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<EdgeWeight>)
      throws -> Result
  ) rethrows -> Result {
    try offsets.withUnsafeBufferPointer { offsets in
      try neighbors.withUnsafeBufferPointer { neighbors in
        try weights.withUnsafeBufferPointer { weights in try body(offsets, neighbors, weights) }
      }
    }
  }

  init(offsets: [Int], neighbors: [UInt32], weights: [EdgeWeight], strength: [Double]) {
    self.offsets = offsets
    self.neighbors = neighbors
    self.weights = weights
    self.strength = strength
  }

  init(_ graph: InteractionGraph) {
    self.init(
      offsets: graph.outOffsets, neighbors: graph.outTargets, weights: graph.outWeights,
      strength: graph.outStrength)
  }

  /// The graph of the parts: `part[v]` in `0..<partCount` is the new node of node v. One pass
  /// over the edges, grouped by part with a counting sort, accumulating each row in a dense
  /// array: O(n + m).
  func aggregated(by part: [Int32], partCount: Int) -> AggregateGraph {
    let n = nodeCount
    let groups = KeyGroups(keys: part, keyCount: partCount)
    var newStrength = [Double](repeating: 0, count: partCount)
    for v in 0..<n { newStrength[Int(part[v])] += strength[v] }

    var newOffsets = [Int](repeating: 0, count: partCount + 1)
    var newNeighbors = [UInt32]()
    var newWeights = [EdgeWeight]()
    newNeighbors.reserveCapacity(neighbors.count / 2)
    newWeights.reserveCapacity(neighbors.count / 2)
    var sum = [Double](repeating: 0, count: partCount)
    var stamp = [Int32](repeating: -1, count: partCount)
    var touched = [Int32]()
    offsets.withUnsafeBufferPointer { offsets in
      neighbors.withUnsafeBufferPointer { neighbors in
        weights.withUnsafeBufferPointer { weights in
          part.withUnsafeBufferPointer { part in
            for c in 0..<partCount {
              for member in groups.items(of: c) {
                let v = Int(member)
                for i in offsets[v]..<offsets[v + 1] {
                  let d = Int(part[Int(neighbors[i])])
                  if d == c { continue }
                  if stamp[d] != Int32(c) {
                    stamp[d] = Int32(c)
                    sum[d] = 0
                    touched.append(Int32(d))
                  }
                  sum[d] += Double(weights[i])
                }
              }
              for d in touched {
                newNeighbors.append(UInt32(d))
                newWeights.append(EdgeWeight(sum[Int(d)]))
              }
              touched.removeAll(keepingCapacity: true)
              newOffsets[c + 1] = newNeighbors.count
            }
          }
        }
      }
    }
    return AggregateGraph(
      offsets: newOffsets, neighbors: newNeighbors, weights: newWeights, strength: newStrength)
  }
}
