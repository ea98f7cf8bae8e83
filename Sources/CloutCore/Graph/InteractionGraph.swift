/// The weight stored on an edge.
///
/// `Float`, not `Double`. Measured with `scripts/bench` (release, random 1M-node / 10M-edge
/// graph, a 2-core machine shared with other builds): peak memory 564 MB with `Float` against
/// 720 MB with `Double`, and a serial PageRank iteration took 17.4 ms against 20.5 ms (best of
/// 5 × 30 iterations) — the pull loop is memory-bound and reads 8 instead of 12 bytes per edge.
/// The weights are sums of decayed type weights; 24 bits of mantissa change no ranking, and
/// every algorithm accumulates in `Double`.
public typealias EdgeWeight = Float

/// A directed, weighted graph in compressed sparse row form over dense node ids `0..<nodeCount`,
/// holding both directions: out-edges (sorted by target) and in-edges (sorted by source).
///
/// Made by `GraphBuilder`, which drops self-loops and sums parallel edges, so every
/// `(source, target)` pair appears at most once and every stored weight is > 0.
///
/// The arrays are public so algorithms can run their inner loops over them directly:
/// the out-edges of `u` are `outTargets[outOffsets[u]..<outOffsets[u + 1]]` with weights
/// `outWeights` at the same positions; likewise `inSources` / `inWeights` under `inOffsets`.
public struct InteractionGraph: Sendable {
  public let nodeCount: Int
  /// `nodeCount + 1` offsets into `outTargets` / `outWeights`, non-decreasing from 0.
  public let outOffsets: [Int]
  public let outTargets: [UInt32]
  public let outWeights: [EdgeWeight]
  /// `nodeCount + 1` offsets into `inSources` / `inWeights`, non-decreasing from 0.
  public let inOffsets: [Int]
  public let inSources: [UInt32]
  public let inWeights: [EdgeWeight]
  /// Sum of the out-edge weights of each node, summed in `Double` in target order.
  public let outStrength: [Double]

  /// The number of (merged) directed edges.
  public var edgeCount: Int { outTargets.count }

  init(
    nodeCount: Int, outOffsets: [Int], outTargets: [UInt32], outWeights: [EdgeWeight],
    inOffsets: [Int], inSources: [UInt32], inWeights: [EdgeWeight], outStrength: [Double]
  ) {
    self.nodeCount = nodeCount
    self.outOffsets = outOffsets
    self.outTargets = outTargets
    self.outWeights = outWeights
    self.inOffsets = inOffsets
    self.inSources = inSources
    self.inWeights = inWeights
    self.outStrength = outStrength
  }

  /// The targets of `node`'s out-edges, ascending.
  public func outNeighbors(of node: Int) -> ArraySlice<UInt32> {
    outTargets[outOffsets[node]..<outOffsets[node + 1]]
  }

  /// The weights of `node`'s out-edges, in the order of `outNeighbors(of:)`.
  public func outEdgeWeights(of node: Int) -> ArraySlice<EdgeWeight> {
    outWeights[outOffsets[node]..<outOffsets[node + 1]]
  }

  /// Runs `body` with raw views of the in-edge arrays (offsets, sources, weights), for the
  /// inner loops of algorithms that pull along in-edges.
  public func withUnsafeInEdges<Result>(
    _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<EdgeWeight>)
      throws -> Result
  ) rethrows -> Result {
    try inOffsets.withUnsafeBufferPointer { offsets in
      try inSources.withUnsafeBufferPointer { sources in
        try inWeights.withUnsafeBufferPointer { weights in try body(offsets, sources, weights) }
      }
    }
  }

  /// The sources of `node`'s in-edges, ascending.
  public func inNeighbors(of node: Int) -> ArraySlice<UInt32> {
    inSources[inOffsets[node]..<inOffsets[node + 1]]
  }

  /// The weights of `node`'s in-edges, in the order of `inNeighbors(of:)`.
  public func inEdgeWeights(of node: Int) -> ArraySlice<EdgeWeight> {
    inWeights[inOffsets[node]..<inOffsets[node + 1]]
  }

  /// The weight of the edge `source → target`, or nil when there is none (binary search).
  public func weight(from source: Int, to target: Int) -> EdgeWeight? {
    var low = outOffsets[source]
    var high = outOffsets[source + 1]
    let key = UInt32(target)
    while low < high {
      let mid = (low + high) / 2
      if outTargets[mid] < key { low = mid + 1 } else { high = mid }
    }
    return low < outOffsets[source + 1] && outTargets[low] == key ? outWeights[low] : nil
  }

  /// The symmetrized graph, for community detection: an edge `u — v` (stored in both
  /// directions) wherever `u → v` or `v → u` exists, weighted `w(u→v) + w(v→u)` (summed in
  /// `Double`).
  ///
  /// Node u's neighbors are its sorted out-list merged with its sorted in-list, so this is one
  /// linear pass to size the rows and one to fill them: O(n + m), no sorting.
  public func undirected() -> InteractionGraph {
    let n = nodeCount
    var offsets = [Int](repeating: 0, count: n + 1)
    for u in 0..<n {
      var i = outOffsets[u]
      var j = inOffsets[u]
      let outEnd = outOffsets[u + 1]
      let inEnd = inOffsets[u + 1]
      var count = 0
      while i < outEnd || j < inEnd {
        let a = i < outEnd ? outTargets[i] : .max
        let b = j < inEnd ? inSources[j] : .max
        if a <= b { i += 1 }
        if b <= a { j += 1 }
        count += 1
      }
      offsets[u + 1] = offsets[u] + count
    }
    var neighbors = [UInt32](repeating: 0, count: offsets[n])
    var weights = [EdgeWeight](repeating: 0, count: offsets[n])
    var strength = [Double](repeating: 0, count: n)
    for u in 0..<n {
      var i = outOffsets[u]
      var j = inOffsets[u]
      let outEnd = outOffsets[u + 1]
      let inEnd = inOffsets[u + 1]
      var slot = offsets[u]
      var total = 0.0
      while i < outEnd || j < inEnd {
        let a = i < outEnd ? outTargets[i] : .max
        let b = j < inEnd ? inSources[j] : .max
        var sum = 0.0
        if a <= b {
          sum += Double(outWeights[i])
          i += 1
        }
        if b <= a {
          sum += Double(inWeights[j])
          j += 1
        }
        let stored = EdgeWeight(sum)
        neighbors[slot] = min(a, b)
        weights[slot] = stored
        total += Double(stored)
        slot += 1
      }
      strength[u] = total
    }
    return InteractionGraph(
      nodeCount: n, outOffsets: offsets, outTargets: neighbors, outWeights: weights,
      inOffsets: offsets, inSources: neighbors, inWeights: weights, outStrength: strength)
  }
}

extension InteractionGraph {
  /// Checks the CSR invariants; for tests and debug assertions. Returns a description of the
  /// first violation, or nil.
  public func invariantViolation() -> String? {
    let n = nodeCount
    guard outOffsets.count == n + 1, inOffsets.count == n + 1 else { return "offset counts" }
    guard outOffsets.first == 0, inOffsets.first == 0 else { return "offsets start at 0" }
    guard outOffsets.last == outTargets.count, outTargets.count == outWeights.count else {
      return "out arrays disagree"
    }
    guard inOffsets.last == inSources.count, inSources.count == inWeights.count,
      inSources.count == outTargets.count
    else { return "in arrays disagree" }
    for u in 0..<n {
      guard outOffsets[u] <= outOffsets[u + 1], inOffsets[u] <= inOffsets[u + 1] else {
        return "offsets decrease at \(u)"
      }
      var strength = 0.0
      var previous: Int = -1
      for i in outOffsets[u]..<outOffsets[u + 1] {
        let v = Int(outTargets[i])
        guard v < n, v != u, v > previous, outWeights[i] > 0 else {
          return "out-edges of \(u) not strictly sorted, in range, loop-free and positive"
        }
        previous = v
        strength += Double(outWeights[i])
      }
      guard strength == outStrength[u] else { return "out-strength of \(u)" }
      previous = -1
      for i in inOffsets[u]..<inOffsets[u + 1] {
        let v = Int(inSources[i])
        guard v < n, v > previous, weight(from: v, to: u) == inWeights[i] else {
          return "in-edges of \(u) do not mirror the out-edges"
        }
        previous = v
      }
    }
    return nil
  }
}
