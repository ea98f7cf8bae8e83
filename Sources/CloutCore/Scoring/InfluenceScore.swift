import Foundation

/// One explainable influence score per account: a weighted sum of the named parts of
/// `ScorePart` (the one definition of the formulas), each feature divided by its maximum.
///
///     part_p(a) = weight_p × feature_p(a) / max over accounts of feature_p
///     score(a)  = Σ_p part_p(a)                                         (in [0, 1])
///
/// The weights sum to 1 (`ScoreWeights`). The uncalibrated default gives reply engagement
/// β = `depthWeight` (0.5) and splits the rest ρ = `pagerankShare` (0.5) between PageRank and
/// reach, activity 0: the former three-part score. w(e→a) is the weighted, decayed edge weight
/// (so one reply counts fully, a lone old mention less), outdegree(e) the number of distinct
/// accounts e engaged in the window. Reply engagement decays too: its product is scaled by the
/// account's reply recency, the mean decay of the replies it received.
///
/// A part whose maximum is 0 (no post ids, so no reply trees; no edges) is 0 for everyone: it
/// leaves the mix and its weight goes to the other parts in proportion, so the top account
/// scores as on any other data instead of a silent 0.5.
///
/// PageRank measures how much attention flows to an account through replies, quotes, reposts
/// and mentions, and attention from accounts that get attention counts more. Reach counts the
/// distinct accounts that engaged it, each discounted by how indiscriminately it engages
/// (Romero et al. 2011, influence–passivity: a response from an account that responds to
/// everyone says less). Engagement measures whether the account starts conversations that go
/// deep *and* draw many people: depth alone can be two accounts arguing, repliers alone a
/// giveaway post with one-line answers; their product needs both. Every signal is on a log
/// scale, so one viral account does not flatten the rest of the ranking.
///
/// Why these defaults: `clout evaluate` measured how well a ranking built before a split date
/// predicts the distinct accounts that reply to, repost or quote each account after it
/// (NDCG@50, RumourEval-2019 Twitter split at 2014-12-01 and 2015-01-01, three synthetic
/// timelines from scripts/synth-timeline.py; figures in the README). The former score,
/// 0.5 × pagerank / max + 0.5 × engagement / max with linear PageRank, lost to plain
/// distinct-engager counts on the real data (0.14 vs 0.21); linear PageRank made the top of
/// the ranking a handful of broadcast accounts. Log-scaled PageRank plus passivity-discounted
/// reach plus engagement beat in-degree, distinct engagers, PageRank and reply depth alone on
/// every data set measured.
///
/// The parts are normalized by their maximum, not their sum, so scores are comparable in size
/// regardless of the number of accounts, and the parts shown by `explain` add up to the score
/// exactly (the score is computed as their sum).
public struct InfluenceScore: Sendable {
  public static let defaultDepthWeight = 0.5
  public static let defaultPagerankShare = 0.5

  /// The weight of every part.
  public let weights: ScoreWeights
  /// β: the share of the score given to reply engagement, in [0, 1].
  public var depthWeight: Double { weights.depthWeight }
  /// ρ: the share of PageRank plus reach given to PageRank, in [0, 1].
  public var pagerankShare: Double { weights.pagerankShare }

  /// An account's score and the parts it is made of.
  public struct Contribution: Sendable, Equatable {
    /// The account's PageRank, as given.
    public var pagerank: Double
    /// ln(1 + n × pagerank): the PageRank part's feature.
    public var prominence: Double
    /// ln(1 + passivity-discounted engagers), before normalization.
    public var reach: Double
    /// ln(1 + recency × maxReplyDepth × distinctRepliers), before normalization.
    public var engagement: Double
    /// ln(1 + weighted, decayed interactions received), before normalization.
    public var activity: Double
    /// ln(1 + Σ distinct accounts engaged, each min(1, weight)), before normalization.
    public var outreach: Double
    /// The decay of the last engagement received (0 = never engaged), before normalization.
    public var freshness: Double
    public var pagerankPart: Double
    public var reachPart: Double
    public var engagementPart: Double
    public var activityPart: Double
    public var outreachPart: Double
    public var freshnessPart: Double
    /// The sum of the parts.
    public var score: Double

    /// The feature of `part`, before normalization.
    public func feature(_ part: ScorePart) -> Double {
      switch part {
      case .pagerank: prominence
      case .reach: reach
      case .engagement: engagement
      case .activity: activity
      case .outreach: outreach
      case .freshness: freshness
      }
    }

    /// The contribution of `part` to the score.
    public func part(_ part: ScorePart) -> Double {
      switch part {
      case .pagerank: pagerankPart
      case .reach: reachPart
      case .engagement: engagementPart
      case .activity: activityPart
      case .outreach: outreachPart
      case .freshness: freshnessPart
      }
    }
  }

  /// Every account's contribution, with what the parts were divided by and weighted with.
  public struct Result: Sendable {
    public var contributions: [Contribution]
    /// The highest feature of each part, in `ScorePart.allCases` order.
    public var maxima: [Double]
    /// The weights used: the given ones with the all-zero parts left out.
    public var effectiveWeights: ScoreWeights
    /// Parts that had weight but were 0 for every account, so left the mix.
    public var droppedParts: [ScorePart]

    public func maximum(_ part: ScorePart) -> Double {
      maxima[ScorePart.allCases.firstIndex(of: part)!]
    }
  }

  public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    case depthWeight(Double)
    case pagerankShare(Double)

    public var description: String {
      switch self {
      case .depthWeight(let value):
        "depth weight must be between 0 and 1 (0.5 gives replies half the score), not \(value)"
      case .pagerankShare(let value):
        "PageRank share must be between 0 and 1, not \(value)"
      }
    }
  }

  public init(
    depthWeight: Double = InfluenceScore.defaultDepthWeight,
    pagerankShare: Double = InfluenceScore.defaultPagerankShare
  ) throws(ParameterError) {
    guard depthWeight >= 0, depthWeight <= 1 else { throw .depthWeight(depthWeight) }
    guard pagerankShare >= 0, pagerankShare <= 1 else { throw .pagerankShare(pagerankShare) }
    weights = ScoreWeights(depthWeight: depthWeight, pagerankShare: pagerankShare)
  }

  public init(weights: ScoreWeights) {
    self.weights = weights
  }

  /// ln(1 + recency × depth × repliers).
  public static func engagement(
    maxReplyDepth: Int32, distinctRepliers: Int32, recency: Double = 1
  ) -> Double {
    log1p(recency * Double(max(0, maxReplyDepth)) * Double(max(0, distinctRepliers)))
  }

  /// Reach of every node: ln(1 + Σ over in-neighbours e of min(1, w(e→a)) / log2(2 +
  /// outdegree(e))).
  public static func reach(graph: InteractionGraph) -> [Double] {
    let discount = (0..<graph.nodeCount).map { node in
      1 / log2(Double(2 + graph.outOffsets[node + 1] - graph.outOffsets[node]))
    }
    return (0..<graph.nodeCount).map { node in
      var total = 0.0
      for edge in graph.inOffsets[node]..<graph.inOffsets[node + 1] {
        total += min(1, Double(graph.inWeights[edge])) * discount[Int(graph.inSources[edge])]
      }
      return log1p(total)
    }
  }

  /// Outreach of every node: ln(1 + Σ over its out-neighbours t of min(1, w(a→t))).
  public static func outreach(graph: InteractionGraph) -> [Double] {
    (0..<graph.nodeCount).map { node in
      var total = 0.0
      for edge in graph.outOffsets[node]..<graph.outOffsets[node + 1] {
        total += min(1, Double(graph.outWeights[edge]))
      }
      return log1p(total)
    }
  }

  /// Activity of every node: ln(1 + the summed weight of its in-edges).
  public static func activity(graph: InteractionGraph) -> [Double] {
    (0..<graph.nodeCount).map { node in
      var total = 0.0
      for edge in graph.inOffsets[node]..<graph.inOffsets[node + 1] {
        total += Double(graph.inWeights[edge])
      }
      return log1p(total)
    }
  }

  /// Scores every account; the arrays are indexed by account and must have equal counts.
  /// `reach`, `activity`, `outreach` and `freshness` hold the features of those parts
  /// (`reach(graph:)`, `activity(graph:)` or `RecentEngagement`, `outreach(graph:)`), nil
  /// gives every account 0; `replyRecency` (nil = 1 for all) scales reply engagement.
  public func score(
    pagerank: [Double], maxReplyDepth: [Int32], distinctRepliers: [Int32],
    reach: [Double]? = nil, activity: [Double]? = nil, replyRecency: [Double]? = nil,
    outreach: [Double]? = nil, freshness: [Double]? = nil
  ) -> Result {
    let count = pagerank.count
    let zeros = [Double](repeating: 0, count: count)
    let reach = reach ?? zeros
    let activity = activity ?? zeros
    let outreach = outreach ?? zeros
    let freshness = freshness ?? zeros
    precondition(
      count == maxReplyDepth.count && count == distinctRepliers.count && count == reach.count
        && count == activity.count && count == outreach.count && count == freshness.count
        && (replyRecency?.count ?? count) == count,
      "one value per account in every array")
    let n = Double(count)
    let prominence = pagerank.map { log1p(n * $0) }
    let engagement = (0..<count).map {
      Self.engagement(
        maxReplyDepth: maxReplyDepth[$0], distinctRepliers: distinctRepliers[$0],
        recency: replyRecency?[$0] ?? 1)
    }
    let features: [ScorePart: [Double]] = [
      .pagerank: prominence, .reach: reach, .engagement: engagement, .activity: activity,
      .outreach: outreach, .freshness: freshness,
    ]
    let maxima = ScorePart.allCases.map { features[$0]!.max() ?? 0 }
    let empty = ScorePart.allCases.indices.filter { maxima[$0] <= 0 }.map {
      ScorePart.allCases[$0]
    }
    let dropped = empty.filter { weights[$0] > 0 }
    let effective = weights.dropping(Set(empty))
    let w = ScorePart.allCases.map { effective[$0] }
    let columns = ScorePart.allCases.map { features[$0]! }
    let contributions = (0..<count).map { a in
      var parts = [Double](repeating: 0, count: columns.count)
      for p in columns.indices { parts[p] = Self.part(weight: w[p], columns[p][a], of: maxima[p]) }
      // Summed in part order, as the parts are listed, so explain's lines add up exactly.
      return Contribution(
        pagerank: pagerank[a], prominence: prominence[a], reach: reach[a],
        engagement: engagement[a], activity: activity[a], outreach: outreach[a],
        freshness: freshness[a], pagerankPart: parts[0], reachPart: parts[1],
        engagementPart: parts[2], activityPart: parts[3], outreachPart: parts[4],
        freshnessPart: parts[5],
        score: parts[0] + parts[1] + parts[2] + parts[3] + parts[4] + parts[5])
    }
    return Result(
      contributions: contributions, maxima: maxima, effectiveWeights: effective,
      droppedParts: dropped)
  }

  /// The contributions of `score(...)`.
  public func run(
    pagerank: [Double], maxReplyDepth: [Int32], distinctRepliers: [Int32], reach: [Double]? = nil
  ) -> [Contribution] {
    score(
      pagerank: pagerank, maxReplyDepth: maxReplyDepth, distinctRepliers: distinctRepliers,
      reach: reach
    ).contributions
  }

  /// Convenience: scores from PageRank and `ReplyStatistics`.
  public func run(pagerank: [Double], replies: ReplyStatistics, reach: [Double]? = nil)
    -> [Contribution]
  {
    run(
      pagerank: pagerank, maxReplyDepth: replies.maxReplyDepth,
      distinctRepliers: replies.distinctRepliers, reach: reach)
  }

  /// weight × value / maximum, divided first so the account at the maximum gets exactly
  /// `weight`.
  private static func part(weight: Double, _ value: Double, of maximum: Double) -> Double {
    maximum > 0 ? weight * (value / maximum) : 0
  }
}
