import CloutCore
import CloutRender
import CloutReports

/// What the data is (the map's caption: platforms, window, counts, how edges were built), the
/// store's counts per platform, the score and where its settings came from, the calibration
/// with its validation figures, and the command that made the page.
struct SummarySection: ReportSection {
  let model: ReportModel
  let id = "summary"
  let heading = "The data and how it was ranked"

  var body: String {
    typealias M = Markup
    let result = model.result
    var out = "<div class=\"c-cols\"><div>"
    out += "<h3>Data</h3><ul class=\"c-facts\">"
    for line in model.map.caption { out += M.element("li", text: line) }
    out += "</ul>"
    if let stats = model.context.stats, !stats.platforms.isEmpty {
      let header =
        ["platform", "posts", "accounts"] + StatsReport.typeColumns.map(\.rawValue)
        + ["self", "pending", "from", "to"]
      out += M.table(
        caption: "The store per platform (clout stats)", header: header,
        rows: stats.platforms.map { StatsReport.cells($0).map(\.plainText) },
        numeric: Set(1..<(header.count - 2)))
    }
    out += "</div><div>"
    out += "<h3>Score</h3>"
    out += M.paragraph(ScoreDefinition.summary)
    let weights = result.scoring.effectiveWeights
    out += "<ul class=\"c-facts\">"
    // Every part, each with its weight here: a calibration often leaves some out.
    for part in ScorePart.allCases {
      let weight =
        weights[part] > 0
        ? "weight \(weights.text(of: part))" : "weight 0, not in this ranking"
      out += M.element("li", text: "\(part.label) (\(weight)): \(part.meaning).")
    }
    out += "</ul>"
    let halfLife = result.parameters.weighting.halfLife.map(TimeScale.text) ?? "none"
    out += M.paragraph(
      "Weights used: \(weights.weighingLabels); half-life \(halfLife)"
        + (result.parameters.activityHalfLife.map {
          ", activity half-life " + ($0.map(TimeScale.text) ?? "none")
        } ?? "") + "; PageRank damping "
        + "\(DecimalText.fixed(result.parameters.damping, places: 2)), "
        + "\(result.pagerank.iterations) iterations"
        + (result.pagerank.converged ? " (converged)." : " (stopped before converging)."))
    for note in result.parameters.notes + result.droppedPartNotes {
      out += M.paragraph(note, class: "c-note")
    }
    out += calibration
    out += "<h3>Options</h3>"
    out += "<p><code>\(M.e(model.context.commandLine))</code></p>"
    return out + "</div></div>"
  }

  private var calibration: String {
    typealias M = Markup
    guard let calibration = model.context.calibration else {
      return "<h3>Calibration</h3>"
        + M.paragraph(
          "No saved calibration was used: the score has the uncalibrated default weights "
            + "(clout calibrate fits them on the store's history).")
    }
    let f = { (value: Double) in DecimalText.fixed(value, places: 3) }
    var out = "<h3>Calibration</h3>"
    out += M.paragraph(
      "Fitted on \(TimeText.date(calibration.dataFrom)) to \(TimeText.date(calibration.dataTo))"
        + " (\(NumberFormatting.grouped(calibration.interactions)) interactions), "
        + "horizon \(TimeScale.text(Double(calibration.horizon))), "
        + NumberFormatting.count(calibration.folds.count, "fold") + "; chosen: "
        + (calibration.keptDefault ? "the uncalibrated default, " : "")
        + "half-life \(calibration.halfLife.map(TimeScale.text) ?? "none")"
        + (calibration.activity.map {
          ", activity half-life " + ($0.halfLife.map(TimeScale.text) ?? "none")
        } ?? "") + ", weights " + calibration.weights.weighingLabels + ".")
    var rows: [[String]] = []
    for (index, fold) in calibration.folds.enumerated() {
      for metric in fold.metrics {
        rows.append([
          "\(index + 1)", metric.name, f(metric.ndcg), f(metric.precision), f(metric.spearman),
        ])
      }
    }
    out += M.table(
      caption: "Validation: how well each method predicted who was engaged next",
      header: [
        "fold", "method", "ndcg@\(calibration.k)", "precision@\(calibration.k)", "spearman",
      ], rows: rows, numeric: [0, 2, 3, 4])
    out += "<details><summary>The whole calibration report</summary><pre>"
    out += M.e(CalibrationReport.table(calibration)) + "</pre></details>"
    return out
  }
}
