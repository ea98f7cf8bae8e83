import Foundation

/// One explainable influence score per account, from PageRank, reach and reply engagement.
///
///     prominence(a) = ln(1 + n × pagerank(a))                (n accounts; n × pagerank = 1 is average)
///     reach(a)      = ln(1 + Σ over distinct engagers e of min(1, w(e→a)) / log2(2 + outdegree(e)))
///     engagement(a) = ln(1 + maxReplyDepth(a) × distinctRepliers(a))
///     pagerankPart(a)   = (1 − β) × ρ       × prominence(a) / max prominence
///     reachPart(a)      = (1 − β) × (1 − ρ) × reach(a)      / max reach
///     engagementPart(a) =      β            × engagement(a) / max engagement
///     score(a) = pagerankPart(a) + reachPart(a) + engagementPart(a)          (in [0, 1])
///
/// β is `depthWeight` (default 0.5), ρ is `pagerankShare` (default 0.5). w(e→a) is the weighted,
/// decayed edge weight (so one reply counts fully, a lone old mention less), outdegree(e) the
/// number of distinct accounts e engaged in the window. A part whose maximum is 0 is 0 for
/// everyone.
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

  /// β: the share of the score given to reply engagement, in [0, 1].
  public let depthWeight: Double
  /// ρ: the share of the rest given to PageRank rather than reach, in [0, 1].
  public let pagerankShare: Double

  /// An account's score and the parts it is made of.
  public struct Contribution: Sendable, Equatable {
    /// The account's PageRank, as given.
    public var pagerank: Double
    /// ln(1 + passivity-discounted engagers), before normalization.
    public var reach: Double
    /// ln(1 + maxReplyDepth × distinctRepliers), before normalization.
    public var engagement: Double
    /// (1 − β) × ρ × ln(1 + n × pagerank) / max.
    public var pagerankPart: Double
    /// (1 − β) × (1 − ρ) × reach / max reach.
    public var reachPart: Double
    /// β × engagement / max engagement.
    public var engagementPart: Double
    /// pagerankPart + reachPart + engagementPart.
    public var score: Double
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
    self.depthWeight = depthWeight
    self.pagerankShare = pagerankShare
  }

  /// ln(1 + depth × repliers).
  public static func engagement(maxReplyDepth: Int32, distinctRepliers: Int32) -> Double {
    log1p(Double(max(0, maxReplyDepth)) * Double(max(0, distinctRepliers)))
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

  /// Scores every account; the arrays are indexed by account and must have equal counts.
  /// `reach` holds the values of `reach(graph:)`; nil gives every account reach 0.
  public func run(
    pagerank: [Double], maxReplyDepth: [Int32], distinctRepliers: [Int32], reach: [Double]? = nil
  ) -> [Contribution] {
    let reach = reach ?? [Double](repeating: 0, count: pagerank.count)
    precondition(
      pagerank.count == maxReplyDepth.count && pagerank.count == distinctRepliers.count
        && pagerank.count == reach.count,
      "one value per account in every array")
    let n = Double(pagerank.count)
    let prominence = pagerank.map { log1p(n * $0) }
    let engagement = zip(maxReplyDepth, distinctRepliers).map {
      Self.engagement(maxReplyDepth: $0, distinctRepliers: $1)
    }
    let prominenceMax = prominence.max() ?? 0
    let reachMax = reach.max() ?? 0
    let engagementMax = engagement.max() ?? 0
    let rest = 1 - depthWeight
    return pagerank.indices.map { a in
      let pagerankPart = Self.part(weight: rest * pagerankShare, prominence[a], of: prominenceMax)
      let reachPart = Self.part(weight: rest * (1 - pagerankShare), reach[a], of: reachMax)
      let engagementPart = Self.part(weight: depthWeight, engagement[a], of: engagementMax)
      return Contribution(
        pagerank: pagerank[a], reach: reach[a], engagement: engagement[a],
        pagerankPart: pagerankPart, reachPart: reachPart, engagementPart: engagementPart,
        score: pagerankPart + reachPart + engagementPart)
    }
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
