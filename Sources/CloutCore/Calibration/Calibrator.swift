import Foundation

/// Backtests the score on a window's own history and chooses its two half-lives and its part
/// weights.
///
/// With horizon H and F folds, origins o_j = end + 1 − (F + 1 − j)·H for j = 0…F. At every
/// origin the score's parts are computed from the data before it, for every candidate
/// half-life, and two targets are cut: the gain `clout evaluate` uses, log2(1 + distinct
/// accounts that replied to, reposted or quoted the account), in [o_j, o_j + H) and in
/// [o_j, end]. A candidate is a pair (half-life, activity half-life ≤ half-life). Each pair's
/// weights are those that rank best by NDCG@k over every usable origin against the target up
/// to the end (`fitWeights`), and the pair whose fit ranks best wins: the future `evaluate`
/// measures runs to the end of the data, and fitting to one horizon chose half-lives that were
/// too short on held-out timelines (README, Calibration). The folds report out-of-sample
/// figures: fold i (1…F) fits the chosen pair's weights on origin i − 1 against its horizon
/// (data before o_i only) and is measured on [o_i, end], beside every baseline.
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

  /// The floor below which calibration refuses to fit: at least `minimumFolds` folds whose
  /// fit window and validation window each have `minimumEngaged(k:)` accounts engaged
  /// (replied to, reposted or quoted). One fold lets the half-life follow one window's noise,
  /// and NDCG@k over a handful of engaged accounts is decided by one of them. Measured without
  /// the floor: on the RumourEval-2019 Twitter train store, `clout calibrate --folds 1
  /// --horizon 60d` validated on one window in which 1 account was engaged, scored NDCG@50
  /// 1.0 there, and saved reach 0.739, activity 0.255 at a 240-day half-life.
  public static let minimumFolds = 2

  /// Engaged accounts each window needs: k, at most 20 — enough that no single account
  /// decides a fold, few enough that a store of a few hundred accounts can be calibrated.
  public static func minimumEngaged(k: Int) -> Int { min(k, 20) }

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
    guard folds >= Self.minimumFolds else {
      throw Failure.notEnoughHistory(
        "not enough folds to calibrate: a half-life chosen on \(folds) fold is chosen on one "
          + "window's noise; use --folds \(Self.minimumFolds) or more; nothing was saved")
    }
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
    let pairs = Self.timeScalePairs(ladder)
    // The validation windows' engagement comes from one load of the whole window: only its
    // interactions are kept (a future window's target needs nothing else), instead of a load
    // with posts per fold (4 s each on the 10M-post store).
    let whole = try load(since, to).interactionsOnly()
    var windows: [Window] = []
    for origin in origins {
      let training = try load(since, origin - 1)
      windows.append(
        try Window(
          training: training, next: whole.interactions(from: origin, through: origin + h - 1),
          rest: whole.interactions(from: origin, through: to), origin: origin, calibrator: self,
          ladder: ladder, horizon: h))
    }
    // Each pair of time scales gets the weights that rank best over every usable window
    // against the engagement up to the end of the data, and the pair whose fit ranks best
    // wins. The long target is what `clout evaluate` measures after its split; fitting to the
    // horizon after each origin instead chose minutes-long half-lives that lost to in-degree
    // on held-out real timelines (a week of news-event tweets split at its fourth day:
    // NDCG@50 0.724 vs 0.801; this choice: 0.829, README, Calibration).
    let usable = windows.filter(\.usable)
    let measuredFolds = (1...folds).filter { windows[$0 - 1].usable && windows[$0].usable }
    let measured = measuredFolds.count
    guard measured >= Self.minimumFolds else {
      let fewest = windows.map(\.next.target.futureEngaged).min() ?? 0
      throw Failure.notEnoughHistory(
        "not enough history to calibrate: \(measured) of \(folds) folds (horizon "
          + "\(Self.duration(h))) have at least \(Self.minimumEngaged(k: k)) accounts replied to, reposted or quoted in "
          + "both the window they fit on and the one they validate on (fewest: \(fewest)), and "
          + "choosing a half-life takes \(Self.minimumFolds); use a longer --horizon, more data "
          + "or a smaller --k; nothing was saved")
    }
    let perPair = try Window.inParallel(pairs.count) { index -> (Double, [Double]) in
      let weights = self.fitWeights(usable, pair: pairs[index], toEnd: true)
      let total = usable.map {
        $0.ndcg($0.combine(pairs[index], weights), k: self.k, toEnd: true)
      }.reduce(0, +)
      return (total / Double(usable.count), weights)
    }
    let candidates = zip(pairs, perPair).map { pair, result in
      Calibration.Candidate(
        halfLife: ladder[pair.main],
        activity: Calibration.TimeScaleChoice(halfLife: ladder[pair.activity]),
        meanNDCG: result.0)
    }
    var chosen = 0
    for index in candidates.indices where candidates[index].meanNDCG > candidates[chosen].meanNDCG {
      chosen = index
    }
    let pair = pairs[chosen]
    // The folds report out-of-sample figures: fold i's weights are fitted on window i − 1
    // against the horizon after it (data before window i only) and validated on window i up
    // to the end of the data.
    var foldResults: [Calibration.Fold] = []
    var chosenOnFolds: [Double] = []
    for fold in measuredFolds {
      let validation = windows[fold]
      let w = fitWeights([windows[fold - 1]], pair: pair, toEnd: false)
      chosenOnFolds.append(
        validation.ndcg(validation.combine(pair, perPair[chosen].1), k: k, toEnd: true))
      var metrics = [
        validation.measure("clout-calibrated", validation.combine(pair, w), k: k)
      ]
      let recentInDegree = validation.recentInDegree(pair.activity)
      for (name, scores) in zip(
        Self.baselineNames, validation.baselines + [recentInDegree, validation.recentEngagers])
      {
        metrics.append(validation.measure(name, scores, k: k))
      }
      foldResults.append(
        Calibration.Fold(
          origin: validation.origin, end: to,
          trainingInteractions: validation.trainingInteractions,
          engaged: validation.rest.target.futureEngaged, metrics: metrics))
    }
    let final: [Double]? = perPair[chosen].1
    var weights =
      final.flatMap {
        try? ScoreWeights(Dictionary(uniqueKeysWithValues: zip(ScorePart.allCases, $0)))
      } ?? .uncalibrated
    var halfLife = ladder[pair.main]
    var activity: Calibration.TimeScaleChoice? = .init(halfLife: ladder[pair.activity])
    // The fitted score replaces the default only when it ranks at least as well on every
    // validation window and better on average: on a small or erratic history (the RumourEval
    // Twitter train set before 2014-12-01, 3,903 interactions and folds with 31 engaged
    // accounts) the fit chases noise, and 'clout evaluate' measured it well below the
    // default (NDCG@50 0.157 vs 0.202, scripts/evaluate-datasets.sh).
    let fitted = chosenOnFolds
    let defaults = foldResults.map { fold in
      fold.metrics.first { $0.name == "clout-uncalibrated" }!.ndcg
    }
    let keepsDefault = Self.keepsDefault(fitted: fitted, defaults: defaults)
    if keepsDefault {
      weights = .uncalibrated
      halfLife =
        halfLives?.count == 1
        ? halfLives![0] : TimeScale.adaptiveHalfLife(whole, asOf: to)
      activity = nil
    }
    return Calibration(
      cloutVersion: CloutCore.version, halfLife: halfLife, activity: activity, weights: weights,
      horizon: h, k: k, platform: platform, dataFrom: from, dataTo: to,
      interactions: interactions, accounts: windows.last?.trainingAccounts ?? 0,
      keptDefault: keepsDefault, candidates: candidates, folds: foldResults)
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

  /// True unless the fitted score's NDCG@k is at least the default's on every fold and
  /// higher in sum.
  static func keepsDefault(fitted: [Double], defaults: [Double]) -> Bool {
    zip(fitted, defaults).contains { $0 < $1 } || fitted.reduce(0, +) <= defaults.reduce(0, +)
  }

  /// The part weights for the pooled `windows` at the time scales `pair`: of the ridge fit,
  /// the uncalibrated weights and a grid over the simplex of the parts that are not 0
  /// everywhere, in steps of 1/4, the one with the best mean NDCG@k on those windows
  /// (`toEnd`: against their engagement up to the end of the data, else in the horizon after
  /// their origin). The ridge fit minimizes squared error over every account, most of them
  /// never engaged; NDCG@k rewards the order at the top, and on the 1M-post synthetic store
  /// (shared/bench/gen.py 1000000 100000 7) the ridge weights alone lost to the uncalibrated
  /// ones on a fold (0.973 vs 0.999), so both compete with the grid on the fit windows, never
  /// on the window being validated.
  func fitWeights(_ windows: [Window], pair: TimeScalePair, toEnd: Bool) -> [Double] {
    let parts = ScorePart.allCases.indices
    let columns = parts.map { p in windows.flatMap { $0.column(pair, p).map(Double.init) } }
    let target = windows.flatMap { (toEnd ? $0.rest : $0.next).gains }
    var candidates: [[Double]] = []
    if let w = RidgeFit.fit(columns: columns, target: target, lambda: ridge) {
      let total = w.reduce(0, +)
      let normalized = w.map { $0 / total }
      if Self.respectsCaps(normalized) { candidates.append(normalized) }
    }
    candidates.append(ScorePart.allCases.map { ScoreWeights.uncalibrated[$0] })
    // A part that is 0 for every account (no reply trees on edges without post ids) only
    // rescales the others: the grid leaves it out instead of trying each order again.
    let active = parts.filter { p in columns[p].contains { $0 > 0 } }
    for point in Self.simplexGrid(parts: active.count, steps: 4) {
      var weights = [Double](repeating: 0, count: parts.count)
      for (slot, p) in active.enumerated() { weights[p] = point[slot] }
      if Self.respectsCaps(weights) { candidates.append(weights) }
    }
    var best = candidates[0]
    var bestNDCG = -Double.infinity
    for weights in candidates {
      let ndcg =
        windows.map { $0.ndcg($0.combine(pair, weights), k: k, toEnd: toEnd) }.reduce(0, +)
        / Double(windows.count)
      if ndcg > bestNDCG {
        best = weights
        bestNDCG = ndcg
      }
    }
    return best
  }

  static func respectsCaps(_ weights: [Double]) -> Bool {
    weights[ScorePart.allCases.firstIndex(of: .outreach)!] <= ScoreDefinition.outreachCap + 1e-12
  }

  /// Every weight vector of `parts` non-negative multiples of 1/`steps` summing to 1, in
  /// lexicographic order.
  static func simplexGrid(parts: Int, steps: Int) -> [[Double]] {
    // Integer compositions of `steps` into `parts` non-negative summands, largest first.
    func compositions(_ parts: Int, _ total: Int) -> [[Int]] {
      guard parts > 1 else { return [[total]] }
      return stride(from: total, through: 0, by: -1).flatMap { first in
        compositions(parts - 1, total - first).map { [first] + $0 }
      }
    }
    return compositions(parts, steps).map { $0.map { Double($0) / Double(steps) } }
  }

  /// One origin: the parts at every candidate half-life, the baselines, and two targets: the
  /// engagement in the horizon after the origin (what a fold fits on) and up to the end of
  /// the data (what a fold validates on, as `clout evaluate` measures after its split).
  struct Window: Sendable {
    var origin: Int64
    var usable: Bool
    var trainingInteractions = 0
    var trainingAccounts = 0
    /// [half-life][part][account]: the part's feature / its maximum, every part at every
    /// candidate half-life (a pair takes the activity parts from its second one).
    /// Float: 4 windows × 6 half-lives × 6 parts of a 172k-account store are 100 MB so, twice
    /// that in Double; the ranking order of a sum of six parts in [0, 1] does not need more.
    var features: [[[Float]]] = []
    var next: Goal
    var rest: Goal
    var baselines: [[Double]] = []
    var recentEngagers: [Double] = []
    /// Per candidate half-life: the recency-weighted in-degree baseline.
    var recentInDegrees: [[Double]] = []

    /// A target and its gains per training account, with the DCG@k of the ideal order,
    /// computed once: the grid scores hundreds of orders.
    struct Goal: Sendable {
      var target: RankingEvaluation.Target
      var gains: [Double]
      var idealDCG: Double

      init(training: EngagementData, future: EngagementData, k: Int) {
        target = RankingEvaluation.Target(training: training, future: future)
        gains = Array(target.gains.prefix(training.graphAccountCount))
        idealDCG = RankingMetrics.dcg(
          order: RankingMetrics.idealOrder(gains: target.gains), gains: target.gains, at: k)
      }
    }

    init(
      training: EngagementData, next nextData: EngagementData, rest restData: EngagementData,
      origin: Int64, calibrator: Calibrator, ladder: [Double?], horizon: Int64
    ) throws {
      self.origin = origin
      next = Goal(training: training, future: nextData, k: calibrator.k)
      rest = Goal(training: training, future: restData, k: calibrator.k)
      usable =
        training.interactionCount > 0 && training.graphAccountCount > 0
        && next.target.futureEngaged >= Calibrator.minimumEngaged(k: calibrator.k)
      guard usable else { return }
      trainingInteractions = training.interactionCount
      trainingAccounts = training.graphAccountCount
      let asOf = origin - 1
      let base = calibrator.base
      let shared = CandidateScoring(data: training, asOf: asOf)
      let typeWeights = Dictionary(
        uniqueKeysWithValues: InteractionType.allCases.map { ($0, base.weighting.typeWeight($0)) })
      // Every weighting the window needs: the candidates, the uncalibrated default (default
      // type weights, adaptive half-life) and plain PageRank (every type 1, no decay).
      let candidates = ladder.count
      let plain = candidates + 1
      let weightings =
        try ladder.map { try InteractionWeighting(typeWeights: typeWeights, halfLife: $0) } + [
          try InteractionWeighting(
            typeWeights: [:], halfLife: TimeScale.adaptiveHalfLife(training, asOf: asOf)),
          try InteractionWeighting(
            typeWeights: Dictionary(
              uniqueKeysWithValues: InteractionType.allCases.map { ($0, 1.0) }),
            halfLife: nil),
        ]
      // Each keeps only what the window needs of its parts (the normalized features of a
      // candidate, the uncalibrated score, plain PageRank), not 8 sets of contributions.
      let computed = try Self.inParallel(weightings.count) { index -> [[Double]] in
        let parts = try shared.parts(
          weighting: weightings[index],
          weights: index >= candidates ? .uncalibrated : base.scoreWeights,
          damping: base.damping, tolerance: base.tolerance,
          maxIterations: index == plain ? RankingParameters().maxIterations : base.maxIterations,
          seeds: index == plain ? nil : base.seedAccounts)
        if index == plain { return [parts.pagerank.scores] }
        if index == candidates { return [parts.scoring.contributions.map(\.score)] }
        return ScorePart.allCases.map { part in
          let maximum = parts.scoring.maximum(part)
          return parts.scoring.contributions.map { maximum > 0 ? $0.feature(part) / maximum : 0 }
        }
      }
      features = computed.prefix(candidates).map { parts in parts.map { $0.map(Float.init) } }
      baselines = [
        computed[candidates][0],
        shared.interactionsIn.map(Double.init),
        EngagementCounts.distinctActors(training).map(Double.init),
        computed[plain][0],
      ]
      recentEngagers = EngagementCounts.distinctActors(training, since: origin - horizon)
        .map(Double.init)
      // Computed now for every candidate, so the window's data need not be kept.
      recentInDegrees = ladder.map {
        EngagementCounts.decayedInDegree(training, halfLife: $0, asOf: asOf)
      }
    }

    /// `body(0..<count)` on both cores (even indices on one thread, odd on another), in
    /// index order.
    static func inParallel<Value: Sendable>(
      _ count: Int, _ body: @escaping @Sendable (Int) throws -> Value
    ) throws -> [Value] {
      let odd = Concurrent { () -> [Result<Value, any Error>] in
        stride(from: 1, to: count, by: 2).map { index in Result { try body(index) } }
      }
      let even = stride(from: 0, to: count, by: 2).map { index in Result { try body(index) } }
      let other = odd.wait()
      return try (0..<count).map { index in
        try (index % 2 == 0 ? even[index / 2] : other[index / 2]).get()
      }
    }

    /// Part `p`'s column at `pair`: the activity parts at its activity half-life, the others
    /// at its main one.
    func column(_ pair: TimeScalePair, _ p: Int) -> [Float] {
      features[ScorePart.allCases[p].followsActivityHalfLife ? pair.activity : pair.main][p]
    }

    func combine(_ pair: TimeScalePair, _ weights: [Double]?) -> [Double] {
      let w = weights ?? ScorePart.allCases.map { ScoreWeights.uncalibrated[$0] }
      var total = [Double](repeating: 0, count: trainingAccounts)
      for p in ScorePart.allCases.indices where w[p] != 0 {
        let column = column(pair, p)
        for a in 0..<trainingAccounts { total[a] += w[p] * Double(column[a]) }
      }
      return total
    }

    /// NDCG@k of `scores` against the engagement up to the end of the data (`toEnd`) or in
    /// the horizon after the origin, from the top k alone.
    func ndcg(_ scores: [Double], k: Int, toEnd: Bool) -> Double {
      let goal = toEnd ? rest : next
      guard goal.idealDCG > 0 else { return 0 }
      let order = TopK.select(k, scores: scores)
      return RankingMetrics.dcg(order: order, gains: goal.target.gains, at: k) / goal.idealDCG
    }

    /// Every metric against the engagement up to the end of the data.
    func measure(_ name: String, _ scores: [Double], k: Int) -> Calibration.Metric {
      let result = rest.target.measure(name: name, scores: scores, ks: [k])
      return Calibration.Metric(
        name: name, ndcg: result.ndcg[0], precision: result.precision[0],
        spearman: result.spearman)
    }

    func recentInDegree(_ index: Int) -> [Double] { recentInDegrees[index] }
  }

  /// `90d`, `6h`, `45m`, `30s`: the largest unit that divides evenly, else hours with a
  /// decimal.
  public static func duration(_ seconds: Int64) -> String {
    TimeScale.text(Double(seconds))
  }
}

extension EngagementData {
  /// The same accounts and interactions, without the posts.
  func interactionsOnly() -> EngagementData {
    var copy = self
    copy.postAuthors = []
    copy.postParents = []
    copy.postRowIDs = []
    copy.placeholderKeys = [:]
    return copy
  }

  /// The interactions at `from`…`through` (every account kept, no posts): what a target
  /// window needs, as a load of that window would give it (accounts without interactions
  /// there count nothing).
  func interactions(from: Int64, through: Int64) -> EngagementData {
    var copy = interactionsOnly()
    let keep = interactionTimes.indices.filter {
      interactionTimes[$0] >= from && interactionTimes[$0] <= through
    }
    copy.interactionActors = keep.map { interactionActors[$0] }
    copy.interactionTargets = keep.map { interactionTargets[$0] }
    copy.interactionTypes = keep.map { interactionTypes[$0] }
    copy.interactionTimes = keep.map { interactionTimes[$0] }
    copy.interactionMultipliers = keep.map { interactionMultipliers[$0] }
    copy.since = from
    copy.until = through
    return copy
  }
}
