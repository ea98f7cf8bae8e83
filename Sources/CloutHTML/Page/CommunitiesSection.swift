import CloutCore
import CloutRender
import CloutReports
import Foundation

/// The communities as `clout communities` lists them (`CommunitiesReport`): size, total
/// score, share of weight inside, top accounts and bridges; then the community summary map
/// (`clout map --summary`) as an image.
struct CommunitiesSection: ReportSection {
  static let shownCommunities = 20
  static let topAccounts = 5

  let model: ReportModel
  /// The summary map's SVG, or nil when it could not be drawn.
  let summarySVG: String?
  let id = "communities"
  let heading = "Communities and bridges"

  var body: String {
    typealias M = Markup
    let report = CommunitiesReport(
      result: model.result, analysis: model.analysis, minSize: 2, topAccounts: Self.topAccounts)
    var position = [Int: Int]()
    for (index, node) in model.shown.enumerated() { position[node] = index }
    let colors = Dictionary(
      model.data.accounts.map { ($0.community, $0.color) }, uniquingKeysWith: { first, _ in first })
    let accounts = model.result.data.accounts
    func name(_ node: Int) -> String {
      let handle = accounts[node].name
      // Accounts on the map open their explanation; the others are plain text.
      return position[node].map { M.accountButton($0, handle) } ?? M.e(handle)
    }
    var out = M.paragraph(
      "Accounts that interact more with each other than with the rest (Leiden on the"
        + " interaction graph). A bridge's interactions spread over several communities: it"
        + " carries conversations from one group to another. The swatch is the community's"
        + " colour on the map (grey: not coloured there).")
    out += "<table class=\"c-grid c-communities\"><thead><tr>"
    for (index, name) in ["community", "size", "score", "inside", "top accounts", "bridges"]
      .enumerated()
    {
      out += M.element(
        "th", "scope=\"col\"" + ((1...3).contains(index) ? " class=\"n\"" : ""), text: name)
    }
    out += "</tr></thead><tbody>"
    for community in report.shown.prefix(Self.shownCommunities) {
      let color = colors[community.id] ?? MapStyle.otherColor
      out += "<tr><td><span class=\"c-swatch\" style=\"background:\(M.e(color))\"></span>"
      out += "\(community.id)</td>"
      out += "<td class=\"n\">\(community.size)</td>"
      out += "<td class=\"n\">\(DecimalText.fixed(community.totalScore, places: 3))</td>"
      out += "<td class=\"n\">\(DecimalText.fixed(community.internalShare * 100, places: 0))%</td>"
      out += "<td>"
      out += community.members.prefix(Self.topAccounts).map { name(Int($0)) }.joined(
        separator: ", ")
      out += "</td><td>"
      let bridges = CommunitiesReport.bridges(in: community, model.analysis)
      out += bridges.prefix(Self.topAccounts).map(name).joined(separator: ", ")
      if bridges.count > Self.topAccounts {
        out += M.e(" and \(bridges.count - Self.topAccounts) more")
      }
      out += "</td></tr>"
    }
    out += "</tbody></table>"
    out += M.paragraph(report.footer, class: "c-note")
    if report.shown.count > Self.shownCommunities {
      out += M.paragraph(
        "The \(Self.shownCommunities) communities with the highest total score are listed;"
          + " clout communities lists all.", class: "c-note")
    }
    if let summarySVG {
      // An image, not inline: its Graphviz ids and hoisted style classes would clash with the
      // main map's, and a data: URI is no network request.
      let encoded = Data(summarySVG.utf8).base64EncodedString()
      out += "<figure class=\"c-summary\"><img alt=\"Community summary map: one circle per"
      out += " community, area proportional to its total score, arrows for the interaction"
      out += " weight between communities\" src=\"data:image/svg+xml;base64,\(encoded)\">"
      out += "<figcaption>The communities at a glance (clout map --summary).</figcaption></figure>"
    }
    return out
  }
}
