import CloutCore

/// Mentions written in a post's text, for inputs that carry no list of them: `@name` (letters,
/// digits, `_`) at the start of a word, and Mastodon's `@name@instance.domain`. An `@` inside a
/// word (`bob@example.com`) is an e-mail address, not a mention.
enum TextMentions {
  static func handles(in text: String) -> [AccountRef] {
    let bytes = Array(text.utf8)
    var found: [AccountRef] = []
    var seen = AccountRefIndex()
    var index = 0
    while index < bytes.count {
      defer { index += 1 }
      guard bytes[index] == at else { continue }
      if index > 0 && (isNameByte(bytes[index - 1]) || bytes[index - 1] == at) { continue }
      var end = index + 1
      while end < bytes.count && isNameByte(bytes[end]) { end += 1 }
      guard end > index + 1 else { continue }
      var handleEnd = end
      // `@name@instance.social`: the instance is part of the handle.
      if end < bytes.count && bytes[end] == at {
        var domainEnd = end + 1
        while domainEnd < bytes.count && isDomainByte(bytes[domainEnd]) { domainEnd += 1 }
        while domainEnd > end + 1 && bytes[domainEnd - 1] == dot { domainEnd -= 1 }
        if bytes[(end + 1)..<domainEnd].contains(dot) { handleEnd = domainEnd }
      }
      let name = String(decoding: bytes[(index + 1)..<handleEnd], as: UTF8.self)
      index = handleEnd - 1
      guard let ref = AccountRef(handle: name), seen.insertIfNew(ref) else { continue }
      found.append(ref)
    }
    return found
  }

  private static let at = UInt8(ascii: "@")
  private static let dot = UInt8(ascii: ".")

  private static func isNameByte(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
  }

  private static func isDomainByte(_ byte: UInt8) -> Bool {
    isNameByte(byte) || byte == dot || byte == UInt8(ascii: "-")
  }
}
