/// Communities of a ranking's interaction graph, treated as undirected and weighted with the
/// same weights as the ranking: Leiden partition, communities numbered 1… by total score
/// (1 = the community with the highest total score), and bridges (accounts whose
/// interactions span several communities).
public struct CommunityAnalysis: Sendable {
  public static let defaultResolution = 1.0
  public static let defaultSeed: UInt64 = 42

  /// Parameters out of the range an analysis accepts.
  public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    case resolution(Double)

    public var description: String {
      switch self {
      case .resolution(let value):
        "resolution must be a positive number (1 is standard modularity; try 0.5 or 2), not "
          + "\(value)"
      }
    }
  }

  /// The resolutions an analysis accepts: finite and > 0. Leiden also takes 0, where every
  /// connected component is one community, which tells a reader nothing about groups.
  public static func checkResolution(_ resolution: Double) throws(ParameterError) {
    guard resolution.isFinite, resolution > 0 else { throw .resolution(resolution) }
  }

  public let resolution: Double
  public let seed: UInt64
  public let undirected: InteractionGraph
  public let partition: CommunityPartition
  /// Communities ordered by total score; `communities[i].id == i + 1`.
  public let summary: CommunitySummary
  public let participation: ParticipationCoefficient.Result
  /// Bridge accounts (graph nodes), most spread first.
  public let bridges: [Int]
  private let bridgeSet: Set<Int>

  public init(
    ranking: InfluenceRanking, resolution: Double = CommunityAnalysis.defaultResolution,
    seed: UInt64 = CommunityAnalysis.defaultSeed
  ) throws {
    do {
      try Self.checkResolution(resolution)
    } catch {
      throw InfluenceRanking.Failure.invalidParameter(error.description)
    }
    self.resolution = resolution
    self.seed = seed
    undirected = ranking.graph.undirected()
    do {
      partition = try Leiden(graph: undirected, resolution: resolution, seed: seed).run()
      summary = try CommunitySummary(
        graph: undirected, membership: partition.membership,
        scores: ranking.contributions.map(\.score))
      participation = try ParticipationCoefficient(
        graph: undirected, membership: partition.membership
      ).run()
    } catch let error as CustomStringConvertible & Error {
      throw InfluenceRanking.Failure.invalidParameter(error.description)
    }
    bridges = participation.bridges()
    bridgeSet = Set(bridges)
  }

  /// The 1-based community id of a graph node.
  public func community(of node: Int) -> Int { Int(summary.communityOfNode[node]) }

  public func isBridge(_ node: Int) -> Bool { bridgeSet.contains(node) }
}
