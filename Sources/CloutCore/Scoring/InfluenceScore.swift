import Foundation

/// One explainable influence score per account, from PageRank and reply engagement.
///
///     engagement(a) = ln(1 + maxReplyDepth(a) × distinctRepliers(a))
///     pagerankPart(a)   = (1 − β) × pagerank(a)   / max over accounts of pagerank
///     engagementPart(a) =      β  × engagement(a) / max over accounts of engagement
///     score(a) = pagerankPart(a) + engagementPart(a)          (in [0, 1])
///
/// β is `depthWeight` (default 0.5). A part whose maximum is 0 is 0 for everyone.
///
/// PageRank measures how much attention flows to an account through replies, quotes, reposts
/// and mentions. Engagement measures whether the account starts conversations that go deep
/// *and* draw many people: depth alone can be two accounts arguing, repliers alone can be a
/// giveaway post with one-line answers; their product needs both, and the logarithm keeps one
/// viral thread from flattening everyone else. An account that is only mentioned has
/// engagement 0, so with β = 0.5 the top conversation starter scores at least 0.5 plus its
/// PageRank part, ahead of an account whose only asset is the highest PageRank (exactly 0.5).
///
/// Both parts are normalized by their maximum, not their sum, so scores are comparable in
/// size regardless of the number of accounts, and the parts shown by `explain` add up to the
/// score exactly (the score is computed as their sum).
public struct InfluenceScore: Sendable {
  public static let defaultDepthWeight = 0.5

  /// β: the share of the score given to reply engagement, in [0, 1].
  public let depthWeight: Double

  /// An account's score and the parts it is made of.
  public struct Contribution: Sendable, Equatable {
    /// The account's PageRank, as given.
    public var pagerank: Double
    /// ln(1 + maxReplyDepth × distinctRepliers), before normalization.
    public var engagement: Double
    /// (1 − β) × pagerank / max pagerank.
    public var pagerankPart: Double
    /// β × engagement / max engagement.
    public var engagementPart: Double
    /// pagerankPart + engagementPart.
    public var score: Double
  }

  public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    case depthWeight(Double)

    public var description: String {
      switch self {
      case .depthWeight(let value):
        "depth weight must be between 0 and 1 (0.5 weighs PageRank and replies equally), "
          + "not \(value)"
      }
    }
  }

  public init(depthWeight: Double = InfluenceScore.defaultDepthWeight) throws(ParameterError) {
    guard depthWeight >= 0, depthWeight <= 1 else { throw .depthWeight(depthWeight) }
    self.depthWeight = depthWeight
  }

  /// ln(1 + depth × repliers).
  public static func engagement(maxReplyDepth: Int32, distinctRepliers: Int32) -> Double {
    log1p(Double(max(0, maxReplyDepth)) * Double(max(0, distinctRepliers)))
  }

  /// Scores every account; the arrays are indexed by account and must have equal counts.
  public func run(
    pagerank: [Double], maxReplyDepth: [Int32], distinctRepliers: [Int32]
  ) -> [Contribution] {
    precondition(
      pagerank.count == maxReplyDepth.count && pagerank.count == distinctRepliers.count,
      "one value per account in every array")
    let engagement = zip(maxReplyDepth, distinctRepliers).map {
      Self.engagement(maxReplyDepth: $0, distinctRepliers: $1)
    }
    let pagerankMax = pagerank.max() ?? 0
    let engagementMax = engagement.max() ?? 0
    return pagerank.indices.map { a in
      let pagerankPart = Self.part(weight: 1 - depthWeight, pagerank[a], of: pagerankMax)
      let engagementPart = Self.part(weight: depthWeight, engagement[a], of: engagementMax)
      return Contribution(
        pagerank: pagerank[a], engagement: engagement[a], pagerankPart: pagerankPart,
        engagementPart: engagementPart, score: pagerankPart + engagementPart)
    }
  }

  /// Convenience: scores from PageRank and `ReplyStatistics`.
  public func run(pagerank: [Double], replies: ReplyStatistics) -> [Contribution] {
    run(
      pagerank: pagerank, maxReplyDepth: replies.maxReplyDepth,
      distinctRepliers: replies.distinctRepliers)
  }

  /// weight × value / maximum, divided first so the account at the maximum gets exactly
  /// `weight`.
  private static func part(weight: Double, _ value: Double, of maximum: Double) -> Double {
    maximum > 0 ? weight * (value / maximum) : 0
  }
}
