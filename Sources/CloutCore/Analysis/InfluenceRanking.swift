/// The whole scoring run over one window of data: weighted graph, PageRank, reply forest,
/// reply statistics and the combined score, with everything `rank` and `explain` print.
public struct InfluenceRanking: Sendable {
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    case noInteractions
    case invalidParameter(String)

    public var description: String {
      switch self {
      case .noInteractions:
        "no interactions between two different accounts in the selected data"
      case .invalidParameter(let message): message
      }
    }
  }

  public let data: EngagementData
  public let parameters: RankingParameters
  /// The reference time decay was measured from.
  public let asOf: Int64
  public let graph: InteractionGraph
  public let pagerank: PageRank.Result
  public let forest: ReplyForest
  /// Per account index (all accounts, graph and reply-only).
  public let replies: ReplyStatistics
  /// Per graph node.
  public let contributions: [InfluenceScore.Contribution]
  /// Interactions received from and given to other accounts in the window (unweighted).
  public let interactionsIn: [Int32]
  public let interactionsOut: [Int32]
  /// Graph nodes from best to worst: score descending, then canonical account order.
  public let order: [Int32]

  public init(data: EngagementData, parameters: RankingParameters = RankingParameters()) throws {
    guard data.graphAccountCount > 0, data.interactionCount > 0 else {
      throw Failure.noInteractions
    }
    if let violation = data.invariantViolation {
      throw Failure.invalidParameter("inconsistent engagement data: \(violation)")
    }
    self.data = data
    self.parameters = parameters
    let asOf = parameters.asOf ?? data.newestInteraction ?? 0
    self.asOf = asOf

    let nodeCount = data.graphAccountCount
    var weights = [Double](repeating: 0, count: data.interactionCount)
    var interactionsIn = [Int32](repeating: 0, count: nodeCount)
    var interactionsOut = [Int32](repeating: 0, count: nodeCount)
    for index in 0..<data.interactionCount {
      weights[index] = data.weight(
        ofInteraction: index, weighting: parameters.weighting, asOf: asOf)
      interactionsIn[Int(data.interactionTargets[index])] += 1
      interactionsOut[Int(data.interactionActors[index])] += 1
    }
    self.interactionsIn = interactionsIn
    self.interactionsOut = interactionsOut
    graph = GraphBuilder.build(
      actors: data.interactionActors, targets: data.interactionTargets, weights: weights,
      nodeCount: nodeCount)

    var personalization: [Double]?
    if let seeds = parameters.seedAccounts {
      personalization = SeedTeleport.vector(graph: graph, seeds: seeds)
    }
    do {
      pagerank = try PageRank(
        graph: graph, damping: parameters.damping, tolerance: parameters.tolerance,
        maxIterations: parameters.maxIterations, personalization: personalization
      ).run()
    } catch {
      throw Failure.invalidParameter(error.description)
    }

    forest = ReplyForest(authors: data.postAuthors, parents: data.postParents)
    replies = forest.accountStatistics(accountCount: data.accounts.count)
    let score: InfluenceScore
    do {
      score = try InfluenceScore(
        depthWeight: parameters.depthWeight, pagerankShare: parameters.pagerankShare)
    } catch {
      throw Failure.invalidParameter(error.description)
    }
    contributions = score.run(
      pagerank: pagerank.scores,
      maxReplyDepth: Array(replies.maxReplyDepth.prefix(nodeCount)),
      distinctRepliers: Array(replies.distinctRepliers.prefix(nodeCount)),
      reach: InfluenceScore.reach(graph: graph))

    // Node indices follow canonical account order, so ties fall back to it.
    let scores = contributions.map(\.score)
    order = (0..<Int32(nodeCount)).sorted { lhs, rhs in
      let left = scores[Int(lhs)]
      let right = scores[Int(rhs)]
      return left != right ? left > right : lhs < rhs
    }
  }

  /// 1-based rank of every graph node.
  public func ranks() -> [Int] {
    var ranks = [Int](repeating: 0, count: order.count)
    for (position, node) in order.enumerated() { ranks[Int(node)] = position + 1 }
    return ranks
  }
}
