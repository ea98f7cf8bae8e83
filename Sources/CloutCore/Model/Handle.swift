/// Handle normalization shared by every format, so that `@Alice`, `alice` and ` ALICE ` name
/// the same account.
public enum Handle {
  /// Strips surrounding white space and leading `@` signs, and lowercases.
  /// Returns nil when nothing is left.
  public static func normalize(_ raw: some StringProtocol) -> String? {
    if let ascii = normalizeASCII(raw) { return ascii.isEmpty ? nil : ascii }
    var trimmed = Substring(raw).drop { $0.isWhitespace }
    while trimmed.last?.isWhitespace == true { trimmed = trimmed.dropLast() }
    trimmed = trimmed.drop { $0 == "@" }
    guard !trimmed.isEmpty else { return nil }
    return trimmed.lowercased()
  }

  /// The same for ASCII text, on bytes; nil when `raw` is not ASCII. `Character.isWhitespace`
  /// and grapheme iteration were 6% of a posts-CSV ingest (perf, `gen.py 1000000 100000 7`),
  /// and nearly every handle is ASCII. ASCII white space is exactly 0x09–0x0D and 0x20.
  @inline(__always)
  static func normalizeASCII(_ raw: some StringProtocol) -> String? {
    let bytes = raw.utf8
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
    // One forward pass: the first and the end of the last non-space byte.
    var first: String.Index? = nil
    var end = bytes.startIndex
    var needsLowering = false
    var index = bytes.startIndex
    while index != bytes.endIndex {
      let byte = bytes[index]
      if byte >= 0x80 { return nil }
      let next = bytes.index(after: index)
      if !isSpace(byte) {
        if first == nil { first = index }
        if byte >= 0x41 && byte <= 0x5A { needsLowering = true }
        end = next
      }
      index = next
    }
    guard var start = first else { return "" }
    // Then the leading `@` signs of the trimmed text (white space after them stays).
    while start < end && bytes[start] == 0x40 { start = bytes.index(after: start) }
    let slice = bytes[start..<end]
    guard needsLowering else { return String(decoding: slice, as: UTF8.self) }
    return String(
      decoding: slice.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
  }
}

/// Platform names are lowercased identifiers such as `twitter`, `mastodon`, `reddit`.
public enum PlatformName {
  /// The platform used when neither the data nor `--platform` names one.
  public static let unknown = "unknown"

  public static func normalize(_ raw: some StringProtocol) -> String? {
    let trimmed = raw.trimmingWhitespace().lowercased()
    return trimmed.isEmpty ? nil : trimmed
  }
}

extension StringProtocol {
  func trimmingWhitespace() -> Substring {
    var slice = Substring(self).drop { $0.isWhitespace }
    while slice.last?.isWhitespace == true { slice = slice.dropLast() }
    return slice
  }
}
