/// Plain text from the small HTML that Mastodon `content` and Hacker News `text` carry:
/// tags are dropped, `<br>` and paragraph starts become line feeds, and the entities these
/// platforms emit are decoded (`&amp; &lt; &gt; &quot; &apos; &#39; &nbsp;`, decimal `&#NNN;`
/// and hex `&#xHH;`). Unknown entities stay as written. Not a general HTML parser: scripts,
/// comments and CDATA are not special (neither platform sends them in post text).
enum HTMLText {
  static func plainText(_ html: String) -> String {
    // Most Hacker News titles and many statuses have no markup at all.
    guard html.utf8.contains(where: { $0 == lessThan || $0 == ampersand }) else { return html }
    var output: [UInt8] = []
    output.reserveCapacity(html.utf8.count)
    let bytes = Array(html.utf8)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == lessThan, let end = tagEnd(bytes, from: index) {
        let name = tagName(bytes, from: index + 1, to: end)
        if name == "br" || (name == "p" && !output.isEmpty && output.last != lineFeed) {
          output.append(lineFeed)
        }
        index = end + 1
      } else if byte == ampersand, let (decoded, length) = entity(bytes, at: index) {
        output.append(contentsOf: decoded)
        index += length
      } else {
        output.append(byte)
        index += 1
      }
    }
    while output.last == lineFeed { output.removeLast() }
    return String(decoding: output, as: UTF8.self)
  }

  private static let lessThan = UInt8(ascii: "<")
  private static let greaterThan = UInt8(ascii: ">")
  private static let ampersand = UInt8(ascii: "&")
  private static let lineFeed = UInt8(ascii: "\n")

  /// The index of the `>` closing the tag opened at `start`, or nil when `<` does not open a
  /// tag (`a < b` stays text).
  private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int? {
    guard start + 1 < bytes.count else { return nil }
    let next = bytes[start + 1]
    let opensTag =
      (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z"))
      || (next >= UInt8(ascii: "A") && next <= UInt8(ascii: "Z")) || next == UInt8(ascii: "/")
      || next == UInt8(ascii: "!")
    guard opensTag else { return nil }
    var quote: UInt8?
    var index = start + 1
    while index < bytes.count {
      let byte = bytes[index]
      if let open = quote {
        if byte == open { quote = nil }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if byte == greaterThan {
        return index
      }
      index += 1
    }
    return nil
  }

  /// The lowercased element name of a tag (`/p` for a closing tag is returned as `/p`).
  private static func tagName(_ bytes: [UInt8], from start: Int, to end: Int) -> String {
    var index = start
    var name: [UInt8] = []
    while index < end {
      var byte = bytes[index]
      let isLetter =
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
      guard isLetter || (index == start && byte == UInt8(ascii: "/")) else { break }
      if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
      name.append(byte)
      index += 1
    }
    return String(decoding: name, as: UTF8.self)
  }

  private static let named: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
  ]

  /// The UTF-8 of the entity starting at `start` and its length in bytes, or nil when the `&`
  /// starts no known entity.
  private static func entity(_ bytes: [UInt8], at start: Int) -> ([UInt8], Int)? {
    // The longest entity handled is `&#x10FFFF;` (10 bytes).
    let limit = min(bytes.count, start + 12)
    guard let semicolon = bytes[start..<limit].firstIndex(of: UInt8(ascii: ";")),
      semicolon > start + 1
    else { return nil }
    let body = String(decoding: bytes[(start + 1)..<semicolon], as: UTF8.self)
    let length = semicolon - start + 1
    if body.hasPrefix("#") {
      let digits = body.dropFirst()
      let value: UInt32?
      if digits.first == "x" || digits.first == "X" {
        value = UInt32(digits.dropFirst(), radix: 16)
      } else {
        value = UInt32(digits, radix: 10)
      }
      guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
      return (Array(String(Character(scalar)).utf8), length)
    }
    guard let text = named[body] else { return nil }
    return (Array(text.utf8), length)
  }
}
