/// Does a ranking built before a split predict who gets engaged after it? Scores Clout's
/// ranking and the baselines on the training window and measures each against the engagement
/// accounts actually received in the future window (see `RankingMetrics` for the metrics).
///
/// Future engagement of an account = the number of distinct other accounts that replied to,
/// reposted or quoted it in the future window (`EngagementCounts.futureTypes`).
///
/// The universe of the metrics is every account ranked on the training window plus every
/// account engaged in the future window; the second group minus the first are the
/// *newcomers*. No method can rank a newcomer, so newcomers are misses for all alike: they
/// raise the ideal DCG and take true top-k places, and in Spearman's ρ they share the
/// lowest predicted rank.
public struct RankingEvaluation: Sendable {
  /// The rankings compared, in table order.
  public enum Method: String, CaseIterable, Sendable {
    /// Clout's score with the given parameters.
    case clout
    /// Interactions received (all types, unweighted, counted with repetition).
    case inDegree = "in-degree"
    /// Distinct accounts that interacted with the account in any way.
    case distinctEngagers = "distinct-engagers"
    /// Distinct accounts that mentioned the account (mention interactions only).
    case distinctMentioners = "distinct-mentioners"
    /// Plain PageRank: every type weight 1, no decay.
    case pagerank
    /// Clout's weighted, decayed PageRank alone (no reply depth, no reach).
    case pagerankNoDepth = "pagerank-no-depth"
    /// Clout's score with depth weight 1: reply engagement alone.
    case replyDepth = "reply-depth"
    /// Clout's uncalibrated default score (when Clout's settings are a calibration's).
    case cloutUncalibrated = "clout-uncalibrated"
    /// Interactions received, each 0.5^(age / half-life) at Clout's half-life, every type 1.
    case recentInDegree = "recent-in-degree"
    /// Distinct accounts that interacted with it in the last horizon before the split.
    case recentEngagers = "recent-engagers"
  }

  /// What the methods beyond Clout's own settings need: the uncalibrated parameters and the
  /// recent window's length (nil leaves the method out).
  public struct Extras: Sendable {
    public var uncalibrated: RankingParameters?
    public var recentWindow: Int64?
    public init(uncalibrated: RankingParameters? = nil, recentWindow: Int64? = nil) {
      self.uncalibrated = uncalibrated
      self.recentWindow = recentWindow
    }
  }

  public struct MethodResult: Sendable, Equatable {
    public var name: String
    /// One per k, in `ks` order.
    public var ndcg: [Double]
    public var precision: [Double]
    public var spearman: Double
  }

  public let ks: [Int]
  public let methods: [MethodResult]
  /// Accounts ranked on the training window.
  public let trainingAccounts: Int
  /// Accounts with future engagement > 0, and those of them not ranked on the training window.
  public let futureEngaged: Int
  public let newcomers: Int
  /// Gains over the universe: training accounts first (node order), then newcomers.
  public let gains: [Double]
  /// Future distinct engagers over the universe.
  public let futureEngagers: [Int]
  /// Keys of the universe, for reports.
  public let keys: [AccountKey]

  /// Evaluates every `Method` with `parameters` as Clout's settings.
  public init(
    training: EngagementData, future: EngagementData, parameters: RankingParameters, ks: [Int],
    extras: Extras = Extras()
  ) throws {
    precondition(!ks.isEmpty && ks.allSatisfy { $0 >= 1 }, "every k must be at least 1")
    let target = Target(training: training, future: future)
    self.ks = ks
    trainingAccounts = training.graphAccountCount
    futureEngaged = target.futureEngaged
    newcomers = target.newcomers
    gains = target.gains
    futureEngagers = target.engagers
    keys = target.keys
    // Clout's score, in-degree and pagerank-no-depth read one ranking: built once, not three
    // times (plain PageRank and reply-depth differ in weights or depth weight).
    let clout = try InfluenceRanking(data: training, parameters: parameters)
    var results: [MethodResult] = []
    for method in Method.allCases {
      if method == .cloutUncalibrated && extras.uncalibrated == nil { continue }
      if method == .recentEngagers && extras.recentWindow == nil { continue }
      let scores = try Self.scores(
        method, training: training, parameters: parameters, extras: extras, clout: clout)
      results.append(target.measure(name: method.rawValue, scores: scores, ks: ks))
    }
    methods = results
  }

  /// The training-window scores of one method, one per graph account.
  public static func scores(
    _ method: Method, training: EngagementData, parameters: RankingParameters,
    extras: Extras = Extras()
  ) throws -> [Double] {
    try scores(method, training: training, parameters: parameters, extras: extras, clout: nil)
  }

  /// As above, reading `clout` (the ranking of `training` with `parameters`) when given.
  static func scores(
    _ method: Method, training: EngagementData, parameters: RankingParameters,
    extras: Extras, clout: InfluenceRanking?
  ) throws -> [Double] {
    func ranking() throws -> InfluenceRanking {
      try clout ?? InfluenceRanking(data: training, parameters: parameters)
    }
    let asOf = parameters.asOf ?? training.newestInteraction ?? 0
    switch method {
    case .cloutUncalibrated:
      return try InfluenceRanking(data: training, parameters: extras.uncalibrated ?? parameters)
        .contributions.map(\.score)
    case .recentInDegree:
      return EngagementCounts.decayedInDegree(
        training, halfLife: parameters.weighting.halfLife, asOf: asOf)
    case .recentEngagers:
      // Saturating: a window reaching past Int64's range starts at its beginning.
      let (start, overflow) = asOf.subtractingReportingOverflow(extras.recentWindow ?? 0)
      return EngagementCounts.distinctActors(
        training, since: overflow ? Int64.min : start &+ 1
      ).map(Double.init)
    case .clout:
      return try ranking().contributions.map(\.score)
    case .inDegree:
      return try ranking().interactionsIn.map(Double.init)
    case .distinctEngagers:
      return EngagementCounts.distinctActors(training).map(Double.init)
    case .distinctMentioners:
      return EngagementCounts.distinctActors(training, types: [.mention]).map(Double.init)
    case .pagerank:
      var plain = parameters
      plain.weighting = try InteractionWeighting(
        typeWeights: Dictionary(uniqueKeysWithValues: InteractionType.allCases.map { ($0, 1.0) }),
        halfLife: nil)
      plain.depthWeight = 0
      return try InfluenceRanking(data: training, parameters: plain).pagerank.scores
    case .pagerankNoDepth:
      return try ranking().pagerank.scores
    case .replyDepth:
      var depthOnly = parameters
      depthOnly.depthWeight = 1
      return try InfluenceRanking(data: training, parameters: depthOnly).contributions.map(\.score)
    }
  }

  /// NDCG@50 of Clout's score alone, for sweeps.
  public static func cloutNDCG(
    training: EngagementData, future: EngagementData, parameters: RankingParameters, k: Int
  ) throws -> Double {
    let target = Target(training: training, future: future)
    let scores = try scores(.clout, training: training, parameters: parameters)
    return target.measure(name: "clout", scores: scores, ks: [k]).ndcg[0]
  }

  /// The future side, aligned with the training accounts.
  struct Target {
    var gains: [Double]
    var engagers: [Int]
    var keys: [AccountKey]
    var trainingCount: Int
    var futureEngaged: Int
    var newcomers: Int

    init(training: EngagementData, future: EngagementData) {
      trainingCount = training.graphAccountCount
      keys = training.accounts.prefix(trainingCount).map(AccountKey.init)
      var index: [AccountKey: Int] = [:]
      for (node, key) in keys.enumerated() { index[key] = node }
      engagers = [Int](repeating: 0, count: trainingCount)
      let counts = EngagementCounts.distinctActors(future, types: EngagementCounts.futureTypes)
      futureEngaged = 0
      newcomers = 0
      // Future graph accounts are in canonical order, so newcomers are too.
      for (node, count) in counts.enumerated() where count > 0 {
        futureEngaged += 1
        let key = AccountKey(future.accounts[node])
        if let known = index[key] {
          engagers[known] = count
        } else {
          newcomers += 1
          keys.append(key)
          engagers.append(count)
        }
      }
      gains = engagers.map { RankingMetrics.gain(engagers: $0) }
    }

    /// Metrics of one method's training scores (one per training account).
    func measure(name: String, scores: [Double], ks: [Int]) -> MethodResult {
      precondition(scores.count == trainingCount, "one score per training account")
      let order = (0..<trainingCount).sorted { lhs, rhs in
        scores[lhs] != scores[rhs] ? scores[lhs] > scores[rhs] : lhs < rhs
      }
      let predicted =
        scores + [Double](repeating: -.infinity, count: engagers.count - trainingCount)
      return MethodResult(
        name: name,
        ndcg: ks.map { RankingMetrics.ndcg(predicted: order, gains: gains, at: $0) },
        precision: ks.map { RankingMetrics.precision(predicted: order, gains: gains, at: $0) },
        spearman: RankingMetrics.spearman(predicted, engagers.map(Double.init)))
    }
  }
}
