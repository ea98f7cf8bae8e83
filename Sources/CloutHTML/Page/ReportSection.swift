/// One section of the report page: an anchor in the page's table of contents and a block of
/// markup. The page is a list of these, so a new view (a campaign, a topic) is one more
/// conforming type appended to `HTMLReport.sections`, with no change to the others.
///
/// `body` must interpolate data only through `HTMLEscape` (see there).
public protocol ReportSection {
  /// The element id and the anchor the table of contents links to: fixed ASCII, never data.
  var id: String { get }
  /// The heading, plain text (escaped by the page).
  var heading: String { get }
  /// The section's markup, below its heading.
  var body: String { get }
}

/// Small builders for the sections' markup, every text argument escaped.
enum Markup {
  static func e(_ text: String) -> String { HTMLEscape.text(text) }

  static func element(_ name: String, _ attributes: String = "", text: String) -> String {
    "<\(name)\(attributes.isEmpty ? "" : " " + attributes)>\(e(text))</\(name)>"
  }

  static func paragraph(_ text: String, class className: String? = nil) -> String {
    element("p", className.map { "class=\"\($0)\"" } ?? "", text: text)
  }

  /// A table of plain-text cells; `numeric` columns align right.
  static func table(
    caption: String?, header: [String], rows: [[String]], numeric: Set<Int> = [],
    class className: String = "c-grid"
  ) -> String {
    var out = "<table class=\"\(className)\">"
    if let caption { out += element("caption", text: caption) }
    out += "<thead><tr>"
    for (index, name) in header.enumerated() {
      out += element(
        "th", "scope=\"col\"" + (numeric.contains(index) ? " class=\"n\"" : ""), text: name)
    }
    out += "</tr></thead><tbody>"
    for row in rows {
      out += "<tr>"
      for (index, cell) in row.enumerated() {
        out += element("td", numeric.contains(index) ? "class=\"n\"" : "", text: cell)
      }
      out += "</tr>"
    }
    return out + "</tbody></table>"
  }

  /// A button that selects account `index` of the data (the script wires `data-account`).
  static func accountButton(_ index: Int, _ text: String) -> String {
    "<button type=\"button\" class=\"c-link\" data-account=\"\(index)\">\(e(text))</button>"
  }
}
