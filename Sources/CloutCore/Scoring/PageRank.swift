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
    assert(graph.invariantViolation() == nil, "PageRank needs a valid CSR graph")
    let chunkCount = (n + Self.chunkSize - 1) / Self.chunkSize
    let parallel = n >= parallelThreshold && chunkCount > 1
    let state = Workspace(
      graph: graph, teleport: personalization ?? [Double](repeating: 1 / Double(n), count: n),
      chunkCount: chunkCount)

    var iterations = 0
    var lastChange = Double.infinity
    graph.withUnsafeInEdges { offsets, sources, weights in
      while iterations < maxIterations {
        iterations += 1
        var danglingMass = 0.0
        for part in state.dangling { danglingMass += part }
        let kernel = Kernel(
          nodeCount: n, damping: damping, teleportScale: damping * danglingMass + (1 - damping),
          offsets: offsets, sources: sources, weights: weights, state: state)
        if parallel {
          DispatchQueue.concurrentPerform(iterations: chunkCount) { kernel.step(chunk: $0) }
        } else {
          for chunk in 0..<chunkCount { kernel.step(chunk: chunk) }
        }
        state.swapIterations()
        lastChange = state.change.max() ?? 0
        if lastChange < tolerance { break }
      }
    }

    let rank = state.rank
    var total = 0.0
    for chunk in 0..<chunkCount {
      var part = 0.0
      for u in chunk * Self.chunkSize..<min(n, (chunk + 1) * Self.chunkSize) { part += rank[u] }
      total += part
    }
    return Result(
      scores: rank.map { $0 / total }, iterations: iterations, converged: lastChange < tolerance,
      lastChange: lastChange)
  }
}

/// The buffers of one run, allocated once and swapped between iterations (swift-collections'
/// `_UnsafeHandle` habit): the kernel reads and writes raw buffers without a pyramid of
/// `withUnsafe…` closures around every iteration. Only `run()` holds one, so nothing outlives it.
private final class Workspace: @unchecked Sendable {
  let teleport: UnsafeMutableBufferPointer<Double>
  /// `1 / outStrength(u)`, 0 for a dangling node.
  let inverseStrength: UnsafeMutableBufferPointer<Double>
  private(set) var rank: UnsafeMutableBufferPointer<Double>
  private(set) var next: UnsafeMutableBufferPointer<Double>
  /// `share[u] = rank[u] / outStrength(u)`: what u sends per unit of edge weight.
  private(set) var share: UnsafeMutableBufferPointer<Double>
  private(set) var nextShare: UnsafeMutableBufferPointer<Double>
  /// Per chunk: the rank held by dangling nodes, and the largest change of the iteration.
  private(set) var dangling: UnsafeMutableBufferPointer<Double>
  private(set) var nextDangling: UnsafeMutableBufferPointer<Double>
  let change: UnsafeMutableBufferPointer<Double>

  init(graph: InteractionGraph, teleport: [Double], chunkCount: Int) {
    let n = graph.nodeCount
    precondition(teleport.count == n, "one teleport value per node")
    func buffer(_ count: Int, _ value: Double = 0) -> UnsafeMutableBufferPointer<Double> {
      let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
      buffer.initialize(repeating: value)
      return buffer
    }
    self.teleport = buffer(n)
    _ = self.teleport.initialize(from: teleport)
    inverseStrength = buffer(n)
    for u in 0..<n { inverseStrength[u] = graph.outStrength[u] > 0 ? 1 / graph.outStrength[u] : 0 }
    rank = buffer(n, 1 / Double(n))
    next = buffer(n)
    share = buffer(n)
    for u in 0..<n { share[u] = rank[u] * inverseStrength[u] }
    nextShare = buffer(n)
    dangling = buffer(chunkCount)
    nextDangling = buffer(chunkCount)
    change = buffer(chunkCount)
    for u in 0..<n where graph.outStrength[u] == 0 {
      dangling[u / PageRank.chunkSize] += rank[u]
    }
  }

  /// The iteration just computed becomes the current one.
  func swapIterations() {
    swap(&rank, &next)
    swap(&share, &nextShare)
    swap(&dangling, &nextDangling)
  }

  deinit {
    let buffers = [
      teleport, inverseStrength, rank, next, share, nextShare, dangling, nextDangling, change,
    ]
    for buffer in buffers { buffer.deallocate() }
  }
}

/// One iteration over one chunk of nodes. Each chunk reads the shared inputs and writes only
/// its own nodes and slots, so the chunks can run on several threads.
private struct Kernel: @unchecked Sendable {
  let nodeCount: Int
  let damping: Double
  let teleportScale: Double
  let offsets: UnsafeBufferPointer<Int>
  let sources: UnsafeBufferPointer<UInt32>
  let weights: UnsafeBufferPointer<EdgeWeight>
  let teleport: UnsafeMutableBufferPointer<Double>
  let inverseStrength: UnsafeMutableBufferPointer<Double>
  let rank: UnsafeMutableBufferPointer<Double>
  let share: UnsafeMutableBufferPointer<Double>
  let next: UnsafeMutableBufferPointer<Double>
  let nextShare: UnsafeMutableBufferPointer<Double>
  let nextDangling: UnsafeMutableBufferPointer<Double>
  let change: UnsafeMutableBufferPointer<Double>

  init(
    nodeCount: Int, damping: Double, teleportScale: Double, offsets: UnsafeBufferPointer<Int>,
    sources: UnsafeBufferPointer<UInt32>, weights: UnsafeBufferPointer<EdgeWeight>,
    state: Workspace
  ) {
    assert(offsets.count == nodeCount + 1 && state.rank.count == nodeCount)
    self.nodeCount = nodeCount
    self.damping = damping
    self.teleportScale = teleportScale
    self.offsets = offsets
    self.sources = sources
    self.weights = weights
    teleport = state.teleport
    inverseStrength = state.inverseStrength
    rank = state.rank
    share = state.share
    next = state.next
    nextShare = state.nextShare
    nextDangling = state.nextDangling
    change = state.change
  }

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
