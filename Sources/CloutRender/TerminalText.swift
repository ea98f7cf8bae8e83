/// Text from the data made safe to print on a terminal: strangers' posts can hold escape
/// sequences (which a terminal obeys), bidirectional overrides (which reorder what follows)
/// and line breaks (which break a table).
public enum TerminalText {
  /// White space and line breaks become one space, other control and bidi-override
  /// characters are dropped, and the result is cut to `limit` characters with "…".
  public static func line(_ text: String, limit: Int = 80) -> String {
    var scalars = String.UnicodeScalarView()
    var lastWasSpace = true
    for scalar in text.unicodeScalars {
      if scalar.properties.isWhitespace {
        if !lastWasSpace { scalars.append(" ") }
        lastWasSpace = true
        continue
      }
      let value = scalar.value
      let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
      let isBidi =
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        || value == 0x200E || value == 0x200F || value == 0x061C
      if isControl || isBidi { continue }
      scalars.append(scalar)
      lastWasSpace = false
    }
    var result = String(scalars)
    while result.last == " " { result.removeLast() }
    return result.count > limit ? String(result.prefix(limit - 1)) + "…" : result
  }
}
