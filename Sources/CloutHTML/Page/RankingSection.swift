/// The ranking table (rows drawn by the script from the data block; every column sorts, and
/// platform and community filter) beside the explanation panel of the selected account.
struct RankingSection: ReportSection {
  /// The table's columns: the data key the script sorts by, the heading, numeric or text.
  static func columns(parts: [String], trends: Bool) -> [(key: String, name: String, numeric: Bool)]
  {
    var columns: [(key: String, name: String, numeric: Bool)] = [
      ("rank", "rank", true), ("handle", "account", false), ("name", "name", false),
      ("platform", "platform", false), ("score", "score", true),
    ]
    for (index, part) in parts.enumerated() { columns.append(("part\(index)", part, true)) }
    columns += [
      ("depth", "reply depth", true), ("repliers", "repliers", true),
      ("community", "community", true), ("bridge", "bridge", true),
      ("followers", "followers", true),
    ]
    if trends { columns.append(("trend", "trend", false)) }
    return columns
  }

  let data: ReportData
  let id = "ranking"
  let heading = "The ranking"

  var body: String {
    typealias M = Markup
    let platforms = Set(data.accounts.map(\.platform)).sorted()
    let communities = Set(data.accounts.map(\.community)).sorted()
    var out = "<div class=\"c-filters\">"
    out += "<label for=\"c-platform\">Platform</label><select id=\"c-platform\">"
    out += "<option value=\"\">all</option>"
    for platform in platforms {
      out += "<option value=\"\(M.e(platform))\">\(M.e(platform))</option>"
    }
    out += "</select><label for=\"c-community\">Community</label><select id=\"c-community\">"
    out += "<option value=\"\">all</option>"
    for community in communities {
      out += "<option value=\"\(community)\">\(community)</option>"
    }
    out += "</select><span id=\"c-count\" role=\"status\"></span></div>"
    out += "<div class=\"c-split\"><div class=\"c-table-wrap\">"
    out += "<table id=\"c-table\" class=\"c-grid c-rank\"><caption>"
    out += "Click a column heading to sort by it (again to reverse); click a row, or press Enter"
    out += " on it, for the account's explanation. Score parts add up to the score.</caption>"
    out += "<thead><tr>"
    for column in Self.columns(parts: data.parts, trends: data.hasTrends) {
      out += "<th scope=\"col\" aria-sort=\"none\"" + (column.numeric ? " class=\"n\"" : "")
      out += "><button type=\"button\" data-key=\"\(column.key)\" data-numeric=\""
      out += column.numeric ? "1" : "0"
      out += "\">\(M.e(column.name))</button></th>"
    }
    out += "</tr></thead><tbody></tbody></table></div>"
    out += "<aside id=\"c-explain\" class=\"c-explain\" aria-live=\"polite\" tabindex=\"-1\">"
    out += "<h3>Explanation</h3>"
    out += M.paragraph(
      "Select an account (a row or a circle on the map) to see its score parts, who engages"
        + " it most and the deepest conversations it started.")
    out += "</aside></div>"
    return out
  }
}
