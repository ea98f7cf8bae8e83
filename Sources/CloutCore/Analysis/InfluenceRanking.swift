import Dispatch

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
  /// Every interaction of the window, flagged engagers' included: what happened.
  public let graph: InteractionGraph
  /// The graph the score is computed on: `graph` without the interactions of flagged
  /// engagers (`CoordinatedDiscount`); `graph` itself when nothing is flagged.
  public let scoredGraph: InteractionGraph
  /// The groups of coordinated engagers found in `graph` (`CoordinationDetector`).
  public let coordination: CoordinationReport
  public let pagerank: PageRank.Result
  public let forest: ReplyForest
  /// Per account index (all accounts, graph and reply-only).
  public let replies: ReplyStatistics
  /// Per graph node.
  public let contributions: [InfluenceScore.Contribution]
  /// Per graph node: the mean decay of the replies it received (1 without decay or replies),
  /// the factor that makes reply engagement fade with age like the other parts.
  public let replyRecency: [Double]
  /// The highest feature of each part, the weights used and the parts that left the mix.
  public let scoring: InfluenceScore.Result
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
    var parameters = parameters
    let asOf = parameters.asOf ?? data.newestInteraction ?? 0
    self.asOf = asOf

    // The reply forest needs only the posts, the graph and PageRank only the interactions:
    // they run side by side, on the second core networkit also gets in the benchmark
    // (scripts/bench-scoring.sh; the figures are in the README's performance section).
    let forestWork = ReplyForestWork(
      authors: data.postAuthors, parents: data.postParents, accountCount: data.accounts.count)

    let nodeCount = data.graphAccountCount
    let full = Self.edgeInputs(data, parameters: parameters, asOf: asOf)
    self.interactionsIn = full.interactionsIn
    self.interactionsOut = full.interactionsOut
    graph = GraphBuilder.build(
      actors: data.interactionActors, targets: data.interactionTargets, weights: full.weights,
      nodeCount: nodeCount)

    // Coordinated engagement: detected on the whole graph, then discounted by scoring the
    // data without the flagged engagers (CoordinatedDiscount), a step of its own.
    coordination =
      parameters.discountsCoordination
      ? CoordinationDetector().run(graph: graph, data: data)
      : CoordinationReport(nodeCount: nodeCount)
    var recencyInputs = full
    var cleanForestWork: ReplyForestWork?
    var scoredData = data
    if coordination.isEmpty {
      scoredGraph = graph
    } else {
      let clean = CoordinatedDiscount.data(data, without: coordination)
      scoredData = clean
      if parameters.adaptsHalfLife,
        let weighting = CoordinatedDiscount.adaptiveWeighting(
          parameters.weighting, clean: clean, asOf: asOf)
      {
        parameters.weighting = weighting
        parameters.notes.append(
          "half-life \(weighting.halfLife.map(TimeScale.text) ?? "none"): the median age "
            + "re-measured without the coordinated groups' interactions")
      }
      cleanForestWork = ReplyForestWork(
        authors: clean.postAuthors, parents: clean.postParents,
        accountCount: clean.accounts.count)
      recencyInputs = Self.edgeInputs(clean, parameters: parameters, asOf: asOf)
      scoredGraph = GraphBuilder.build(
        actors: clean.interactionActors, targets: clean.interactionTargets,
        weights: recencyInputs.weights, nodeCount: nodeCount)
    }

    var personalization: [Double]?
    if let seeds = parameters.seedAccounts {
      personalization = SeedTeleport.vector(graph: scoredGraph, seeds: seeds)
    }
    do {
      pagerank = try PageRank(
        graph: scoredGraph, damping: parameters.damping, tolerance: parameters.tolerance,
        maxIterations: parameters.maxIterations, personalization: personalization
      ).run()
    } catch {
      throw Failure.invalidParameter(error.description)
    }
    self.parameters = parameters
    let replyCount = recencyInputs.replyCount
    let recencySum = recencyInputs.recencySum

    let scoreWeights = parameters.scoreWeights
    guard scoreWeights.values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
      throw Failure.invalidParameter(
        InfluenceScore.ParameterError.depthWeight(scoreWeights.depthWeight).description)
    }
    // The parts that need no reply forest first, while the forest's thread finishes.
    replyRecency = (0..<nodeCount).map {
      replyCount[$0] > 0 ? recencySum[$0] / Double(replyCount[$0]) : 1
    }
    let reach = InfluenceScore.reach(graph: scoredGraph)
    let activityWeighting = try Self.activityWeighting(parameters)
    let activity =
      activityWeighting.halfLife != parameters.weighting.halfLife
      ? RecentEngagement.activity(data: scoredData, weighting: activityWeighting, asOf: asOf)
      : InfluenceScore.activity(graph: scoredGraph)
    let freshness = recencyInputs.lastEngagement.freshness(
      weighting: activityWeighting, asOf: asOf)
    let outreach = InfluenceScore.outreach(graph: scoredGraph)
    (forest, replies) = (cleanForestWork ?? forestWork).result()
    scoring = InfluenceScore(weights: scoreWeights).score(
      pagerank: pagerank.scores,
      maxReplyDepth: Array(replies.maxReplyDepth.prefix(nodeCount)),
      distinctRepliers: Array(replies.distinctRepliers.prefix(nodeCount)),
      reach: reach, activity: activity, replyRecency: replyRecency, outreach: outreach,
      freshness: freshness)
    contributions = scoring.contributions

    // Node indices follow canonical account order, so ties fall back to it.
    let scores = contributions.map(\.score)
    order = (0..<Int32(nodeCount)).sorted { lhs, rhs in
      let left = scores[Int(lhs)]
      let right = scores[Int(rhs)]
      return left != right ? left > right : lhs < rhs
    }
  }

  /// The weighting of the activity and freshness parts: the graph's type weights at the
  /// activity half-life (the graph's own when none is set).
  static func activityWeighting(_ parameters: RankingParameters) throws -> InteractionWeighting {
    guard let halfLife = parameters.activityHalfLife else { return parameters.weighting }
    do {
      return try parameters.weighting.withHalfLife(halfLife)
    } catch {
      throw Failure.invalidParameter(error.description)
    }
  }

  /// Edge weights, unweighted in/out counts, the replies' decay sums and each account's last
  /// engagement received (for freshness) of `data`, in one pass over its interactions.
  private static func edgeInputs(
    _ data: EngagementData, parameters: RankingParameters, asOf: Int64
  ) -> (
    weights: [Double], interactionsIn: [Int32], interactionsOut: [Int32],
    recencySum: [Double], replyCount: [Int], lastEngagement: RecentEngagement.LastEngagement
  ) {
    let nodeCount = data.graphAccountCount
    var weights = LargeArray.filled(Double(0), count: data.interactionCount)
    var interactionsIn = [Int32](repeating: 0, count: nodeCount)
    var interactionsOut = [Int32](repeating: 0, count: nodeCount)
    // The mean decay of the replies each account received, for reply engagement's recency:
    // gathered in the same pass as the edge weights.
    var recencySum = [Double](repeating: 0, count: nodeCount)
    var replyCount = [Int](repeating: 0, count: nodeCount)
    var lastEngagement = RecentEngagement.LastEngagement(accountCount: nodeCount)
    let weighting = parameters.weighting
    let decays = weighting.halfLife != nil
    // The terms of `EngagementData.weight(ofInteraction:weighting:asOf:)` in the same order
    // (type weight × decay × clamped multiplier), with the type weights in a table and a
    // reply's decay computed once for its weight and its recency: callgrind, `clout rank` on
    // the 1M-post `gen.py` store, 128M instructions in this pass and `exp2` before.
    var typeWeights = [Double](repeating: 0, count: InteractionType.allCases.count)
    for type in InteractionType.allCases {
      typeWeights[type.precedence] = weighting.typeWeight(type)
    }
    let reference = Double(asOf)
    weights.withUnsafeMutableBufferPointer { weights in
      data.interactionTypes.withUnsafeBufferPointer { types in
        data.interactionTimes.withUnsafeBufferPointer { times in
          data.interactionMultipliers.withUnsafeBufferPointer { multipliers in
            data.interactionActors.withUnsafeBufferPointer { actors in
              data.interactionTargets.withUnsafeBufferPointer { targets in
                for index in 0..<data.interactionCount {
                  let type = types[index]
                  let decay = weighting.decay(age: reference - Double(times[index]))
                  weights[index] =
                    typeWeights[type.precedence] * decay
                    * InteractionWeighting.clampedMultiplier(Double(multipliers[index]))
                  let target = Int(targets[index])
                  interactionsIn[target] += 1
                  interactionsOut[Int(actors[index])] += 1
                  lastEngagement.record(
                    actor: Int(actors[index]), target: target, time: times[index])
                  if decays && type == .reply {
                    recencySum[target] += decay
                    replyCount[target] += 1
                  }
                }
              }
            }
          }
        }
      }
    }
    return (weights, interactionsIn, interactionsOut, recencySum, replyCount, lastEngagement)
  }

  /// 1-based competition rank of every graph node: equal scores share the best position of
  /// their tie (1, 2, 2, 4).
  public func ranks() -> [Int] {
    var ranks = [Int](repeating: 0, count: order.count)
    for (node, rank) in zip(order, competitionRanks(of: order)) { ranks[Int(node)] = rank }
    return ranks
  }

  /// The competition ranks of `nodes`, a subsequence of `order` (some accounts left out of a
  /// list), position by position: equal scores share the best position of their tie.
  public func competitionRanks(of nodes: [Int32]) -> [Int] {
    var ranks = [Int](repeating: 1, count: nodes.count)
    for position in nodes.indices.dropFirst() {
      ranks[position] =
        contributions[Int(nodes[position - 1])].score == contributions[Int(nodes[position])].score
        ? ranks[position - 1] : position + 1
    }
    return ranks
  }

  /// The 1-based positions `first...last` of the tie `node` is in (first == last when its
  /// score is its own).
  public func tiedPositions(of node: Int) -> ClosedRange<Int> {
    let score = contributions[node].score
    guard let position = order.firstIndex(of: Int32(node)) else { return 1...1 }
    var first = position
    while first > 0, contributions[Int(order[first - 1])].score == score { first -= 1 }
    var last = position
    while last + 1 < order.count, contributions[Int(order[last + 1])].score == score {
      last += 1
    }
    return (first + 1)...(last + 1)
  }

  /// How many accounts beyond the first `count` of `nodes` (default `order`) tie with the last
  /// of them: the accounts a `--top count` cut leaves out of a tie.
  public func tiedBeyond(count: Int, in nodes: [Int32]? = nil) -> Int {
    let nodes = nodes ?? order
    guard count > 0, count < nodes.count else { return 0 }
    let score = contributions[Int(nodes[count - 1])].score
    var extra = 0
    while count + extra < nodes.count, contributions[Int(nodes[count + extra])].score == score {
      extra += 1
    }
    return extra
  }

  /// One part of one account's score: everything `explain` prints about it.
  public struct PartBreakdown: Sendable, Equatable {
    public var part: ScorePart
    /// The feature before normalization, and its highest value over the window.
    public var feature: Double
    public var maximum: Double
    /// The weight used (after all-zero parts left the mix).
    public var weight: Double
    /// weight × feature / maximum; the contributions add up to the score.
    public var contribution: Double
  }

  /// Each part of `node`'s score, in `ScorePart.allCases` order.
  public func breakdown(of node: Int) -> [PartBreakdown] {
    let contribution = contributions[node]
    return ScorePart.allCases.map { part in
      PartBreakdown(
        part: part, feature: contribution.feature(part), maximum: scoring.maximum(part),
        weight: scoring.effectiveWeights[part], contribution: contribution.part(part))
    }
  }
}

/// Runs `body` on another thread at once; `wait()` returns its value. For two independent
/// halves of one computation, on the two cores this project's machines have.
public final class Concurrent<Value: Sendable>: @unchecked Sendable {
  private var value: Value?
  private let done = DispatchSemaphore(value: 0)

  public init(_ body: @escaping @Sendable () -> Value) {
    DispatchQueue.global().async {
      self.value = body()
      self.done.signal()
    }
  }

  /// The value, once computed; any number of threads may wait.
  public func wait() -> Value {
    done.wait()
    // Passes the one signal on, so a second waiter (or a second wait) returns too.
    done.signal()
    return value!
  }
}
