/// Modularity of a partition of an undirected weighted graph, with a resolution γ:
///
///     Q = 1/(2m) Σ_ij [A_ij − γ k_i k_j / (2m)] δ(c_i, c_j)
///       = Σ_c [ in_c / (2m) − γ (K_c / (2m))² ]
///
/// `graph` must be symmetric, as `InteractionGraph.undirected()` returns it: an undirected edge
/// `{u, v}` of weight w is stored as `u → v` and `v → u`, so A_uv = A_vu = w, k_i is the
/// strength (`outStrength`), 2m = Σ_i k_i (m = the sum of undirected edge weights), in_c sums
/// A_ij over ordered pairs inside c (each edge twice) and K_c sums the strengths in c. These
/// are igraph's conventions (`Graph.modularity(membership, weights=, resolution=)`) for a graph
/// given as an undirected edge list without self-loops, which `GraphBuilder` never keeps; the
/// tests reproduce igraph's values to 1e-12.
///
/// A graph without edges has Q = 0 here for every partition (igraph answers NaN).
public struct Modularity: Sendable {
  public let graph: InteractionGraph
  /// γ ≥ 0; default 1. Larger values favor more, smaller communities.
  public let resolution: Double

  /// Parameters out of range.
  public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    case resolution(Double)
    case directedGraph

    public var description: String {
      switch self {
      case .resolution(let value):
        "resolution must be a finite number ≥ 0 (1 is standard modularity), not \(value)"
      case .directedGraph:
        "modularity needs an undirected graph: pass graph.undirected()"
      }
    }
  }

  public init(graph: InteractionGraph, resolution: Double = 1) throws(ParameterError) {
    guard resolution.isFinite, resolution >= 0 else { throw .resolution(resolution) }
    guard graph.isSymmetric else { throw .directedGraph }
    self.graph = graph
    self.resolution = resolution
  }

  /// Q of `membership`, one community id per node, each in `0..<nodeCount`.
  public func run(membership: [Int32]) -> Double {
    Self.value(
      offsets: graph.outOffsets, neighbors: graph.outTargets, weights: graph.outWeights,
      strength: graph.outStrength, membership: membership, resolution: resolution)
  }

  /// Q over CSR arrays; shared with `Leiden`, which checks its progress with it.
  static func value(
    offsets: [Int], neighbors: [UInt32], weights: [EdgeWeight], strength: [Double],
    membership: [Int32], resolution: Double
  ) -> Double {
    let n = strength.count
    precondition(membership.count == n, "one community id per node")
    var inside = [Double](repeating: 0, count: n)
    var total = [Double](repeating: 0, count: n)
    var twoM = 0.0
    for u in 0..<n {
      let c = Int(membership[u])
      precondition(c >= 0 && c < n, "community ids must be in 0..<nodeCount")
      total[c] += strength[u]
      twoM += strength[u]
      var sum = 0.0
      for i in offsets[u]..<offsets[u + 1] where membership[Int(neighbors[i])] == c {
        sum += Double(weights[i])
      }
      inside[c] += sum
    }
    guard twoM > 0 else { return 0 }
    var q = 0.0
    for c in 0..<n where total[c] > 0 {
      let share = total[c] / twoM
      q += inside[c] / twoM - resolution * share * share
    }
    return q
  }
}
