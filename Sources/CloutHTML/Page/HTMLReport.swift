import CloutCore
import CloutRender
import CloutReports

/// The report page: a list of sections, the data block and the inline stylesheet and script.
/// Nothing on the page names a network address except the profile and post links the script
/// builds from the data (`https:` only); the Content-Security-Policy forbids every fetch.
public struct HTMLReport {
  public let model: ReportModel
  public var sections: [any ReportSection]

  /// Lays the map out with libgvc (and the community summary map) and lists the sections:
  /// summary, map, ranking, communities, then trends with `--compare` and the campaign with
  /// `--contacted` (`campaign`: the report `clout campaign` prints, nil for none).
  public init(model: ReportModel, campaign: CampaignReport? = nil) throws {
    self.model = model
    let svg = try MapSection.svg(of: model.map, layout: model.layout)
    let summary = MapModel.summary(
      result: model.result, analysis: model.analysis, top: 12, layout: model.layout,
      title: "The communities at a glance", storePath: model.context.storePath,
      graphvizVersion: model.context.graphvizVersion)
    let summarySVG =
      summary.nodes.count > 1 ? try MapSection.svg(of: summary, layout: model.layout) : nil
    sections = [
      SummarySection(model: model),
      MapSection(svg: svg, accountCount: model.shown.count),
      RankingSection(data: model.data),
      CommunitiesSection(model: model, summarySVG: summarySVG),
    ]
    if model.data.hasTrends {
      sections.append(
        TrendsSection(data: model.data, window: model.context.compareWindow ?? "the earlier period")
      )
    }
    if let campaign { sections.append(CampaignSection(report: campaign)) }
  }

  /// The whole page.
  public func html() throws -> String {
    typealias M = Markup
    let json = HTMLEscape.scriptJSON(try JSONDocumentEncoder.encode(model.data))
    var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
    out += " script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n"
    out += "<meta name=\"generator\" content=\"Clout \(CloutCore.version)\">\n"
    out += M.element("title", text: model.title) + "\n"
    out += "<style>\n" + Self.stylesheet + "</style>\n</head>\n<body>\n"
    out += "<a class=\"c-skip\" href=\"#ranking\">Skip to the ranking table</a>\n"
    out += "<header class=\"c-header\">" + M.element("h1", text: model.title)
    out += "<nav aria-label=\"Sections\"><ul>"
    for section in sections {
      out += "<li><a href=\"#\(section.id)\">\(M.e(section.heading))</a></li>"
    }
    out += "</ul></nav></header>\n<main>\n"
    for section in sections {
      out += "<section id=\"\(section.id)\" aria-labelledby=\"\(section.id)-h\">"
      out += "<h2 id=\"\(section.id)-h\">\(M.e(section.heading))</h2>\n"
      out += section.body + "\n</section>\n"
    }
    out += "</main>\n<footer class=\"c-footer\">"
    out += M.paragraph(
      "Made by Clout \(CloutCore.version) from \(MapModel.fileName(model.context.storePath))."
        + " One file: no network access; links open the accounts' and posts' public pages.")
    out += "<pre id=\"c-selftest\" hidden></pre></footer>\n"
    out += "<script type=\"application/json\" id=\"c-data\">\n" + json + "</script>\n"
    out += "<script>\n" + Self.script + "</script>\n</body>\n</html>\n"
    return out
  }

  static let stylesheet = String(decoding: PackageResources.report_css, as: UTF8.self)
  static let script = String(decoding: PackageResources.report_js, as: UTF8.self)
}
