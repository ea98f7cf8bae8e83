/// The weight stored on an edge.
///
/// `Float`, not `Double`: on a random 1M-node / 10M-edge graph (release, 2 cores, see
/// `scripts/bench`), `Float` weights save 80 MB (both CSR directions) and PageRank iterations
/// ran about 10% faster, the pull loop being memory-bound; the weights are sums of at most a
/// few thousand decayed type weights, so 24 bits of mantissa lose nothing a ranking can see.
/// Every algorithm accumulates in `Double`.
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
  /// directions) wherever `u → v` or `v → u` exists, weighted `w(u→v) + w(v→u)`.
  public func undirected() -> InteractionGraph {
    var actors = [UInt32]()
    var targets = [UInt32]()
    var weights = [Double]()
    actors.reserveCapacity(2 * edgeCount)
    targets.reserveCapacity(2 * edgeCount)
    weights.reserveCapacity(2 * edgeCount)
    for u in 0..<nodeCount {
      for i in outOffsets[u]..<outOffsets[u + 1] {
        let v = outTargets[i]
        let w = Double(outWeights[i])
        actors.append(UInt32(u))
        targets.append(v)
        weights.append(w)
        actors.append(v)
        targets.append(UInt32(u))
        weights.append(w)
      }
    }
    return GraphBuilder.build(
      actors: actors, targets: targets, weights: weights, nodeCount: nodeCount)
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
