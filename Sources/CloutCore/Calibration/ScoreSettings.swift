/// Where a ranking's half-life and part weights come from: explicit options first, then the
/// saved calibration, then the uncalibrated default (`TimeScale.adaptiveHalfLife`,
/// `ScoreWeights.uncalibrated`). Says which in one line each, for `-v` and `explain`.
public struct ScoreSettings: Sendable {
  public var halfLife: Double?
  /// The activity and freshness parts' half-life when it differs from `halfLife`'s role
  /// (a calibration's second time scale); nil = they follow `halfLife`.
  public var activityHalfLife: Double??
  public var weights: ScoreWeights
  /// How the settings were chosen, one line each.
  public var notes: [String]
  /// Set when the calibration is older than the data.
  public var staleWarning: String?

  /// `explicitHalfLife`: nil = not given, `.some(nil)` = `--half-life none`.
  /// `calibrationDisabled`: `--calibration none`. `date` formats a time for the notes, `count`
  /// a number of interactions. `calibrationSource` says where `calibration` came from (nil:
  /// the store's saved one).
  public init(
    calibration: Calibration?, calibrationDisabled: Bool, explicitHalfLife: Double??,
    explicitDepthWeight: Double?, explicitTypeWeights: Bool, data: EngagementData,
    asOf: Int64?, date: (Int64) -> String, count: (Int) -> String = { "\($0)" },
    calibrationSource: String? = nil
  ) {
    var notes: [String] = []
    let halfLifeText = { (value: Double?) in value.map(TimeScale.text) ?? "none" }
    if let calibration {
      halfLife = calibration.halfLife
      activityHalfLife = calibration.activity.map(\.halfLife)
      weights = calibration.weights
      let activityText =
        calibration.activity.map { ", activity half-life \(halfLifeText($0.halfLife))" } ?? ""
      notes.append(
        "score: "
          + (calibrationSource
            ?? "saved calibration (clout calibrate, Clout \(calibration.cloutVersion))")
          + " fitted on "
          + "\(date(calibration.dataFrom)) to \(date(calibration.dataTo)), "
          + "\(count(calibration.interactions)) interactions: half-life \(halfLifeText(halfLife))"
          + "\(activityText), weights \(weights.text)")
      if calibration.isStale(newestInteraction: data.newestInteraction) {
        staleWarning =
          "warning: the saved calibration ends at \(date(calibration.dataTo)) but the data runs "
          + "to \(date(data.newestInteraction ?? 0)); re-run: clout calibrate"
      }
    } else {
      let why = calibrationDisabled ? "--calibration none" : "no saved calibration"
      halfLife = TimeScale.adaptiveHalfLife(data, asOf: asOf)
      weights = .uncalibrated
      notes.append(
        "score: uncalibrated default (\(why)): weights \(weights.text)"
          + (explicitHalfLife == nil
            ? ", half-life \(halfLifeText(halfLife)) (the median age of the selected "
              + "interactions, at least 1h)" : ""))
    }
    if let explicitHalfLife {
      let source =
        calibration != nil ? "the calibration's \(halfLifeText(halfLife))" : "the default"
      let activitySource =
        activityHalfLife != nil ? " and its activity half-life" : ""
      notes.append(
        "--half-life \(halfLifeText(explicitHalfLife)) overrides \(source)\(activitySource)")
      halfLife = explicitHalfLife
      activityHalfLife = nil
    }
    if let explicitDepthWeight {
      notes.append(
        "--depth-weight \(DecimalFormat.short(explicitDepthWeight)) overrides the reply "
          + "engagement weight \(DecimalFormat.short(weights.depthWeight)); the other parts "
          + "share the rest in proportion")
      weights = weights.withDepthWeight(explicitDepthWeight)
    }
    if explicitTypeWeights, calibration != nil {
      notes.append(
        "--weights overrides the default type weights the calibration was fitted with")
    }
    self.notes = notes
  }
}

extension InfluenceRanking {
  /// One line per part that had weight but was 0 for every account, saying where its weight
  /// went.
  public var droppedPartNotes: [String] {
    scoring.droppedParts.map { part in
      let why =
        part == .engagement
        ? " (no reply trees in the selected data, e.g. edges without post ids)" : ""
      return "note: \(part.label) is 0 for every account\(why); its weight "
        + "\(DecimalFormat.short(parameters.scoreWeights[part])) went to the other parts"
    }
  }
}
