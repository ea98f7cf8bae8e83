/// How evenly each node's edges spread over communities: the participation coefficient of
/// Guimerà and Amaral (Nature 433, 2005), weighted,
///
///     P_i = 1 − Σ_c (k_ic / k_i)²
///
/// where k_i is the strength of node i in the undirected graph and k_ic the weight of its edges
/// into community c (its own included). P is 0 for a node whose edges all stay in one
/// community (and for an isolated node), 1 − 1/r for edges split evenly over r communities, and
/// approaches 1 only for a node spread thinly over many.
///
/// `graph` must be symmetric, as `InteractionGraph.undirected()` returns it, so that a reply
/// and a reply back both count towards the tie between two accounts.
public struct ParticipationCoefficient: Sendable {
  /// P ≥ 0.5 makes a bridge by default: at least as spread as an even split between two
  /// communities (P = 0.5), or e.g. 60/20/20 over three (P = 0.56); a 70/30 split (0.42) is
  /// a member with outside ties, not a bridge.
  public static let defaultBridgeThreshold = 0.5

  public let graph: InteractionGraph
  /// The community of each node, in `0..<nodeCount`.
  public let membership: [Int32]

  public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    case directedGraph
    case membershipCount(expected: Int, got: Int)

    public var description: String {
      switch self {
      case .directedGraph:
        "participation needs an undirected graph: pass graph.undirected()"
      case .membershipCount(let expected, let got):
        "membership needs one community per node (\(expected)), got \(got)"
      }
    }
  }

  /// Per-node participation, and what the bridge test needs.
  public struct Result: Sendable, Equatable {
    /// P_i per node.
    public var coefficients: [Double]
    /// The number of distinct communities among each node's neighbors.
    public var communitiesReached: [Int32]
    /// k_i per node (the undirected strength).
    public var strength: [Double]

    /// The mean strength over nodes with at least one edge; 0 when there are none.
    public var meanStrength: Double {
      var total = 0.0
      var count = 0
      for k in strength where k > 0 {
        total += k
        count += 1
      }
      return count > 0 ? total / Double(count) : 0
    }

    /// The bridges, by participation descending, ties by node index: nodes with
    /// P ≥ `threshold` whose neighbors lie in at least 2 communities and whose strength is at
    /// least `minimumStrength` — by default `meanStrength`.
    ///
    /// The strength floor is there because P looks only at proportions: an account with one
    /// reply into each of two communities has P = 0.5, the same as one with hundreds, and
    /// calling it a bridge would be reading noise. The mean strength adapts to the data set
    /// (weights depend on the type weights and the half-life) and keeps the bridges among the
    /// accounts that carry at least a typical account's traffic. Pass 0 to drop the floor.
    public func bridges(
      threshold: Double = ParticipationCoefficient.defaultBridgeThreshold,
      minimumStrength: Double? = nil
    ) -> [Int] {
      let floor = minimumStrength ?? meanStrength
      var result = coefficients.indices.filter {
        coefficients[$0] >= threshold && communitiesReached[$0] >= 2 && strength[$0] >= floor
          && strength[$0] > 0
      }
      result.sort {
        coefficients[$0] != coefficients[$1] ? coefficients[$0] > coefficients[$1] : $0 < $1
      }
      return result
    }
  }

  public init(graph: InteractionGraph, membership: [Int32]) throws(ParameterError) {
    guard graph.isSymmetric else { throw .directedGraph }
    guard membership.count == graph.nodeCount else {
      throw .membershipCount(expected: graph.nodeCount, got: membership.count)
    }
    self.graph = graph
    self.membership = membership
  }

  public func run() -> Result {
    let n = graph.nodeCount
    var coefficients = [Double](repeating: 0, count: n)
    var reached = [Int32](repeating: 0, count: n)
    var perCommunity = [Double](repeating: 0, count: n)
    var touched = [Int32]()
    for u in 0..<n {
      for i in graph.outOffsets[u]..<graph.outOffsets[u + 1] {
        let c = Int(membership[Int(graph.outTargets[i])])
        precondition(c >= 0 && c < n, "community ids must be in 0..<nodeCount")
        if perCommunity[c] == 0 { touched.append(Int32(c)) }
        perCommunity[c] += Double(graph.outWeights[i])
      }
      let k = graph.outStrength[u]
      if k > 0 {
        var concentration = 0.0
        for c in touched {
          let share = perCommunity[Int(c)] / k
          concentration += share * share
        }
        coefficients[u] = max(0, 1 - concentration)
      }
      reached[u] = Int32(touched.count)
      for c in touched { perCommunity[Int(c)] = 0 }
      touched.removeAll(keepingCapacity: true)
    }
    return Result(
      coefficients: coefficients, communitiesReached: reached, strength: graph.outStrength)
  }
}
