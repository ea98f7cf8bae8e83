import Dispatch

/// Weighted PageRank by power iteration, pulling along in-edges.
///
/// Node `u` passes `damping × rank(u) × w(u→v) / outStrength(u)` along each out-edge. A
/// dangling node (out-strength 0) spreads `damping × rank(u)` over the teleport distribution,
/// and every node receives `(1 − damping)` of the total through teleport. The teleport
/// distribution is the normalized personalization vector when one is given, else uniform —
/// the same model as networkx's `pagerank(G, alpha, personalization, weight="weight")`, whose
/// results the tests reproduce to 1e-9 per node (PageRankReferenceTests).
///
/// Iteration starts from the uniform vector and stops when the largest per-node change of one
/// iteration is below `tolerance` (max norm), or after `maxIterations`. The result is
/// normalized to sum to 1. The tolerance is absolute: scores average 1/n, so on large graphs
/// it is relatively looser (1M nodes: converged after 13 iterations at 1e-10 in
/// `scripts/bench`); pass a smaller one when the tail of the ranking matters.
///
/// Determinism: nodes are processed in fixed chunks of `chunkSize`; each node's sum is taken
/// over its in-edges in source order, and the global sums (dangling mass, final total) are
/// combined chunk by chunk in chunk order. Running the chunks on several threads
/// (`DispatchQueue.concurrentPerform`, when `nodeCount ≥ parallelThreshold`) therefore gives
/// bit-for-bit the result of running them one after another.
public struct PageRank: Sendable {
  /// Nodes per work unit. Fixed, so results do not depend on the number of cores.
  public static let chunkSize = 8_192

  public let graph: InteractionGraph
  /// Probability of following an edge rather than teleporting; in [0, 1). Default 0.85.
  public let damping: Double
  /// Convergence threshold on the max-norm of one iteration's change. Default 1e-10.
  public let tolerance: Double
  /// Default 200.
  public let maxIterations: Int
  /// The teleport distribution, normalized to sum to 1; nil for uniform.
  public let personalization: [Double]?
  /// Graphs with at least this many nodes are iterated on all cores. Default 50 000; below it
  /// the threads cost more than they save.
  public var parallelThreshold: Int = 50_000

  /// The scores and how the iteration ended.
  public struct Result: Sendable {
    /// One score per node, summing to 1.
    public var scores: [Double]
    /// Iterations performed.
    public var iterations: Int
    /// Whether the last iteration changed no node by `tolerance` or more.
    public var converged: Bool
    /// The max-norm change of the last iteration.
    public var lastChange: Double
  }

  /// Parameters out of range.
  public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    case damping(Double)
    case tolerance(Double)
    case maxIterations(Int)
    case personalizationCount(expected: Int, got: Int)
    case personalizationValues

    public var description: String {
      switch self {
      case .damping(let value):
        "damping must be in [0, 1) (0.85 is usual), not \(value)"
      case .tolerance(let value):
        "tolerance must be a finite number > 0 (e.g. 1e-10), not \(value)"
      case .maxIterations(let value):
        "maxIterations must be ≥ 1, not \(value)"
      case .personalizationCount(let expected, let got):
        "personalization needs one value per node (\(expected)), got \(got)"
      case .personalizationValues:
        "personalization values must be finite and ≥ 0, with a positive sum"
      }
    }
  }

  /// The ranges `init` accepts, for callers that check options before they have a graph.
  public static func checkParameters(
    damping: Double, tolerance: Double, maxIterations: Int = 200
  ) throws(ParameterError) {
    guard damping >= 0, damping < 1 else { throw .damping(damping) }
    guard tolerance.isFinite, tolerance > 0 else { throw .tolerance(tolerance) }
    guard maxIterations >= 1 else { throw .maxIterations(maxIterations) }
  }

  public init(
    graph: InteractionGraph, damping: Double = 0.85, tolerance: Double = 1e-10,
    maxIterations: Int = 200, personalization: [Double]? = nil
  ) throws(ParameterError) {
    try Self.checkParameters(damping: damping, tolerance: tolerance, maxIterations: maxIterations)
    if let personalization {
      guard personalization.count == graph.nodeCount else {
        throw .personalizationCount(expected: graph.nodeCount, got: personalization.count)
      }
      var total = 0.0
      for value in personalization {
        guard value.isFinite, value >= 0 else { throw .personalizationValues }
        total += value
      }
      guard total > 0, total.isFinite else { throw .personalizationValues }
      self.personalization = personalization.map { $0 / total }
    } else {
      self.personalization = nil
    }
    self.graph = graph
    self.damping = damping
    self.tolerance = tolerance
    self.maxIterations = maxIterations
  }

  public func run() -> Result {
    let n = graph.nodeCount
    guard n > 0 else { return Result(scores: [], iterations: 0, converged: true, lastChange: 0) }
    let teleport = personalization ?? [Double](repeating: 1 / Double(n), count: n)
    let inverseStrength = graph.outStrength.map { $0 > 0 ? 1 / $0 : 0 }
    let chunkCount = (n + Self.chunkSize - 1) / Self.chunkSize
    let parallel = n >= parallelThreshold && chunkCount > 1

    var rank = [Double](repeating: 1 / Double(n), count: n)
    var next = [Double](repeating: 0, count: n)
    // `share[u] = rank[u] / outStrength(u)`: what u sends per unit of edge weight.
    var share = zip(rank, inverseStrength).map { $0 * $1 }
    var nextShare = [Double](repeating: 0, count: n)
    var dangling = [Double](repeating: 0, count: chunkCount)
    var nextDangling = [Double](repeating: 0, count: chunkCount)
    var change = [Double](repeating: 0, count: chunkCount)
    for u in 0..<n where graph.outStrength[u] == 0 {
      dangling[u / Self.chunkSize] += rank[u]
    }

    var iterations = 0
    var lastChange = Double.infinity
    while iterations < maxIterations {
      iterations += 1
      var danglingMass = 0.0
      for part in dangling { danglingMass += part }
      let teleportScale = damping * danglingMass + (1 - damping)
      graph.inOffsets.withUnsafeBufferPointer { offsets in
        graph.inSources.withUnsafeBufferPointer { sources in
          graph.inWeights.withUnsafeBufferPointer { weights in
            teleport.withUnsafeBufferPointer { teleport in
              inverseStrength.withUnsafeBufferPointer { inverseStrength in
                rank.withUnsafeBufferPointer { rank in
                  share.withUnsafeBufferPointer { share in
                    next.withUnsafeMutableBufferPointer { next in
                      nextShare.withUnsafeMutableBufferPointer { nextShare in
                        nextDangling.withUnsafeMutableBufferPointer { nextDangling in
                          change.withUnsafeMutableBufferPointer { change in
                            let kernel = Kernel(
                              nodeCount: n, damping: damping, teleportScale: teleportScale,
                              offsets: offsets, sources: sources, weights: weights,
                              teleport: teleport, inverseStrength: inverseStrength, rank: rank,
                              share: share, next: next, nextShare: nextShare,
                              nextDangling: nextDangling, change: change)
                            if parallel {
                              DispatchQueue.concurrentPerform(iterations: chunkCount) {
                                kernel.step(chunk: $0)
                              }
                            } else {
                              for chunk in 0..<chunkCount { kernel.step(chunk: chunk) }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      swap(&rank, &next)
      swap(&share, &nextShare)
      swap(&dangling, &nextDangling)
      lastChange = change.max() ?? 0
      if lastChange < tolerance { break }
    }

    var total = 0.0
    for chunk in 0..<chunkCount {
      var part = 0.0
      for u in chunk * Self.chunkSize..<min(n, (chunk + 1) * Self.chunkSize) { part += rank[u] }
      total += part
    }
    for u in 0..<n { rank[u] /= total }
    return Result(
      scores: rank, iterations: iterations, converged: lastChange < tolerance,
      lastChange: lastChange)
  }
}

/// One iteration over one chunk of nodes. Holds raw buffers so the chunks can run on several
/// threads: each chunk reads the shared inputs and writes only its own nodes and slots.
private struct Kernel: @unchecked Sendable {
  let nodeCount: Int
  let damping: Double
  let teleportScale: Double
  let offsets: UnsafeBufferPointer<Int>
  let sources: UnsafeBufferPointer<UInt32>
  let weights: UnsafeBufferPointer<EdgeWeight>
  let teleport: UnsafeBufferPointer<Double>
  let inverseStrength: UnsafeBufferPointer<Double>
  let rank: UnsafeBufferPointer<Double>
  let share: UnsafeBufferPointer<Double>
  let next: UnsafeMutableBufferPointer<Double>
  let nextShare: UnsafeMutableBufferPointer<Double>
  let nextDangling: UnsafeMutableBufferPointer<Double>
  let change: UnsafeMutableBufferPointer<Double>

  func step(chunk: Int) {
    let start = chunk * PageRank.chunkSize
    let end = min(nodeCount, start + PageRank.chunkSize)
    var danglingPart = 0.0
    var largest = 0.0
    for v in start..<end {
      var sum = 0.0
      for i in offsets[v]..<offsets[v + 1] {
        sum += Double(weights[i]) * share[Int(sources[i])]
      }
      let value = damping * sum + teleportScale * teleport[v]
      largest = max(largest, abs(value - rank[v]))
      next[v] = value
      let inverse = inverseStrength[v]
      nextShare[v] = value * inverse
      if inverse == 0 { danglingPart += value }
    }
    nextDangling[chunk] = danglingPart
    change[chunk] = largest
  }
}
