import CloutRender

/// The only ways text from the data enters the report page.
///
/// Display names, handles and post texts come from strangers: `<img src=x onerror=…>` or
/// `</script><script>…` must print as themselves. Markup built by the report never
/// interpolates data except through `text` (element content and quoted attribute values) or
/// `scriptJSON` (the data block the script reads); URLs only through `httpsURL`.
public enum HTMLEscape {
  /// Element content or a double-quoted attribute value: `& < > " '` become entities, and
  /// control characters and XML non-characters become spaces (as in the map's labels).
  public static func text(_ value: String) -> String {
    MarkupText.xml(value)
  }

  /// JSON text made safe inside `<script type="application/json">`: `<`, `>` and `&` as
  /// `\u003c`-style escapes, so no `</script>` or `<!--` can end or change the block, and
  /// U+2028/U+2029 escaped for any reader that treats the JSON as script. These characters
  /// only occur inside JSON strings, where the escapes decode to the same text.
  public static func scriptJSON(_ json: String) -> String {
    var out = ""
    out.reserveCapacity(json.utf8.count)
    for scalar in json.unicodeScalars {
      switch scalar {
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `url` when it is an `https:` address without characters that could leave an attribute
  /// or smuggle a second scheme; nil otherwise. The report links only to addresses Clout
  /// built (`ProfileURL`, `PostURL`), and this check holds even if a handle was hostile.
  public static func httpsURL(_ url: String?) -> String? {
    guard let url, url.hasPrefix("https://"), url.count > 8 else { return nil }
    for scalar in url.unicodeScalars {
      if scalar.value <= 0x20 || scalar.value == 0x7F { return nil }
      if "\"'<>`\\".unicodeScalars.contains(scalar) { return nil }
    }
    return url
  }
}
