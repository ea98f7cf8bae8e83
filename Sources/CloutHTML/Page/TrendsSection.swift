import CloutRender

/// With `--compare`: which shown accounts rose, fell or are new since the earlier period
/// (`RankTrend`, as `rank --compare` labels them), each with a small bar of its move. The
/// label says the move in words, so the bar's colour carries nothing alone.
struct TrendsSection: ReportSection {
  static let perList = 10

  let data: ReportData
  let window: String
  let id = "trends"
  let heading = "Trends"

  var body: String {
    typealias M = Markup
    let indexed = data.accounts.enumerated().filter { $0.element.trend != nil }
    func change(_ account: ReportData.Account) -> Int {
      account.previousRank.map { $0 - account.rank } ?? 0
    }
    let rose = indexed.filter { change($0.element) > 0 }
      .sorted {
        change($0.element) != change($1.element)
          ? change($0.element) > change($1.element) : $0.offset < $1.offset
      }
    let fell = indexed.filter { $0.element.previousRank != nil && change($0.element) < 0 }
      .sorted {
        change($0.element) != change($1.element)
          ? change($0.element) < change($1.element) : $0.offset < $1.offset
      }
    let new = indexed.filter { $0.element.previousRank == nil }
    let largest = (rose + fell).map { abs(change($0.element)) }.max() ?? 1
    var out = M.paragraph(
      "How the accounts on the map moved against the ranking of \(window) (same options):"
        + " rank then, rank now. Among the top \(data.accounts.count): \(rose.count) rose,"
        + " \(fell.count) fell, \(new.count) are new.")
    out += "<div class=\"c-cols3\">"
    for (title, list) in [("Rose most", rose), ("Fell most", fell), ("New", new)] {
      out += "<div><h3>\(M.e(title))</h3>"
      guard !list.isEmpty else {
        out += M.paragraph("None.", class: "c-note") + "</div>"
        continue
      }
      out += "<ol class=\"c-trends\">"
      for (index, account) in list.prefix(Self.perList) {
        let move =
          account.previousRank.map { "rank \($0) → \(account.rank)" }
          ?? "at rank \(account.rank)"
        out += "<li>" + M.accountButton(index, account.handle)
        out += " <span class=\"c-move\">\(M.e((account.trend ?? "") + ", " + move))</span>"
        out += Self.bar(
          change: change(account), largest: largest, isNew: account.previousRank == nil)
        out += "</li>"
      }
      out += "</ol></div>"
    }
    return out + "</div>"
  }

  /// A 120×12 bar from the middle: right (dark blue) for a rise, left (orange) for a fall,
  /// a full outline for a new account; its length is the move against the largest one.
  static func bar(change: Int, largest: Int, isNew: Bool) -> String {
    let width = 120.0
    let middle = width / 2
    var shapes = "<line x1=\"60\" y1=\"0\" x2=\"60\" y2=\"12\" stroke=\"#555\" stroke-width=\"1\"/>"
    if isNew {
      shapes =
        "<rect x=\"0.5\" y=\"2.5\" width=\"119\" height=\"7\" fill=\"none\" stroke=\"#0072b2\"/>"
    } else if change != 0 {
      let length = middle * Double(abs(change)) / Double(max(1, largest))
      let x = change > 0 ? middle : middle - length
      let color = change > 0 ? "#0072b2" : "#d55e00"
      shapes +=
        "<rect x=\"\(DecimalText.fixed(x, places: 1))\" y=\"2\" width=\""
        + "\(DecimalText.fixed(max(1, length), places: 1))\" height=\"8\" fill=\"\(color)\"/>"
    }
    return "<svg class=\"c-bar\" width=\"120\" height=\"12\" viewBox=\"0 0 120 12\""
      + " aria-hidden=\"true\" focusable=\"false\">\(shapes)</svg>"
  }
}
