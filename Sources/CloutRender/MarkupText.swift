/// User text made safe for every markup output: SVG and DOT today, and any XML or HTML
/// output (GEXF, GraphML, an HTML report) should go through the same functions.
///
/// XML 1.0 allows tab, newline, return and U+0020…U+D7FF, U+E000…U+FFFD, U+10000…U+10FFFF.
/// Names from the data can hold anything else Swift strings can: the C0 and C1 controls and
/// the non-characters U+FFFE and U+FFFF (with them `clout map` wrote SVG no XML parser reads,
/// DOT that `dot` rejects, and libgvc's in-process render silently dropped the caption). Each
/// such scalar becomes a space, as do U+FDD0…U+FDEF and the U+xFFFE / U+xFFFF of the other
/// planes (non-characters, "not for interchange"), tab, newline and return (a line break in a
/// label or an attribute would be a layout change the data asked for), and U+2028 / U+2029.
public enum MarkupText {
  /// True for a scalar that is replaced by a space in markup.
  public static func isReplaced(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 || (value >= 0x7F && value < 0xA0) { return true }
    if value == 0x2028 || value == 0x2029 { return true }
    if value >= 0xFDD0 && value <= 0xFDEF { return true }
    return value & 0xFFFE == 0xFFFE
  }

  /// `text` with every replaced scalar (see `isReplaced`) as a space.
  public static func cleaned(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isReplaced) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { out.append(isReplaced(scalar) ? " " : scalar) }
    return String(out)
  }

  /// Text for XML content or a double- or single-quoted attribute: `& < > " '` as entities,
  /// replaced scalars as spaces; `\` doubled when `doublingBackslashes` (Graphviz's HTML-like
  /// labels, see `MapDOT.html`).
  public static func xml(_ text: String, doublingBackslashes: Bool = false) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\\" where doublingBackslashes: out += "\\\\"
      case _ where isReplaced(scalar): out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// At most `limit` Unicode scalars of `text`, cut at a character boundary where one exists,
  /// with `…` appended when anything was cut. Counted in scalars, not characters: one
  /// character can hold a million combining marks.
  public static func truncated(_ text: String, to limit: Int) -> String {
    guard text.unicodeScalars.count > limit else { return text }
    let room = Swift.max(0, limit - 1)
    var out = ""
    var used = 0
    for character in text {
      let size = character.unicodeScalars.count
      if used + size > room { break }
      out.append(character)
      used += size
    }
    if out.isEmpty {
      out = String(String.UnicodeScalarView(text.unicodeScalars.prefix(room)))
    }
    return out + "…"
  }
}
