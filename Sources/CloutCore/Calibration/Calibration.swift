/// A score calibrated on a store's own history by `Calibrator`: the half-life and part weights
/// it chose, what it was fitted on, and how every fold validated. Saved in the store by
/// `clout calibrate`; every ranking command applies it by default.
public struct Calibration: Sendable, Equatable, Codable {
  /// Clout's version when it was fitted.
  public var cloutVersion: String
  /// The chosen half-life in seconds; nil = no decay.
  public var halfLife: Double?
  /// The chosen half-life of the activity and freshness parts; nil for a calibration saved
  /// before the score had a second time scale (those parts then follow `halfLife`).
  public var activity: TimeScaleChoice?
  /// The fitted weight of every part.
  public var weights: ScoreWeights
  /// The forecast horizon the chosen half-lives are scaled to, in seconds: the data's span,
  /// or `--horizon` (before 2026-12-03: the spacing of the folds).
  public var horizon: Int64
  /// The cut-off of the NDCG@k and precision@k the folds report (NDCG@k chooses the half-life).
  public var k: Int
  /// The window it was fitted on: the platform filter and the interactions' time span.
  public var platform: String?
  public var dataFrom: Int64
  public var dataTo: Int64
  /// Interactions in the window, and accounts ranked at the last fold's origin.
  public var interactions: Int
  public var accounts: Int
  /// True when the fitted score did not validate better than the uncalibrated default on
  /// every fold, so the default's weights (and its adaptive half-life at the data's end) were
  /// saved instead.
  public var keptDefault: Bool
  /// Every pair of half-lives tried, in the order tried, with its best weights' NDCG@k over
  /// the origins.
  public var candidates: [Candidate]
  /// Origins at which every candidate scored the same NDCG@k while other origins told them
  /// apart, so that they count in neither the candidates' mean nor their worst
  /// (`CandidateSearch.judged`); nil in calibrations saved before.
  public var originsTyingEveryCandidate: Int?
  public var folds: [Fold]

  public struct Candidate: Sendable, Equatable, Codable {
    public var halfLife: Double?
    /// The activity half-life tried with `halfLife` (nil in calibrations saved before it).
    public var activity: TimeScaleChoice?
    public var meanNDCG: Double
    /// The worst origin's NDCG@k, what the choice maximizes, over the origins that tell
    /// candidates apart (`originsTyingEveryCandidate`; nil in calibrations saved before it did).
    public var worstNDCG: Double?
    /// The weights that scored `meanNDCG` and `worstNDCG` with these time scales (nil in
    /// calibrations saved before they were recorded).
    public var weights: ScoreWeights?
  }

  /// A half-life that may be "none" (nil), wrapped so that a calibration saved without it
  /// reads as absent rather than as "no decay".
  public struct TimeScaleChoice: Sendable, Equatable, Codable {
    public var halfLife: Double?
    public init(halfLife: Double?) { self.halfLife = halfLife }
  }

  /// The half-life of the activity and freshness parts: the chosen one, else `halfLife`.
  public var activityHalfLife: Double? { activity.map(\.halfLife) ?? halfLife }

  public struct Fold: Sendable, Equatable, Codable {
    /// Validation window: [origin, end], the origin's horizon; the time scales and weights
    /// were chosen on the earlier origins whose horizons end before `origin`.
    public var origin: Int64
    public var end: Int64
    public var trainingInteractions: Int
    /// Accounts engaged in the validation window.
    public var engaged: Int
    /// Of those, the accounts already in the data before `origin`: the ones a ranking can
    /// place (nil in calibrations saved before it was recorded).
    public var rankableEngaged: Int?
    /// The calibrated score first, then every baseline.
    public var metrics: [Metric]
  }

  public struct Metric: Sendable, Equatable, Codable {
    public var name: String
    public var ndcg: Double
    public var precision: Double
    public var spearman: Double
  }

  /// True when the data runs past what the calibration was fitted on.
  public func isStale(newestInteraction: Int64?) -> Bool {
    guard let newestInteraction else { return false }
    return newestInteraction > dataTo
  }
}

extension Calibration {
  /// Why the calibration falls below the floor `clout calibrate` now requires
  /// (`Calibrator.minimumFolds` folds, each validated on at least `minimumEngaged(k:)` engaged
  /// accounts, `minimumRankable(k:)` of them known before the fold), or nil when it meets it.
  /// Builds before the floor saved such fits and every ranking applied them: on the
  /// RumourEval-2019 Twitter train store a 1-fold fit validated on 1 engaged account
  /// (NDCG@50 1.0) set a 6.5-day half-life for every command.
  public var belowFloor: String? {
    let fewest = folds.map(\.engaged).min() ?? 0
    let needed = Calibrator.minimumEngaged(k: k)
    let foldText = folds.count == 1 ? "1 fold" : "\(folds.count) folds"
    if folds.count < Calibrator.minimumFolds || fewest < needed {
      return "was validated on \(foldText) with as few as \(fewest) engaged accounts, below the "
        + "\(Calibrator.minimumFolds) folds of \(needed) that clout calibrate now requires"
    }
    // Saved by builds that recorded it; older ones did not, and are judged on the rest.
    let fewestRankable = folds.compactMap(\.rankableEngaged).min()
    let neededRankable = Calibrator.minimumRankable(k: k)
    if let fewestRankable, fewestRankable < neededRankable {
      return "was validated on \(foldText) with as few as \(fewestRankable) engaged accounts "
        + "that the data before them knew, below the \(neededRankable) that clout calibrate now "
        + "requires"
    }
    return nil
  }
}
