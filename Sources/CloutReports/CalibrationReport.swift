import CloutCore
import CloutRender

/// The text `clout calibrate` prints: the window fitted on, the choice, every candidate
/// half-life and each fold's metrics next to the baselines ("*" marks the fold's best NDCG).
public enum CalibrationReport {
  public static func table(_ calibration: Calibration) -> String {
    let f = DecimalText.fixed
    let halfLife = { (value: Double?) in value.map(TimeScale.text) ?? "none" }
    let window =
      "\(TimeText.iso8601(calibration.dataFrom)) to \(TimeText.iso8601(calibration.dataTo)) "
      + "(\(NumberFormatting.grouped(calibration.interactions)) interactions"
      + (calibration.platform.map { ", \($0)" } ?? "") + ")"
    let kept =
      calibration.keptDefault
      ? "the uncalibrated default (the fitted score's worst origin did not rank better than "
        + "the default's), "
      : ""
    let activity = calibration.activity.map { ", activity half-life \(halfLife($0.halfLife))" }
    var text =
      "calibrated on \(window), horizon \(TimeScale.text(Double(calibration.horizon))), "
      + "\(NumberFormatting.count(calibration.folds.count, "fold")), k \(calibration.k)\n"
      + "chosen: \(kept)half-life \(halfLife(calibration.halfLife))\(activity ?? ""), weights "
      + "\(calibration.weights.text)\n"
    var candidates = TableWriter(
      header: [
        "half-life", "activity half-life", "mean ndcg@\(calibration.k)",
        "worst ndcg@\(calibration.k)", "best weights",
      ])
    for candidate in calibration.candidates {
      candidates.appendRow([
        .text(halfLife(candidate.halfLife)),
        .text(candidate.activity.map { halfLife($0.halfLife) } ?? halfLife(candidate.halfLife)),
        .decimal(candidate.meanNDCG, places: 4),
        candidate.worstNDCG.map { .decimal($0, places: 4) } ?? .text("-"),
        .text(candidate.weights?.weighingText ?? "-"),
      ])
    }
    text +=
      "\ncandidates with their best weights (the parts that weigh), scored at every origin\n"
      + "(half-lives shown for the horizon above; each origin tried the same fractions of its\n"
      + "own horizon):\n"
      + candidates.text
    if let tied = calibration.originsTyingEveryCandidate, tied > 0 {
      text +=
        "\(NumberFormatting.count(tied, "origin")) scored the same for every candidate (none "
        + "ranked an engaged account in its top \(calibration.k)) and "
        + (tied == 1 ? "does" : "do") + " not count in the mean and worst\n"
    }
    for (index, fold) in calibration.folds.enumerated() {
      text +=
        "\nfold \(index + 1): validate \(TimeText.iso8601(fold.origin)) to "
        + "\(TimeText.iso8601(fold.end)), \(NumberFormatting.grouped(fold.trainingInteractions)) "
        + "interactions before, \(NumberFormatting.grouped(fold.engaged)) accounts engaged"
        + (fold.rankableEngaged.map {
          " (\(NumberFormatting.grouped(fold.engaged - $0)) of them newcomers)"
        } ?? "") + "\n"
      let best = fold.metrics.map(\.ndcg).max() ?? 0
      var table = TableWriter(
        header: [
          "method", "ndcg@\(calibration.k)", "precision@\(calibration.k)", "spearman",
        ])
      for metric in fold.metrics {
        table.appendRow([
          .text(metric.name), .text(f(metric.ndcg, 4) + (metric.ndcg == best ? "*" : " ")),
          .text(f(metric.precision, 4)), .text(f(metric.spearman, 4)),
        ])
      }
      text += table.text
    }
    if !calibration.folds.isEmpty {
      text += "* best ndcg@\(calibration.k) of the fold\n"
    }
    return text + "\nsaved in the store; rank, explain, shortlist, communities and map use it\n"
  }
}
