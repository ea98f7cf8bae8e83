/// Every knob of a ranking, with the documented defaults.
public struct RankingParameters: Sendable {
  /// Type weights and half-life of the interaction weights.
  public var weighting: InteractionWeighting
  /// The time ages are measured from; nil = the newest interaction in the window.
  public var asOf: Int64?
  public var damping: Double
  public var tolerance: Double
  public var maxIterations: Int
  /// β of `InfluenceScore`: the share of reply engagement in the score.
  public var depthWeight: Double
  /// ρ of `InfluenceScore`: the share of the non-reply part given to PageRank over reach.
  public var pagerankShare: Double = InfluenceScore.defaultPagerankShare
  /// Accounts (graph node indices) that personalize PageRank; nil = global PageRank.
  public var seedAccounts: [Int]?

  public init(
    weighting: InteractionWeighting = try! InteractionWeighting(),
    asOf: Int64? = nil, damping: Double = 0.85, tolerance: Double = 1e-10,
    maxIterations: Int = 200, depthWeight: Double = InfluenceScore.defaultDepthWeight,
    seedAccounts: [Int]? = nil
  ) {
    self.weighting = weighting
    self.asOf = asOf
    self.damping = damping
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.depthWeight = depthWeight
    self.seedAccounts = seedAccounts
  }
}
