import Foundation

/// Backtests the score on a window's own history and chooses its half-life and part weights.
///
/// Rolling-origin folds. With horizon H and F folds, origins o_j = end + 1 − (F + 1 − j)·H for
/// j = 0…F cut the end of the data into F + 1 windows [o_j, o_j + H). At every origin the
/// score's parts are computed from the data before it, for every candidate half-life, and the
/// target is the gain `clout evaluate` uses, log2(1 + distinct accounts that replied to,
/// reposted or quoted the account in the window after it). Fold i (1…F) fits the part weights
/// on window i − 1 only (`RidgeFit`: non-negative ridge regression of the target on the
/// max-normalized parts) and validates them on window i, which it has never seen: NDCG@k,
/// precision@k and Spearman, beside every baseline on the same window. The half-life with the
/// best mean validation NDCG@k wins; the saved weights are then fitted on all F + 1 windows at
/// that half-life.
///
/// Defaults, derived from the data: H = span / (2(F + 1)), so the first origin still has half
/// the span behind it; candidate half-lives H/16, H/4, H, 4H, 16H and none, so the time scale
/// is chosen relative to the data's own (a one-week store tries 1.3 hours to 2.3 weeks).
public struct Calibrator: Sendable {
  /// Loads the window [since, until] (nil = open), as the store's scan does.
  public typealias Loader = (_ since: Int64?, _ until: Int64?) throws -> EngagementData

  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    case notEnoughHistory(String)
    case invalidParameter(String)

    public var description: String {
      switch self {
      case .notEnoughHistory(let message), .invalidParameter(let message): message
      }
    }
  }

  public var folds: Int
  public var k: Int
  /// Forecast horizon in seconds; nil = derived from the span.
  public var horizon: Int64?
  /// Type weights, damping and tolerance of every ranking; its half-life and part weights
  /// are what calibration chooses, so they are ignored.
  public var base: RankingParameters
  /// Candidate half-lives in seconds (nil = no decay); nil = derived from the horizon.
  public var halfLives: [Double?]?
  /// λ of the ridge penalty, per account.
  public var ridge: Double

  public init(
    folds: Int = 3, k: Int = 50, horizon: Int64? = nil,
    base: RankingParameters = RankingParameters(), halfLives: [Double?]? = nil,
    ridge: Double = 1e-3
  ) {
    self.folds = folds
    self.k = k
    self.horizon = horizon
    self.base = base
    self.halfLives = halfLives
    self.ridge = ridge
  }

  /// span / (2(F + 1)), at least one second.
  public static func defaultHorizon(from: Int64, to: Int64, folds: Int) -> Int64 {
    max(1, (to - from + 1) / Int64(2 * (folds + 1)))
  }

  /// H/16, H/4, H, 4H, 16H and no decay.
  public static func halfLifeLadder(horizon: Int64) -> [Double?] {
    [1.0 / 16, 1.0 / 4, 1, 4, 16].map { Double(horizon) * $0 } + [nil]
  }

  /// The baselines every fold reports beside the calibrated score, in table order.
  public static let baselineNames = [
    "clout-uncalibrated", "in-degree", "distinct-engagers", "pagerank", "recent-in-degree",
    "recent-engagers",
  ]

  /// Calibrates on the interactions in [`from`, `to`] (the selected window's oldest and
  /// newest interaction times); `since` bounds every load from below (the user's --since).
  public func run(
    from: Int64, to: Int64, since: Int64? = nil, platform: String? = nil, interactions: Int,
    load: Loader
  ) throws -> Calibration {
    guard folds >= 1 else { throw Failure.invalidParameter("--folds must be at least 1") }
    guard k >= 1 else { throw Failure.invalidParameter("--k must be at least 1") }
    let h = horizon ?? Self.defaultHorizon(from: from, to: to, folds: folds)
    guard h >= 1 else { throw Failure.invalidParameter("--horizon must be positive") }
    let origins: [Int64] = (0...folds).map { j in
      let back = Int64(folds + 1 - j) * h
      return to + 1 - back
    }
    guard origins[0] > from else {
      throw Failure.notEnoughHistory(
        "the data spans \(Self.duration(to - from + 1)), too short for \(folds) folds of "
          + "\(Self.duration(h)) after a first training window; use a shorter --horizon or "
          + "fewer --folds")
    }
    let ladder = halfLives ?? Self.halfLifeLadder(horizon: h)
    var windows: [Window] = []
    for origin in origins {
      let training = try load(since, origin - 1)
      let future = try load(origin, origin + h - 1)
      windows.append(
        try Window(
          training: training, future: future, origin: origin, calibrator: self, ladder: ladder,
          horizon: h))
    }
    // Fold i fits on window i − 1 and validates on window i.
    var candidates: [Calibration.Candidate] = []
    var foldWeights: [[[Double]?]] = []  // [half-life][fold]
    for (index, _) in ladder.enumerated() {
      var total = 0.0
      var used = 0
      var weights: [[Double]?] = []
      for fold in 1...folds {
        let fit = windows[fold - 1]
        let validation = windows[fold]
        guard fit.usable, validation.usable else {
          weights.append(nil)
          continue
        }
        let w = fitWeights(features: [fit.features[index]], targets: [fit.targets])
        weights.append(w)
        let scores = validation.combine(index, w)
        total += validation.target.measure(name: "", scores: scores, ks: [k]).ndcg[0]
        used += 1
      }
      foldWeights.append(weights)
      candidates.append(
        Calibration.Candidate(
          halfLife: ladder[index], meanNDCG: used > 0 ? total / Double(used) : 0))
    }
    guard (1...folds).contains(where: { windows[$0 - 1].usable && windows[$0].usable }) else {
      throw Failure.notEnoughHistory(
        "no fold had both training data and engagement after its origin (horizon "
          + "\(Self.duration(h))); use a longer --horizon or fewer --folds")
    }
    var chosen = 0
    for index in candidates.indices where candidates[index].meanNDCG > candidates[chosen].meanNDCG {
      chosen = index
    }
    var foldResults: [Calibration.Fold] = []
    for fold in 1...folds {
      let validation = windows[fold]
      guard windows[fold - 1].usable, validation.usable else { continue }
      let w = foldWeights[chosen][fold - 1]
      var metrics = [validation.measure("clout-calibrated", validation.combine(chosen, w), k: k)]
      let recentInDegree = validation.recentInDegree(halfLife: ladder[chosen])
      for (name, scores) in zip(
        Self.baselineNames, validation.baselines + [recentInDegree, validation.recentEngagers])
      {
        metrics.append(validation.measure(name, scores, k: k))
      }
      foldResults.append(
        Calibration.Fold(
          origin: validation.origin, end: validation.origin + h - 1,
          trainingInteractions: validation.trainingInteractions,
          engaged: validation.target.futureEngaged, metrics: metrics))
    }
    let usable = windows.filter(\.usable)
    let final = fitWeights(
      features: usable.map { $0.features[chosen] }, targets: usable.map(\.targets))
    let weights =
      final.flatMap {
        try? ScoreWeights(Dictionary(uniqueKeysWithValues: zip(ScorePart.allCases, $0)))
      } ?? .uncalibrated
    return Calibration(
      cloutVersion: CloutCore.version, halfLife: ladder[chosen], weights: weights, horizon: h,
      k: k, platform: platform, dataFrom: from, dataTo: to, interactions: interactions,
      accounts: windows.last?.trainingAccounts ?? 0, candidates: candidates, folds: foldResults)
  }

  /// Ridge weights over the pooled windows; nil when nothing fits (the uncalibrated weights
  /// are used then).
  func fitWeights(features: [[[Double]]], targets: [[Double]]) -> [Double]? {
    let columns = ScorePart.allCases.indices.map { p in features.flatMap { $0[p] } }
    let target = targets.flatMap { $0 }
    guard let w = RidgeFit.fit(columns: columns, target: target, lambda: ridge) else { return nil }
    let total = w.reduce(0, +)
    return w.map { $0 / total }
  }

  /// One origin: the parts at every candidate half-life, the baselines, and the target.
  struct Window {
    var origin: Int64
    var usable: Bool
    var trainingInteractions = 0
    var trainingAccounts = 0
    /// [half-life][part][account]: the part's feature / its maximum.
    var features: [[[Double]]] = []
    var targets: [Double] = []
    var target: RankingEvaluation.Target
    var baselines: [[Double]] = []
    var recentEngagers: [Double] = []
    var training: EngagementData?

    init(
      training: EngagementData, future: EngagementData, origin: Int64, calibrator: Calibrator,
      ladder: [Double?], horizon: Int64
    ) throws {
      self.origin = origin
      target = RankingEvaluation.Target(training: training, future: future)
      usable =
        training.interactionCount > 0 && training.graphAccountCount > 0
        && target.futureEngaged > 0
      guard usable else { return }
      trainingInteractions = training.interactionCount
      trainingAccounts = training.graphAccountCount
      targets = Array(target.gains.prefix(training.graphAccountCount))
      var parameters = calibrator.base
      parameters.asOf = origin - 1
      var first: InfluenceRanking?
      for halfLife in ladder {
        var p = parameters
        p.weighting = try InteractionWeighting(
          typeWeights: Dictionary(
            uniqueKeysWithValues: InteractionType.allCases.map {
              ($0, calibrator.base.weighting.typeWeight($0))
            }), halfLife: halfLife)
        let ranking = try InfluenceRanking(data: training, parameters: p)
        first = first ?? ranking
        features.append(
          ScorePart.allCases.map { part in
            let maximum = ranking.scoring.maximum(part)
            return ranking.contributions.map { maximum > 0 ? $0.feature(part) / maximum : 0 }
          })
      }
      var uncalibrated = parameters
      uncalibrated.scoreWeights = .uncalibrated
      uncalibrated.weighting = try InteractionWeighting(
        typeWeights: [:],
        halfLife: TimeScale.adaptiveHalfLife(training, asOf: origin - 1))
      let plain = try InfluenceRanking(
        data: training,
        parameters: RankingParameters(
          weighting: try InteractionWeighting(
            typeWeights: Dictionary(
              uniqueKeysWithValues: InteractionType.allCases.map { ($0, 1.0) }),
            halfLife: nil),
          asOf: origin - 1, damping: parameters.damping, tolerance: parameters.tolerance,
          depthWeight: 0))
      baselines = [
        try InfluenceRanking(data: training, parameters: uncalibrated).contributions.map(\.score),
        first!.interactionsIn.map(Double.init),
        EngagementCounts.distinctActors(training).map(Double.init),
        plain.pagerank.scores,
      ]
      recentEngagers = EngagementCounts.distinctActors(training, since: origin - horizon)
        .map(Double.init)
      self.training = training
    }

    func combine(_ index: Int, _ weights: [Double]?) -> [Double] {
      let w = weights ?? ScorePart.allCases.map { ScoreWeights.uncalibrated[$0] }
      let columns = features[index]
      return (0..<trainingAccounts).map { a in
        var total = 0.0
        for p in columns.indices { total += w[p] * columns[p][a] }
        return total
      }
    }

    func measure(_ name: String, _ scores: [Double], k: Int) -> Calibration.Metric {
      let result = target.measure(name: name, scores: scores, ks: [k])
      return Calibration.Metric(
        name: name, ndcg: result.ndcg[0], precision: result.precision[0],
        spearman: result.spearman)
    }

    func recentInDegree(halfLife: Double?) -> [Double] {
      guard let training else { return [] }
      return EngagementCounts.decayedInDegree(training, halfLife: halfLife, asOf: origin - 1)
    }
  }

  /// `90d`, `6h`, `45m`, `30s`: the largest unit that divides evenly, else hours with a
  /// decimal.
  public static func duration(_ seconds: Int64) -> String {
    TimeScale.text(Double(seconds))
  }
}
