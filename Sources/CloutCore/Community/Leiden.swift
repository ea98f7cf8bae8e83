import Foundation

/// Communities maximizing modularity, by the Leiden algorithm (Traag, Waltman and van Eck,
/// "From Louvain to Leiden: guaranteeing well-connected communities", Sci. Rep. 9, 2019).
///
/// One pass repeats three phases until a level merges nothing:
/// 1. *Fast local moving*: nodes are taken from a queue (initially all, in random order); each
///    moves to the neighboring community (or an empty one) with the largest modularity gain,
///    staying unless a gain is strictly larger, and when it moves its neighbors outside the
///    new community rejoin the queue.
/// 2. *Refinement*: inside each community, starting from singletons, a node still alone that
///    is well connected to its community (edge weight to the rest ≥ γ k_v (K_S − k_v) / 2m)
///    may join a well-connected subset of that community whose gain is ≥ 0, chosen at random
///    with probability ∝ exp(gain / θ). Communities thus split into connected, well-connected
///    subsets, which Louvain does not guarantee.
/// 3. *Aggregation*: each refined subset becomes a node; the next level starts with those
///    nodes in their community from phase 1. (If refinement merged nothing, the communities
///    themselves are aggregated, as igraph does.)
///
/// Gains are in edge-weight units, `w(v, C) − γ k_v K_C / (2m)`, as in igraph's
/// `community_leiden`, so θ is relative to the edge weights: θ = 0.01 with weights around 1
/// makes refinement all but greedy, like leidenalg.
///
/// Passes repeat from the previous result (leidenalg's `n_iterations`) while one raises Q by
/// more than `1e-10`, at most `maxIterations` times. Every phase only accepts moves that do
/// not lower Q, so the result is never worse than the singletons, nor than an earlier pass.
/// The default of 2 passes is leidenalg's. More passes help most where structure is weak:
/// on `leiden-bench`'s random 1M-node / 10M-edge graph (release, 2 shared cores) 2 passes
/// reach Q 0.2394 in 20 s and 10 passes Q 0.2437 in 53 s; on the reference graphs, passes
/// after the second gain nothing.
///
/// Determinism: the only randomness is the node order of phases 1 and 2 and the draws of
/// phase 2, from a xoshiro256** stream seeded with `seed`; every other order is node-index or
/// first-appearance order, and nothing runs in parallel. The same graph and parameters give
/// the same membership on every run and platform.
///
/// Quality: at least 99% of the best modularity leidenalg 0.12 reaches with 5 seeds on the
/// graphs of `scripts/reference/leiden_reference.py` (checked by `LeidenReferenceTests`).
public struct Leiden: Sendable {
  public let graph: InteractionGraph
  /// γ ≥ 0; default 1 (standard modularity). Larger values give more, smaller communities.
  public let resolution: Double
  /// Seed of the random node orders and refinement draws. Default 42.
  public let seed: UInt64
  /// θ > 0, the randomness of refinement; default 0.01 (the paper's and igraph's).
  public let randomness: Double
  /// The most full passes to run; default 2. Passes stop earlier once one gains ≤ 1e-10.
  public let maxIterations: Int

  /// Parameters out of range.
  public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    case resolution(Double)
    case randomness(Double)
    case maxIterations(Int)
    case directedGraph

    public var description: String {
      switch self {
      case .resolution(let value):
        "resolution must be a finite number ≥ 0 (1 is standard modularity), not \(value)"
      case .randomness(let value):
        "randomness must be a finite number > 0 (0.01 is usual), not \(value)"
      case .maxIterations(let value):
        "maxIterations must be ≥ 1, not \(value)"
      case .directedGraph:
        "community detection needs an undirected graph: pass graph.undirected()"
      }
    }
  }

  public init(
    graph: InteractionGraph, resolution: Double = 1, seed: UInt64 = 42, randomness: Double = 0.01,
    maxIterations: Int = 2
  ) throws(ParameterError) {
    guard resolution.isFinite, resolution >= 0 else { throw .resolution(resolution) }
    guard randomness.isFinite, randomness > 0 else { throw .randomness(randomness) }
    guard maxIterations >= 1 else { throw .maxIterations(maxIterations) }
    guard graph.isSymmetric else { throw .directedGraph }
    self.graph = graph
    self.resolution = resolution
    self.seed = seed
    self.randomness = randomness
    self.maxIterations = maxIterations
  }

  public func run() -> CommunityPartition {
    let n = graph.nodeCount
    var membership = (0..<n).map { Int32($0) }
    let twoM = graph.outStrength.reduce(0, +)
    guard twoM > 0 else {
      return CommunityPartition(
        membership: membership, communityCount: n, modularity: 0, iterations: 0)
    }
    let scale = resolution / twoM
    var random = Xoshiro256(seed: seed)
    var quality = modularity(membership)
    var iterations = 0
    while iterations < maxIterations {
      iterations += 1
      var candidate = membership
      pass(&candidate, scale: scale, random: &random)
      let candidateQuality = modularity(candidate)
      guard candidateQuality > quality else { break }
      membership = candidate
      let gain = candidateQuality - quality
      quality = candidateQuality
      if gain <= 1e-10 { break }
    }
    let count = CommunityPartition.renumber(&membership)
    return CommunityPartition(
      membership: membership, communityCount: count, modularity: quality, iterations: iterations)
  }

  private func modularity(_ membership: [Int32]) -> Double {
    Modularity.value(
      offsets: graph.outOffsets, neighbors: graph.outTargets, weights: graph.outWeights,
      strength: graph.outStrength, membership: membership, resolution: resolution)
  }

  /// One Leiden pass from `membership` (ids in `0..<nodeCount`), improving it in place.
  private func pass(_ membership: inout [Int32], scale: Double, random: inout Xoshiro256) {
    var level = AggregateGraph(graph)
    // The community of each level node, and the level node of each original node.
    var communities = membership
    _ = CommunityPartition.renumber(&communities)
    var levelNode = (0..<graph.nodeCount).map { Int32($0) }
    while true {
      Self.moveNodes(level, membership: &communities, scale: scale, random: &random)
      let communityCount = CommunityPartition.renumber(&communities)
      if communityCount == level.nodeCount { break }
      var (refined, refinedCount) = Self.refine(
        level, communities: communities, communityCount: communityCount, scale: scale,
        randomness: randomness, random: &random)
      var next = [Int32](repeating: 0, count: refinedCount)
      if refinedCount < level.nodeCount {
        for v in 0..<level.nodeCount { next[Int(refined[v])] = communities[v] }
      } else {
        refined = communities
        refinedCount = communityCount
        next = (0..<communityCount).map { Int32($0) }
      }
      level = level.aggregated(by: refined, partCount: refinedCount)
      for i in levelNode.indices { levelNode[i] = refined[Int(levelNode[i])] }
      communities = next
    }
    for i in membership.indices { membership[i] = communities[Int(levelNode[i])] }
  }

  /// Phase 1, fast local moving, on `membership` (ids in `0..<nodeCount`) in place.
  static func moveNodes(
    _ graph: AggregateGraph, membership: inout [Int32], scale: Double,
    random: inout Xoshiro256
  ) {
    let n = graph.nodeCount
    var queue = (0..<n).map { Int32($0) }
    random.shuffle(&queue)
    var communityWeight = [Double](repeating: 0, count: n)
    var communitySize = [Int32](repeating: 0, count: n)
    for v in 0..<n {
      communityWeight[Int(membership[v])] += graph.strength[v]
      communitySize[Int(membership[v])] += 1
    }
    var empty = [Int32]()  // a stack of unused community ids
    for c in stride(from: n - 1, through: 0, by: -1) where communitySize[c] == 0 {
      empty.append(Int32(c))
    }
    var inQueue = [Bool](repeating: true, count: n)
    let scratch = NeighborScratch(count: n)
    let neighborWeight = scratch.weight
    let seen = scratch.seen
    var touched = [Int32]()
    var head = 0
    var queued = n

    graph.withUnsafeRows { offsets, neighbors, weights in
      membership.withUnsafeMutableBufferPointer { membership in
        while queued > 0 {
          let v = Int(queue[head])
          head = head + 1 == n ? 0 : head + 1
          queued -= 1
          inQueue[v] = false
          let current = Int(membership[v])
          let k = graph.strength[v]
          communityWeight[current] -= k
          communitySize[current] -= 1
          if communitySize[current] == 0 { empty.append(Int32(current)) }

          seen[current] = true
          touched.append(Int32(current))
          let rowStart = offsets[v]
          let rowEnd = offsets[v + 1]
          for i in rowStart..<rowEnd {
            let c = Int(membership[Int(neighbors[i])])
            if !seen[c] {
              seen[c] = true
              touched.append(Int32(c))
            }
            neighborWeight[c] += Double(weights[i])
          }
          // The current community first, so ties keep the node where it is.
          var best = current
          var bestGain = neighborWeight[current] - k * communityWeight[current] * scale
          for c in touched {
            let c = Int(c)
            let gain = neighborWeight[c] - k * communityWeight[c] * scale
            if gain > bestGain {
              best = c
              bestGain = gain
            }
            neighborWeight[c] = 0
            seen[c] = false
          }
          touched.removeAll(keepingCapacity: true)
          if bestGain < 0, let free = empty.last {
            best = Int(free)
          }
          if communitySize[best] == 0 { empty.removeLast() }
          communityWeight[best] += k
          communitySize[best] += 1
          if best != current {
            membership[v] = Int32(best)
            for i in rowStart..<rowEnd {
              let u = Int(neighbors[i])
              if !inQueue[u] && Int(membership[u]) != best {
                inQueue[u] = true
                var tail = head + queued
                if tail >= n { tail -= n }
                queue[tail] = Int32(u)
                queued += 1
              }
            }
          }
        }
      }
    }
    assert(scratch.isClean, "every node's neighbor weights are reset after its move")
  }

  /// Phase 2: splits each community into well-connected subsets; returns the subset of each
  /// node, numbered by first node, and the number of subsets.
  static func refine(
    _ graph: AggregateGraph, communities: [Int32], communityCount: Int, scale: Double,
    randomness: Double, random: inout Xoshiro256
  ) -> ([Int32], Int) {
    let n = graph.nodeCount
    let groups = KeyGroups(keys: communities, keyCount: communityCount)
    var communityWeight = [Double](repeating: 0, count: communityCount)
    for v in 0..<n { communityWeight[Int(communities[v])] += graph.strength[v] }

    var subset = (0..<n).map { Int32($0) }
    var subsetWeight = graph.strength
    // Weight of the edges from each subset to the rest of its community.
    var external = [Double](repeating: 0, count: n)
    var merged = [Bool](repeating: false, count: n)
    let scratch = NeighborScratch(count: n)
    let neighborWeight = scratch.weight
    let seen = scratch.seen
    var touched = [Int32]()
    var candidates = [Int32]()
    var candidateGains = [Double]()

    graph.withUnsafeRows { offsets, neighbors, weights in
      communities.withUnsafeBufferPointer { communities in
        for v in 0..<n {
          let c = communities[v]
          var sum = 0.0
          for i in offsets[v]..<offsets[v + 1] where communities[Int(neighbors[i])] == c {
            sum += Double(weights[i])
          }
          external[v] = sum
        }

        for c in 0..<communityCount {
          var order = Array(groups.items(of: c))
          random.shuffle(&order)
          let total = communityWeight[c]
          for v in order {
            let v = Int(v)
            let own = Int(subset[v])
            if merged[own] { continue }
            let k = graph.strength[v]
            let externalV = external[own]
            guard externalV >= k * (total - k) * scale else { continue }

            // v leaves its singleton subset, which it may come back to (gain 0).
            subsetWeight[own] = 0
            external[own] = 0
            for i in offsets[v]..<offsets[v + 1] {
              let u = Int(neighbors[i])
              guard communities[u] == Int32(c) else { continue }
              let s = Int(subset[u])
              if !seen[s] {
                seen[s] = true
                touched.append(Int32(s))
              }
              neighborWeight[s] += Double(weights[i])
            }
            candidates.append(Int32(own))
            candidateGains.append(0)
            var bestGain = 0.0
            for s in touched {
              let s = Int(s)
              let weight = subsetWeight[s]
              if external[s] >= weight * (total - weight) * scale {
                let gain = neighborWeight[s] - k * weight * scale
                if gain >= 0 {
                  candidates.append(Int32(s))
                  candidateGains.append(gain)
                  bestGain = max(bestGain, gain)
                }
              }
            }

            var chosen = own
            if candidates.count > 1 {
              var total = 0.0
              for i in candidateGains.indices {
                candidateGains[i] = exp((candidateGains[i] - bestGain) / randomness)
                total += candidateGains[i]
              }
              let draw = random.nextUnit() * total
              var cumulative = 0.0
              chosen = Int(candidates[candidates.count - 1])
              for i in candidates.indices {
                cumulative += candidateGains[i]
                if draw < cumulative {
                  chosen = Int(candidates[i])
                  break
                }
              }
            }

            subset[v] = Int32(chosen)
            subsetWeight[chosen] += k
            external[chosen] += externalV - 2 * neighborWeight[chosen]
            if chosen != own { merged[chosen] = true }
            for s in touched {
              neighborWeight[Int(s)] = 0
              seen[Int(s)] = false
            }
            touched.removeAll(keepingCapacity: true)
            candidates.removeAll(keepingCapacity: true)
            candidateGains.removeAll(keepingCapacity: true)
          }
        }
      }
    }
    assert(scratch.isClean, "every node's subset weights are reset after its move")
    let count = CommunityPartition.renumber(&subset)
    return (subset, count)
  }
}

/// Per-node scratch of one Leiden phase, allocated once per call and reset entry by entry
/// after every node: the summed edge weight to each neighbouring community (or subset) and
/// whether it was seen. Raw buffers like swift-collections' `_UnsafeHandle`, so the inner loop
/// runs without bounds checks or nested `withUnsafe…` closures; debug builds check at the end
/// of a phase that every entry was reset.
final class NeighborScratch {
  let weight: UnsafeMutableBufferPointer<Double>
  let seen: UnsafeMutableBufferPointer<Bool>

  init(count: Int) {
    weight = .allocate(capacity: count)
    weight.initialize(repeating: 0)
    seen = .allocate(capacity: count)
    seen.initialize(repeating: false)
  }

  deinit {
    weight.deallocate()
    seen.deallocate()
  }

  /// Every weight 0 and nothing marked seen: O(n), for debug assertions.
  var isClean: Bool { !weight.contains { $0 != 0 } && !seen.contains(true) }
}
