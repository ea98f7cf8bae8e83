import Foundation

/// Backtests the score on a window's own history and chooses its two half-lives and its part
/// weights.
///
/// Origins: F + 1 of them, o_j = from + span × (1/4 + 5/8 × j/F), j = 0…F, the first with a
/// quarter of the data behind it, the last an eighth before the end. At every origin the
/// score's parts are computed from the data before it, and the target is cut: the gain
/// `clout evaluate` uses, log2(1 + distinct accounts that replied to, reposted or quoted the
/// account), in the origin's horizon [o_j, o_j + h_j), capped at the end of the data.
///
/// Scale-free time: each origin's horizon h_j is its own history o_j − from (a forecast as
/// long as the past it stands on; `--horizon` fixes it instead), and its candidate
/// half-lives are fixed fractions of h_j (`halfLifeLadder`). A choice is a fraction, so a
/// half-life learnt on a quarter of the history scales to the whole of it: the calibration
/// saved for `rank` applies the chosen fractions to the whole span. On held-out timelines the
/// absolute ladder it replaces (the same half-lives at every origin, a span/8 grid) chose
/// hours where the final ranking, forecasting a longer future from a longer past, needed days
/// (README, Calibration).
///
/// Choice: every pair of time scales (half-life, activity half-life ≤ half-life) and every
/// weight vector of `CandidateSearch` is scored by NDCG@k at every usable origin; the one
/// whose worst origin is best wins (ties: the better mean, then the first tried). The worst
/// origin, not the mean: a mean is carried by the late origins, whose targets are short and
/// whose histories look like the final one, and it chose time scales that lost to in-degree
/// once the future ran longer than the backtests'. The folds report out-of-sample figures:
/// fold j is origin j validated with the choice made on the origins whose targets end before
/// o_j.
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
  /// Forecast horizon of every origin in seconds; nil = each origin's own history.
  public var horizon: Int64?
  /// Type weights, damping and tolerance of every ranking; its half-life and part weights
  /// are what calibration chooses, so they are ignored.
  public var base: RankingParameters
  /// Candidate half-lives in seconds (nil = no decay) at every origin; nil = the fractions of
  /// each origin's horizon (`halfLifeLadder`).
  public var halfLives: [Double?]?

  /// Told what the calibration is doing, before each step (a load, an origin's rankings, the
  /// search): `clout calibrate` draws it on a terminal, since a large store takes half a
  /// minute.
  public var progress: (@Sendable (String) -> Void)?

  /// What one origin had to calibrate on, and whether it counted.
  public struct OriginSummary: Sendable, Equatable {
    public var origin: Int64
    /// The last second of its target window.
    public var end: Int64
    public var interactionsBefore: Int
    public var accountsBefore: Int
    /// Accounts replied to, reposted or quoted in [origin, end], and of those the accounts the
    /// data before the origin knew (the only ones a ranking can place).
    public var engaged: Int
    public var knownEngaged: Int
    /// False when the origin falls below the floor (`minimumEngaged`, `minimumRankable`).
    public var used: Bool
  }

  /// Told of each origin once its rankings are done (`clout calibrate -v`): on a refusal, which
  /// origins fell short and by how much.
  public var originReport: (@Sendable (OriginSummary) -> Void)?

  public init(
    folds: Int = 3, k: Int = 50, horizon: Int64? = nil,
    base: RankingParameters = RankingParameters(), halfLives: [Double?]? = nil
  ) {
    self.folds = folds
    self.k = k
    self.horizon = horizon
    self.base = base
    self.halfLives = halfLives
  }

  /// The floor below which calibration refuses to fit: at least `minimumFolds` folds whose
  /// validation origin and an earlier origin to fit on each have `minimumEngaged(k:)` accounts
  /// engaged (replied to, reposted or quoted) in their horizon, `minimumRankable(k:)` of them
  /// already in the data before the origin (`Window.Goal.rankableEngaged`). One fold lets the
  /// half-life follow one window's noise, and NDCG@k over a handful of engaged accounts is
  /// decided by one of them. Measured without the floor: on the RumourEval-2019 Twitter train
  /// store, `clout calibrate --folds 1 --horizon 60d` validated on one window in which 1
  /// account was engaged, scored NDCG@50 1.0 there, and saved reach 0.739, activity 0.255 at a
  /// 240-day half-life.
  public static let minimumFolds = 2

  /// Engaged accounts each window needs: k, at most 20 — enough that no single account
  /// decides a fold, few enough that a store of a few hundred accounts can be calibrated.
  public static func minimumEngaged(k: Int) -> Int { min(k, 20) }

  /// Of those, the accounts each window needs that were already in the data before its origin
  /// (`Window.Goal.rankableEngaged`): k, at most 10. Only these can be ranked, so they alone
  /// tell candidates apart. With fewer, the choice was noise that every later ranking
  /// inherited: on the RumourEval-2019 Twitter train store (4,490 accounts) the two folds that
  /// passed the older floor (at least one) had 3 and 5, every candidate scored NDCG@50 0.04 to
  /// 0.18, and the fit saved freshness 0.25, which put an account engaged once, just before the
  /// end, 5th of 4,490 (score 0.35, in-degree 1). With ten, `clout evaluate` gives the same
  /// figures on all twenty held-out splits (README, Calibration) and on
  /// `scripts/evaluate-datasets.sh` as with one.
  public static func minimumRankable(k: Int) -> Int { min(k, 10) }

  /// from + span × (1/4 + 5/8 × j/F), j = 0…F.
  public static func origins(from: Int64, to: Int64, folds: Int) -> [Int64] {
    // In integers, span × (6F + 15j) / 24F, so that no rounding moves an origin.
    let span = to - from + 1
    return (0...folds).map { j in from + span * Int64(6 * folds + 15 * j) / Int64(24 * folds) }
  }

  /// The half-life fractions of a horizon every origin tries, and no decay. Steps of 4 from
  /// 1/256 to 1: on the held-out timelines (README, Calibration) steps of 2 from 1/256 to 2
  /// chose no better on the worst split (NDCG@50 1.019× the best simple baseline either way)
  /// at twice the rankings per origin.
  public static let halfLifeFractions: [Double?] = [1.0 / 256, 1.0 / 64, 1.0 / 16, 1.0 / 4, 1, nil]

  /// `halfLifeFractions` of `horizon` seconds.
  public static func halfLifeLadder(horizon: Int64) -> [Double?] {
    halfLifeFractions.map { $0.map { $0 * Double(horizon) } }
  }

  /// The window of the `recent-engagers` baseline when no horizon is given: the last eighth of
  /// the history, at least one second.
  public static func recentWindow(from: Int64, to: Int64) -> Int64 {
    max(1, (to - from + 1) / 8)
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
    guard folds >= Self.minimumFolds else {
      throw Failure.notEnoughHistory(
        "not enough folds to calibrate: a half-life chosen on \(folds) fold is chosen on one "
          + "window's noise; use --folds \(Self.minimumFolds) or more; nothing was saved")
    }
    if let horizon, horizon < 1 { throw Failure.invalidParameter("--horizon must be positive") }
    let origins = Self.origins(from: from, to: to, folds: folds)
    guard origins[0] > from, Set(origins).count == origins.count else {
      throw Failure.notEnoughHistory(
        "the data spans \(Self.duration(to - from + 1)), too short to place \(folds + 1) "
          + "origins after a first training window; nothing was saved")
    }
    // The targets come from one load of the whole window: only its interactions are kept (a
    // target needs nothing else), instead of a load with posts per origin (4 s each on the
    // 10M-post store).
    progress?("loading the window's interactions")
    let whole = try load(since, to).interactionsOnly()
    var windows: [Window] = []
    for (index, origin) in origins.enumerated() {
      let h = horizon ?? (origin - from)
      let end = min(to, origin + h - 1)
      let step = "origin \(index + 1) of \(origins.count)"
      progress?(step + ": loading the data before it")
      let training = try load(since, origin - 1)
      progress?(step + ": ranking at every candidate half-life")
      windows.append(
        try Window(
          training: training,
          target: whole.interactions(from: origin, through: end), origin: origin, end: end,
          calibrator: self, ladder: halfLives ?? Self.halfLifeLadder(horizon: h),
          recentWindow: horizon ?? Self.recentWindow(from: from, to: origin - 1)))
      let goal = windows[windows.count - 1].goal
      originReport?(
        OriginSummary(
          origin: origin, end: end, interactionsBefore: training.interactionCount,
          accountsBefore: training.graphAccountCount, engaged: goal.target.futureEngaged,
          knownEngaged: goal.rankableEngaged, used: windows[windows.count - 1].usable))
    }
    let finalHorizon = horizon ?? (to + 1 - from)
    let ladder = halfLives ?? Self.halfLifeLadder(horizon: finalHorizon)
    progress?("scoring every candidate at every origin")
    let search = try CandidateSearch(windows: windows, ladder: ladder, k: k)
    // Fold j: origin j, validated with the choice made on the origins whose targets end
    // before it (data before o_j only).
    var foldResults: [Calibration.Fold] = []
    for j in 1...folds where windows[j].usable {
      let fitOn = (0..<j).filter { windows[$0].usable && windows[$0].end < windows[j].origin }
      guard !fitOn.isEmpty else { continue }
      let choice = search.best(on: fitOn)
      let validation = windows[j]
      var metrics = [
        validation.measure(
          "clout-calibrated", validation.combine(choice.pair, search.weights[choice.weights]),
          k: k)
      ]
      for (name, scores) in zip(
        Self.baselineNames,
        validation.baselines + [
          validation.recentInDegrees[choice.pair.activity], validation.recentEngagers,
        ])
      {
        metrics.append(validation.measure(name, scores, k: k))
      }
      foldResults.append(
        Calibration.Fold(
          origin: validation.origin, end: validation.end,
          trainingInteractions: validation.trainingInteractions,
          engaged: validation.goal.target.futureEngaged,
          rankableEngaged: validation.goal.rankableEngaged, metrics: metrics))
    }
    guard foldResults.count >= Self.minimumFolds else {
      let fewest = windows.map(\.goal.target.futureEngaged).min() ?? 0
      let fewestKnown = windows.map(\.goal.rankableEngaged).min() ?? 0
      throw Failure.notEnoughHistory(
        "not enough history to calibrate: \(foldResults.count) of \(folds) folds (horizon "
          + (horizon.map(Self.duration) ?? "each origin's own history")
          + ") have at least \(Self.minimumEngaged(k: k)) accounts replied to, reposted or "
          + "quoted in their horizon, \(Self.minimumRankable(k: k)) of them already in the data "
          + "before it, and so does an earlier origin whose horizon ends before theirs (fewest: "
          + "\(fewest) engaged, \(fewestKnown) of them known before), and choosing a half-life "
          + "takes \(Self.minimumFolds); use a shorter --horizon, more data or a smaller --k; "
          + "nothing was saved")
    }
    let usable = windows.indices.filter { windows[$0].usable }
    let choice = search.best(on: usable)
    // The fitted score replaces the default only when its worst origin beats the default's
    // (equal worst: a better mean): on a small or erratic history (the RumourEval Twitter
    // train set before 2014-12-01, 3,903 interactions, folds with 31 engaged accounts) the
    // fit chases noise, and 'clout evaluate' measured it below the default (NDCG@50 0.157 vs
    // 0.202, scripts/evaluate-datasets.sh).
    let defaults = usable.map { windows[$0].ndcg(windows[$0].baselines[0], k: k) }
    let keepsDefault = Self.keepsDefault(fitted: choice.perWindow, defaults: defaults)
    var weights = search.scoreWeights(choice.weights) ?? .uncalibrated
    var halfLife = ladder[choice.pair.main]
    var activity: Calibration.TimeScaleChoice? = .init(halfLife: ladder[choice.pair.activity])
    if keepsDefault {
      weights = .uncalibrated
      halfLife =
        halfLives?.count == 1 ? halfLives![0] : TimeScale.adaptiveHalfLife(whole, asOf: to)
      activity = nil
    }
    return Calibration(
      cloutVersion: CloutCore.version, halfLife: halfLife, activity: activity, weights: weights,
      horizon: finalHorizon, k: k, platform: platform, dataFrom: from, dataTo: to,
      interactions: interactions, accounts: windows.last?.trainingAccounts ?? 0,
      keptDefault: keepsDefault,
      candidates: search.summary(on: usable).map {
        Calibration.Candidate(
          halfLife: ladder[$0.pair.main], activity: .init(halfLife: ladder[$0.pair.activity]),
          meanNDCG: $0.mean, worstNDCG: $0.worst,
          weights: search.scoreWeights($0.weights))
      }, originsTyingEveryCandidate: usable.count - search.judged(usable).count,
      folds: foldResults)
  }

  /// True unless the fitted score's worst NDCG@k over the origins beats the default's, or ties
  /// it with a higher sum.
  static func keepsDefault(fitted: [Double], defaults: [Double]) -> Bool {
    let fittedWorst = fitted.min() ?? 0
    let defaultWorst = defaults.min() ?? 0
    if fittedWorst != defaultWorst { return fittedWorst < defaultWorst }
    return fitted.reduce(0, +) <= defaults.reduce(0, +)
  }

  /// One candidate: the ladder index of the main half-life (PageRank, reach, reply
  /// engagement, outreach) and of the activity half-life (activity, freshness).
  struct TimeScalePair: Sendable, Equatable {
    var main: Int
    var activity: Int
  }

  /// Every pair whose activity half-life is no longer than the main one (nil = none, the
  /// longest): the second time scale says what happened lately, the first what lasts.
  static func timeScalePairs(_ ladder: [Double?]) -> [TimeScalePair] {
    func atMost(_ a: Double?, _ b: Double?) -> Bool {
      guard let b else { return true }
      guard let a else { return false }
      return a <= b
    }
    return ladder.indices.flatMap { main in
      ladder.indices.filter { atMost(ladder[$0], ladder[main]) }.map {
        TimeScalePair(main: main, activity: $0)
      }
    }
  }

  /// `90d`, `6h`, `45m`, `30s`: the largest unit that divides evenly, else hours with a
  /// decimal.
  public static func duration(_ seconds: Int64) -> String {
    TimeScale.text(Double(seconds))
  }
}
