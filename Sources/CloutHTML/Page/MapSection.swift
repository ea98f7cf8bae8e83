import CloutRender
import Foundation

/// The ecosystem map: the SVG libgvc laid out (`MapDOT.render`, as `clout map` draws it),
/// inline so the script can zoom, pan and highlight it, with its toolbar and tooltip.
struct MapSection: ReportSection {
  /// The map as `clout map --out map.svg` writes it.
  let svg: String
  let accountCount: Int
  let id = "map"
  let heading = "The ecosystem map"

  var body: String {
    var out = "<div class=\"c-toolbar\" role=\"toolbar\" aria-label=\"Map controls\">"
    out += "<label for=\"c-search\">Find an account</label>"
    out += "<input id=\"c-search\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\""
    out += " placeholder=\"handle or name\" aria-describedby=\"c-search-result\">"
    out += "<span id=\"c-search-result\" role=\"status\" aria-live=\"polite\"></span>"
    out += "<button type=\"button\" id=\"c-zoom-in\" aria-label=\"Zoom in\">+</button>"
    out += "<button type=\"button\" id=\"c-zoom-out\" aria-label=\"Zoom out\">−</button>"
    out += "<button type=\"button\" id=\"c-zoom-reset\">Fit</button>"
    out += "</div>"
    out += "<p class=\"c-help\">Scroll to zoom, drag to pan; with the map focused, + and −"
    out += " zoom, the arrow keys pan and 0 fits it. Tab moves through the accounts, best first;"
    out += " Enter or a click selects one, highlights its neighbours and opens its explanation."
    out += " Esc clears the selection.</p>"
    out += "<div id=\"c-map\" class=\"c-map\" tabindex=\"0\" role=\"group\""
    out += " aria-label=\"Ecosystem map of \(accountCount) accounts\">"
    out += Self.inline(svg)
    out += "<div id=\"c-tip\" class=\"c-tip\" role=\"tooltip\" hidden></div></div>"
    return out
  }

  /// A map laid out for the page (this section's, and the communities section's summary map):
  /// without the title and caption it draws above itself in `clout map`, which the page
  /// already prints (the section heading or figure caption, and the summary's data list);
  /// drawn inside the map too, the page showed its title twice. The colour key and legend
  /// stay: they explain the map.
  static func svg(of map: MapDOT, layout: String) throws -> String {
    var shown = map
    shown.title = ""
    shown.caption = []
    return SVGStyles.hoist(
      String(decoding: try shown.render(layout: layout, format: "svg"), as: UTF8.self))
  }

  /// The SVG ready to sit inside HTML: no XML prolog, doctype or comments, no namespace
  /// declarations (the HTML parser puts `<svg>` in the SVG namespace itself, and the page must
  /// name no `http:` address), and no fixed size (the stylesheet sizes it).
  static func inline(_ svg: String) -> String {
    guard let start = svg.range(of: "<svg") else { return "" }
    var body = String(svg[start.lowerBound...])
    while let open = body.range(of: "<!--"),
      let close = body.range(of: "-->", range: open.upperBound..<body.endIndex)
    {
      body.removeSubrange(open.lowerBound..<close.upperBound)
    }
    guard let tagEnd = body.firstIndex(of: ">") else { return "" }
    let tag = String(body[..<tagEnd])
    var kept: [Substring] = []
    // Attributes of Graphviz's <svg> tag: name="value" pairs without quotes inside values.
    for attribute in tag.dropFirst(4).split(separator: "\"", omittingEmptySubsequences: false)
      .chunked()
    {
      let name = attribute.name.trimmingCharacters(in: .whitespacesAndNewlines)
      if ["width=", "height=", "xmlns=", "xmlns:xlink="].contains(name) { continue }
      if name.isEmpty { continue }
      kept.append(Substring(name + "\"" + attribute.value + "\""))
    }
    return "<svg id=\"c-svg\" " + kept.joined(separator: " ") + String(body[tagEnd...])
  }
}

extension Array where Element == Substring {
  /// `a="1" b="2"` split at `"` gives `a=`, `1`, ` b=`, `2`, ``: pairs of (name, value).
  fileprivate func chunked() -> [(name: String, value: String)] {
    stride(from: 0, to: count - 1, by: 2).map { (String(self[$0]), String(self[$0 + 1])) }
  }
}
