import CloutRender
import CloutReports

/// With `--contacted` and `--on`: what `clout campaign` prints, from the same
/// `CampaignReport` (the ten-column table, the line on how the groups were made, one sentence
/// per metric, the warnings, the balance table and the list entries skipped). Every text goes
/// through `Markup`, so handles from the lists print as text.
struct CampaignSection: ReportSection {
  let report: CampaignReport
  let id = "campaign"
  let heading = "Campaign: what outreach brought"

  var body: String {
    typealias M = Markup
    let numeric = Set(1..<CampaignReport.columns.count)
    var out = M.paragraph(
      "The contacted accounts against a comparison group of accounts that looked like them"
        + " before the outreach: effect = (contacted after − before) − (comparison after −"
        + " before), means per account, as clout campaign computes it.")
    out += M.paragraph(report.header, class: "c-note")
    out += M.table(
      caption: "Difference in differences, per metric", header: CampaignReport.columns,
      rows: report.analysis.rows.map { report.cells($0).map(\.plainText) }, numeric: numeric,
      class: "c-grid c-campaign")
    out += "<ul class=\"c-campaign-words\">"
    for sentence in report.sentences { out += M.element("li", text: sentence) }
    out += "</ul>"
    for warning in report.warnings { out += M.paragraph(warning) }
    out += M.table(
      caption: "Balance: pre-period means of both groups", header: CampaignReport.balanceColumns,
      rows: report.balanceRows.map { $0.map(\.plainText) }, numeric: [1, 2, 3],
      class: "c-grid c-campaign-balance")
    if !report.skipped.isEmpty {
      out += M.paragraph(
        "Skipped: \(report.skipped.count) list "
          + (report.skipped.count == 1 ? "entry" : "entries")
          + " with no interactions in either period (not in the store, or inactive then):")
      out += "<ul class=\"c-campaign-skipped\">"
      for entry in report.skipped { out += M.element("li", text: entry) }
      out += "</ul>"
    }
    return out
  }
}
