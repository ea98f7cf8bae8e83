/// Builds an `InteractionGraph` from an edge list given as parallel arrays.
///
/// Self-loops are dropped, as are edges of weight 0; parallel edges are merged into one whose
/// weight is their sum (taken in `Double`, in input order, then stored as `EdgeWeight`).
///
/// Two stable counting sorts, by target then by actor, leave the edges sorted by
/// `(actor, target)` in O(n + m) time with no comparisons and no hashing; a linear pass merges
/// the runs of parallel edges, and a third counting sort over the merged edges gives the
/// transpose. Peak memory is about 40 bytes per input edge.
///
/// Sums are taken in `Double` and checked before they are narrowed: when the heaviest input
/// weight times the edge count could pass `weightBound` (2^120, which leaves Float's 2^128
/// room for the symmetric and community sums built from this graph), every weight is first
/// multiplied by one power of two, so no edge weight becomes infinity and PageRank (which only
/// sees ratios of weights) is unchanged. Weights within `InteractionWeighting.maximumWeight`
/// never come near the bound, so rankings of checked data are never rescaled.
public enum GraphBuilder {
  public static let weightBound: Double = 0x1p120

  /// Builds the graph. Node ids must be `< nodeCount`; weights finite and ≥ 0.
  public static func build(
    actors: [UInt32], targets: [UInt32], weights: [Double], nodeCount: Int
  ) -> InteractionGraph {
    precondition(actors.count == targets.count && actors.count == weights.count)
    precondition(nodeCount >= 0 && nodeCount <= Int(UInt32.max))
    precondition(actors.count <= Int(Int32.max), "at most 2^31 - 1 edges per build")
    let n = nodeCount
    var heaviest = 0.0

    // Pass 1: counting sort of the kept edges by target; `byTarget` holds input indices.
    var targetStart = [Int](repeating: 0, count: n + 1)
    var kept = 0
    for i in actors.indices {
      let a = Int(actors[i])
      let t = Int(targets[i])
      precondition(a < n && t < n, "node id out of range 0..<\(n)")
      let w = weights[i]
      precondition(w.isFinite && w >= 0, "edge weight must be finite and ≥ 0")
      if a != t && w > 0 {
        targetStart[t + 1] += 1
        kept += 1
        heaviest = Swift.max(heaviest, w)
      }
    }
    let scale = Self.scale(heaviest: heaviest, count: kept)
    for v in 0..<n { targetStart[v + 1] += targetStart[v] }
    var byTarget = [Int32](repeating: 0, count: kept)
    var actorCount = [Int](repeating: 0, count: n + 1)
    targetStart.withUnsafeMutableBufferPointer { next in
      byTarget.withUnsafeMutableBufferPointer { order in
        for i in actors.indices {
          let a = Int(actors[i])
          let t = Int(targets[i])
          if a != t && weights[i] > 0 {
            order[next[t]] = Int32(truncatingIfNeeded: i)
            next[t] += 1
            actorCount[a + 1] += 1
          }
        }
      }
    }
    targetStart = []

    // Pass 2: stable counting sort by actor, so each actor's run is sorted by target.
    for u in 0..<n { actorCount[u + 1] += actorCount[u] }
    var sorted = [Int32](repeating: 0, count: kept)
    actorCount.withUnsafeMutableBufferPointer { next in
      sorted.withUnsafeMutableBufferPointer { out in
        for index in byTarget {
          let a = Int(actors[Int(index)])
          out[next[a]] = index
          next[a] += 1
        }
      }
    }
    byTarget = []
    // `actorCount[u]` is now the end of actor u's run, i.e. the start of actor u + 1's.

    // Merge runs of equal (actor, target).
    var outOffsets = [Int](repeating: 0, count: n + 1)
    var outTargets = [UInt32]()
    var outWeights = [EdgeWeight]()
    var outStrength = [Double](repeating: 0, count: n)
    outTargets.reserveCapacity(kept)
    outWeights.reserveCapacity(kept)
    var inCount = [Int](repeating: 0, count: n + 1)
    var runStart = 0
    for u in 0..<n {
      let runEnd = actorCount[u]
      var i = runStart
      var strength = 0.0
      while i < runEnd {
        let t = targets[Int(sorted[i])]
        var sum = 0.0
        while i < runEnd && targets[Int(sorted[i])] == t {
          sum += weights[Int(sorted[i])] * scale
          i += 1
        }
        // A positive weight stays positive even when the rescaling pushed it below Float's
        // smallest value: the edge exists.
        let stored = Swift.max(EdgeWeight(sum), .leastNonzeroMagnitude)
        outTargets.append(t)
        outWeights.append(stored)
        strength += Double(stored)
        inCount[Int(t) + 1] += 1
      }
      outStrength[u] = strength
      outOffsets[u + 1] = outTargets.count
      runStart = runEnd
    }
    sorted = []

    // Transpose: scanning sources in order leaves each in-run sorted by source.
    for v in 0..<n { inCount[v + 1] += inCount[v] }
    let inOffsets = inCount
    let m = outTargets.count
    var inSources = [UInt32](repeating: 0, count: m)
    var inWeights = [EdgeWeight](repeating: 0, count: m)
    inCount.withUnsafeMutableBufferPointer { next in
      inSources.withUnsafeMutableBufferPointer { sources in
        inWeights.withUnsafeMutableBufferPointer { inW in
          outTargets.withUnsafeBufferPointer { outT in
            outWeights.withUnsafeBufferPointer { outW in
              for u in 0..<n {
                for i in outOffsets[u]..<outOffsets[u + 1] {
                  let v = Int(outT[i])
                  let slot = next[v]
                  sources[slot] = UInt32(truncatingIfNeeded: u)
                  inW[slot] = outW[i]
                  next[v] = slot + 1
                }
              }
            }
          }
        }
      }
    }

    return InteractionGraph(
      nodeCount: n, outOffsets: outOffsets, outTargets: outTargets, outWeights: outWeights,
      inOffsets: inOffsets, inSources: inSources, inWeights: inWeights, outStrength: outStrength)
  }

  /// 1, or the power of two that brings `heaviest × count` (a bound on any edge's sum) under
  /// `weightBound`.
  static func scale(heaviest: Double, count: Int) -> Double {
    guard heaviest > 0, count > 0, heaviest * Double(count) > weightBound else { return 1 }
    // Divided in two steps so that a weight near Double's maximum does not overflow.
    let wanted = weightBound / heaviest / Double(count)
    return Double(sign: .plus, exponent: wanted.exponent, significand: 1)
  }
}
