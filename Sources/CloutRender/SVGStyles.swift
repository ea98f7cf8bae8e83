/// Makes Graphviz's SVG light: Graphviz writes every presentation attribute (fill, stroke,
/// font) on every element, so a 150-node map repeats the same few style sets hundreds of
/// times. `hoist` moves each distinct set into one CSS class in a `<style>` block at the top,
/// drops the per-element `<title>`s and comments that only repeat internal node ids (the
/// hover text is the `xlink:title` tooltip), and gives text an emoji-capable font fallback.
///
/// Only tags of drawing elements are rewritten; text content (user data, already escaped by
/// Graphviz) is copied byte for byte. The output is deterministic: classes are numbered in
/// order of first use.
public enum SVGStyles {
  /// Attributes moved into classes. `stroke-width` stays on the element: on edges it carries
  /// the data (the interaction weight), so its values rarely repeat.
  static let shared: Set<String> = [
    "fill", "fill-opacity", "stroke", "stroke-opacity", "font-family", "font-weight",
    "font-style", "font-size", "text-anchor",
  ]
  static let drawingTags: Set<String> = ["path", "polygon", "polyline", "ellipse", "text"]

  /// Fonts tried after the map's own for characters it lacks (emoji, mostly).
  static let fallbackFonts =
    "\"Noto Color Emoji\", \"Apple Color Emoji\", \"Segoe UI Emoji\", sans-serif"

  public static func hoist(_ svg: String) -> String {
    let bytes = Array(svg.utf8)
    var body: [UInt8] = []
    body.reserveCapacity(bytes.count)
    var classOf: [String: Int] = [:]
    var rules: [String] = []
    var styleInsertAt: Int?
    // The first font family seen becomes the default for all text, so classes need not
    // repeat it.
    var baseFont: String?
    var index = 0
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: "<") else {
        body.append(bytes[index])
        index += 1
        continue
      }
      // Comments: dropped (Graphviz repeats node and edge ids in them).
      if startsWith(bytes, at: index, "<!--") {
        guard let end = find(bytes, "-->", from: index + 4) else { break }
        index = end + 3
        if index < bytes.count, bytes[index] == 10 { index += 1 }
        continue
      }
      guard let close = find(bytes, ">", from: index) else {
        body.append(contentsOf: bytes[index...])
        break
      }
      let tag = bytes[index...close]
      let name = tagName(tag)
      if name == "title", styleInsertAt != nil,
        let end = find(bytes, "</title>", from: close)
      {
        // Per-element titles name internal ids (n1, n1->n2); the graph's own stays.
        let inner = String(decoding: bytes[(close + 1)..<end], as: UTF8.self)
        if inner.hasPrefix("n") && inner != "clout" {
          index = end + 8
          if index < bytes.count, bytes[index] == 10 { index += 1 }
          continue
        }
      }
      if drawingTags.contains(name) {
        let (kept, styles) = splitAttributes(tag)
        if styles.isEmpty {
          body.append(contentsOf: tag)
        } else {
          if baseFont == nil, let family = styles.first(where: { $0.0 == "font-family" }) {
            baseFont = family.1
          }
          let key = styles.filter { $0.0 != "font-family" || $0.1 != baseFont }
            .map { "\($0.0):\(cssValue($0.0, $0.1))" }.joined(separator: ";")
          let number: Int
          if let known = classOf[key] {
            number = known
          } else {
            number = rules.count + 1
            classOf[key] = number
            rules.append(".s\(number){\(key)}")
          }
          body.append(contentsOf: Array("<\(name) class=\"s\(number)\"".utf8))
          body.append(contentsOf: kept)
        }
      } else {
        body.append(contentsOf: tag)
        if name == "svg" && styleInsertAt == nil { styleInsertAt = body.count }
      }
      index = close + 1
    }
    guard let insertAt = styleInsertAt, !rules.isEmpty else {
      return String(decoding: body, as: UTF8.self)
    }
    if let baseFont {
      rules.insert("text{font-family:\(cssValue("font-family", baseFont))}", at: 0)
    }
    let style = "\n<style type=\"text/css\">\n" + rules.joined(separator: "\n") + "\n</style>"
    body.insert(contentsOf: Array(style.utf8), at: insertAt)
    return String(decoding: body, as: UTF8.self)
  }

  static func cssValue(_ name: String, _ value: String) -> String {
    switch name {
    case "font-size": return value + "px"
    case "font-family":
      let families = value.split(separator: ",").map {
        let trimmed = $0.trimmingPrefix(while: { $0 == " " })
        return trimmed.contains(" ") ? "\"\(trimmed)\"" : String(trimmed)
      }
      return families.joined(separator: ", ") + ", " + fallbackFonts
    default: return value
    }
  }

  /// The tag's name (`path` in `<path d="…"/>`).
  static func tagName(_ tag: ArraySlice<UInt8>) -> String {
    var name: [UInt8] = []
    for byte in tag.dropFirst() {
      if byte == 32 || byte == 10 || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") {
        break
      }
      name.append(byte)
    }
    return String(decoding: name, as: UTF8.self)
  }

  /// Splits a tag into the text of its non-style attributes and the end (`/>` or `>`), and its
  /// style attributes in the order written.
  static func splitAttributes(_ tag: ArraySlice<UInt8>) -> (
    kept: [UInt8], styles: [(String, String)]
  ) {
    var kept: [UInt8] = []
    var styles: [(String, String)] = []
    var i = tag.startIndex + 1
    while i < tag.endIndex, tag[i] != 32, tag[i] != 10, tag[i] != UInt8(ascii: ">"),
      tag[i] != UInt8(ascii: "/")
    {
      i += 1
    }
    while i < tag.endIndex {
      let byte = tag[i]
      if byte == 32 || byte == 10 {
        i += 1
        continue
      }
      if byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") {
        kept.append(contentsOf: tag[i...])
        break
      }
      // name="value"
      var nameEnd = i
      while nameEnd < tag.endIndex, tag[nameEnd] != UInt8(ascii: "=") { nameEnd += 1 }
      let valueStart = nameEnd + 2
      var valueEnd = valueStart
      while valueEnd < tag.endIndex, tag[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
      guard nameEnd < tag.endIndex, valueEnd < tag.endIndex else {
        kept.append(contentsOf: tag[i...])
        break
      }
      let name = String(decoding: tag[i..<nameEnd], as: UTF8.self)
      if shared.contains(name) {
        styles.append((name, String(decoding: tag[valueStart..<valueEnd], as: UTF8.self)))
      } else {
        kept.append(32)
        kept.append(contentsOf: tag[i...valueEnd])
      }
      i = valueEnd + 1
    }
    return (kept, styles)
  }

  static func startsWith(_ bytes: [UInt8], at index: Int, _ prefix: String) -> Bool {
    let pattern = Array(prefix.utf8)
    guard index + pattern.count <= bytes.count else { return false }
    return bytes[index..<(index + pattern.count)].elementsEqual(pattern)
  }

  static func find(_ bytes: [UInt8], _ needle: String, from start: Int) -> Int? {
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, start <= bytes.count - pattern.count else { return nil }
    var i = start
    let last = bytes.count - pattern.count
    while i <= last {
      if bytes[i] == pattern[0] && bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
        return i
      }
      i += 1
    }
    return nil
  }
}
