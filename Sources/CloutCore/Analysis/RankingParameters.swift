/// Every knob of a ranking, with the documented defaults.
public struct RankingParameters: Sendable {
  /// Type weights and half-life of the interaction weights.
  public var weighting: InteractionWeighting
  /// The half-life of the activity and freshness parts, the score's second time scale
  /// (`clout calibrate` may choose a shorter one: who is engaged now); nil = `weighting`'s.
  public var activityHalfLife: Double??
  /// The time ages are measured from; nil = the newest interaction in the window.
  public var asOf: Int64?
  public var damping: Double
  public var tolerance: Double
  public var maxIterations: Int
  /// The weight of each part of the score (`ScorePart`).
  public var scoreWeights: ScoreWeights
  /// β of `InfluenceScore`: the share of reply engagement in the score. Setting it scales
  /// the other parts to share the rest in their current proportions.
  public var depthWeight: Double {
    get { scoreWeights.depthWeight }
    set { scoreWeights = scoreWeights.withDepthWeight(newValue) }
  }
  /// ρ of `InfluenceScore`: PageRank's share of PageRank plus reach. Setting it keeps the
  /// other parts' weights.
  public var pagerankShare: Double {
    get { scoreWeights.pagerankShare }
    set {
      let both = scoreWeights[.pagerank] + scoreWeights[.reach]
      if let weights = try? ScoreWeights([
        .pagerank: both * newValue, .reach: both * (1 - newValue),
        .engagement: scoreWeights[.engagement], .activity: scoreWeights[.activity],
        .outreach: scoreWeights[.outreach], .freshness: scoreWeights[.freshness],
      ]) {
        scoreWeights = weights
      }
    }
  }
  /// Accounts (graph node indices) that personalize PageRank; nil = global PageRank.
  public var seedAccounts: [Int]?
  /// Whether engagement from coordinated groups is discounted (`CoordinatedDiscount`);
  /// false scores every interaction, as before detection existed.
  public var discountsCoordination = true
  /// Whether the half-life is the adaptive default (`TimeScale.adaptiveHalfLife`), so the
  /// discount re-measures it without the flagged engagers' interactions.
  public var adaptsHalfLife = false
  /// How the half-life and weights were chosen (`ScoreSettings.notes`), for `explain`.
  public var notes: [String] = []

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
    self.scoreWeights = ScoreWeights(
      depthWeight: depthWeight, pagerankShare: InfluenceScore.defaultPagerankShare)
    self.seedAccounts = seedAccounts
  }
}
