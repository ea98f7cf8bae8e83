/// Builds an `InteractionGraph` from an edge list given as parallel arrays.
///
/// Self-loops are dropped, as are edges of weight 0; parallel edges are merged into one whose
/// weight is their sum (taken in `Double`, in input order, then stored as `EdgeWeight`).
///
/// A stable counting sort by actor groups the edges' targets and weights in input order; each
/// actor's run is merged with a slot per distinct target (an array over the nodes, no
/// hashing) and its distinct targets sorted, which is O(d log d) for an actor with d distinct
/// targets; a second counting sort over the merged edges gives the transpose. Peak memory is
/// about 12 bytes per input edge plus the merged graph.
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

    // Pass 1: count the kept edges of each actor.
    var actorStart = [Int](repeating: 0, count: n + 1)
    var kept = 0
    for i in actors.indices {
      let a = Int(actors[i])
      let t = Int(targets[i])
      precondition(a < n && t < n, "node id out of range 0..<\(n)")
      let w = weights[i]
      precondition(w.isFinite && w >= 0, "edge weight must be finite and ≥ 0")
      if a != t && w > 0 {
        actorStart[a + 1] += 1
        kept += 1
        heaviest = Swift.max(heaviest, w)
      }
    }
    let scale = Self.scale(heaviest: heaviest, count: kept)
    for u in 0..<n { actorStart[u + 1] += actorStart[u] }

    // Pass 2: a stable counting sort by actor that moves each edge's target and scaled weight
    // (not its input index), so the merge below reads its runs front to back instead of
    // gathering targets and weights by index. The two index sorts this replaced (by target,
    // then by actor, then a gather) were 12–18% of `perf record -F 1999` samples of `clout
    // rank --top 100` on the 10M-post store: 660 samples in `build` before, 430 after (mean
    // of 3 runs each, alternated, load ~4), for 4 more bytes per input edge.
    var runTargets = LargeArray.filled(UInt32(0), count: kept)
    var runWeights = LargeArray.filled(Double(0), count: kept)
    var next = actorStart
    next.withUnsafeMutableBufferPointer { next in
      runTargets.withUnsafeMutableBufferPointer { runTargets in
        runWeights.withUnsafeMutableBufferPointer { runWeights in
          actors.withUnsafeBufferPointer { actors in
            targets.withUnsafeBufferPointer { targets in
              weights.withUnsafeBufferPointer { weights in
                for i in 0..<actors.count {
                  let a = Int(actors[i])
                  let t = targets[i]
                  let w = weights[i]
                  if a != Int(t) && w > 0 {
                    let slot = next[a]
                    runTargets[slot] = t
                    runWeights[slot] = w * scale
                    next[a] = slot + 1
                  }
                }
              }
            }
          }
        }
      }
    }
    next = []

    // Merge each actor's parallel edges: the first edge to a target claims a slot (`slotOf`,
    // valid while `claimedBy` holds the actor), later ones add to it, so every sum is taken in
    // input order as before; the run's distinct targets are then put in ascending order.
    var outOffsets = [Int](repeating: 0, count: n + 1)
    var outTargets = [UInt32]()
    var outWeights = [EdgeWeight]()
    var outStrength = [Double](repeating: 0, count: n)
    outTargets.reserveCapacity(kept)
    outWeights.reserveCapacity(kept)
    var inCount = [Int](repeating: 0, count: n + 1)
    var claimedBy = [UInt32](repeating: .max, count: n)
    var slotOf = [Int32](repeating: 0, count: n)
    // Per run: target << 32 | slot, sorted, and the slots' sums.
    var runKeys: [UInt64] = []
    var runSums: [Double] = []
    runTargets.withUnsafeBufferPointer { runTargets in
      runWeights.withUnsafeBufferPointer { runWeights in
        claimedBy.withUnsafeMutableBufferPointer { claimedBy in
          slotOf.withUnsafeMutableBufferPointer { slotOf in
            for u in 0..<n {
              runKeys.removeAll(keepingCapacity: true)
              runSums.removeAll(keepingCapacity: true)
              let owner = UInt32(truncatingIfNeeded: u)
              for i in actorStart[u]..<actorStart[u + 1] {
                let t = Int(runTargets[i])
                if claimedBy[t] != owner {
                  claimedBy[t] = owner
                  slotOf[t] = Int32(truncatingIfNeeded: runSums.count)
                  runKeys.append(UInt64(t) << 32 | UInt64(runSums.count))
                  // 0 + w, as the sum of a run of one edge was taken.
                  runSums.append(0 + runWeights[i])
                } else {
                  runSums[Int(slotOf[t])] += runWeights[i]
                }
              }
              runKeys.sort()
              var strength = 0.0
              for key in runKeys {
                let t = UInt32(truncatingIfNeeded: key >> 32)
                let sum = runSums[Int(key & 0xffff_ffff)]
                // A positive weight stays positive even when the rescaling pushed it below
                // Float's smallest value: the edge exists.
                let stored = Swift.max(EdgeWeight(sum), .leastNonzeroMagnitude)
                outTargets.append(t)
                outWeights.append(stored)
                strength += Double(stored)
                inCount[Int(t) + 1] += 1
              }
              outStrength[u] = strength
              outOffsets[u + 1] = outTargets.count
            }
          }
        }
      }
    }
    runTargets = []
    runWeights = []

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
