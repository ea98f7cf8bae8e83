/// Communities as the CLI shows them: ordered by total score, numbered from 1, with their
/// members best first and how much of their interaction stays inside.
///
/// Order: total score descending (summed in node order), ties by the smallest node index in
/// the community. Ids are 1...count in that order, so for the same membership and scores
/// "community 1" is always the community with the highest total score, whatever numbering the
/// membership used.
///
/// Internal share: `internalWeight / (internalWeight + boundaryWeight)`, where an undirected
/// edge with both ends inside counts once in `internalWeight` and an edge with one end inside
/// counts once in `boundaryWeight` — the share of the interaction weight touching the
/// community that stays inside it (0 for a community without edges). This counts an internal
/// edge once, not once per endpoint: the share of the community's total strength that is
/// internal would be 2I / (2I + B), which reads higher than the fraction of ties that stay in.
public struct CommunitySummary: Sendable {
  public struct Community: Sendable, Equatable {
    /// 1...count; 1 is the community with the highest total score.
    public var id: Int
    /// Node indices by score descending, ties by node index ascending.
    public var members: [Int32]
    public var totalScore: Double
    /// Summed weight of the undirected edges with both ends in the community.
    public var internalWeight: Double
    /// Summed weight of the undirected edges with exactly one end in the community.
    public var boundaryWeight: Double
    /// internalWeight / (internalWeight + boundaryWeight), or 0 without edges.
    public var internalShare: Double

    public var size: Int { members.count }
  }

  public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    case directedGraph
    case countMismatch(nodes: Int, membership: Int, scores: Int)

    public var description: String {
      switch self {
      case .directedGraph:
        "a community summary needs an undirected graph: pass graph.undirected()"
      case .countMismatch(let nodes, let membership, let scores):
        "need one community and one score per node (\(nodes)), got \(membership) and \(scores)"
      }
    }
  }

  /// The communities, `communities[i].id == i + 1`.
  public let communities: [Community]
  /// The summary id (1...count) of each node.
  public let communityOfNode: [Int32]

  /// `membership` holds ids in `0..<nodeCount` (any numbering; empty ids are skipped);
  /// `scores` must not be NaN.
  public init(
    graph: InteractionGraph, membership: [Int32], scores: [Double]
  ) throws(ParameterError) {
    let n = graph.nodeCount
    guard graph.isSymmetric else { throw .directedGraph }
    guard membership.count == n, scores.count == n else {
      throw .countMismatch(nodes: n, membership: membership.count, scores: scores.count)
    }
    var total = [Double](repeating: 0, count: n)
    var first = [Int](repeating: -1, count: n)
    var internalTwice = [Double](repeating: 0, count: n)
    var boundary = [Double](repeating: 0, count: n)
    for u in 0..<n {
      let c = Int(membership[u])
      precondition(c >= 0 && c < n, "community ids must be in 0..<nodeCount")
      precondition(!scores[u].isNaN, "scores must not be NaN")
      total[c] += scores[u]
      if first[c] < 0 { first[c] = u }
      for i in graph.outOffsets[u]..<graph.outOffsets[u + 1] {
        let w = Double(graph.outWeights[i])
        if Int(membership[Int(graph.outTargets[i])]) == c {
          internalTwice[c] += w
        } else {
          boundary[c] += w
        }
      }
    }
    var order = (0..<n).filter { first[$0] >= 0 }
    order.sort { total[$0] != total[$1] ? total[$0] > total[$1] : first[$0] < first[$1] }
    var idOf = [Int32](repeating: 0, count: n)
    var members = [[Int32]](repeating: [], count: order.count)
    for (index, c) in order.enumerated() { idOf[c] = Int32(index + 1) }
    for u in 0..<n { members[Int(idOf[Int(membership[u])]) - 1].append(Int32(u)) }
    communityOfNode = membership.map { idOf[Int($0)] }
    communities = order.enumerated().map { index, c in
      var list = members[index]
      list.sort { scores[Int($0)] != scores[Int($1)] ? scores[Int($0)] > scores[Int($1)] : $0 < $1 }
      let inside = internalTwice[c] / 2
      let touching = inside + boundary[c]
      return Community(
        id: index + 1, members: list, totalScore: total[c], internalWeight: inside,
        boundaryWeight: boundary[c], internalShare: touching > 0 ? inside / touching : 0)
    }
  }
}
