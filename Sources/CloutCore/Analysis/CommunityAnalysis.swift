/// Communities of a ranking's interaction graph, treated as undirected and weighted with the
/// same weights as the ranking: Leiden partition, communities numbered 1… by total score
/// (1 = the community with the highest total score), and bridges (accounts whose
/// interactions span several communities).
public struct CommunityAnalysis: Sendable {
  public static let defaultResolution = 1.0
  public static let defaultSeed: UInt64 = 42

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
