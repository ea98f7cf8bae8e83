import CloutCore

/// Reading record fields out of a parsed object, with the conversions the readers had with
/// `JSONSerialization` objects (so the same input gives the same records). Each reads the
/// value of a key; the `JSONValue` forms serve values found with a `JSONFieldTable`.
extension JSONObject {
  /// A string, or an integer given as a number (ids in older exports), as text.
  func string(_ key: String) -> String? { self[key]?.text }

  /// A non-empty string (after trimming), else nil.
  func nonEmptyString(_ key: String) -> String? { self[key]?.nonEmptyText }

  func object(_ key: String) -> JSONObject? { self[key]?.object }

  /// A follower count (see `JSONValue.followerCount`).
  func followerCount(_ key: String) -> Int64? { self[key]?.followerCount }

  func array(_ key: String) -> JSONArray? { self[key]?.array }

  /// The objects of an array field (other elements skipped); empty when it is no array.
  func objects(_ key: String) -> [JSONObject] { self[key]?.objects ?? [] }

  /// Unix seconds from a number (integer or floating point, as Reddit's `created_utc`) or a
  /// string (digits, or an ISO 8601 time); fractions are rounded down. Nil when absent,
  /// not a time, or outside ±10^13 seconds.
  func unixSeconds(_ key: String) -> Int64? {
    guard let field = self[key] else { return nil }
    if let text = field.string { return TimestampParser.parse(text) }
    guard let value = field.doubleValue, value.isFinite, abs(value) < 1e13 else { return nil }
    return Int64(value.rounded(.down))
  }

  /// True when the key holds JSON `true` (or a nonzero number, as `NSNumber.boolValue`).
  func flag(_ key: String) -> Bool {
    guard let field = self[key] else { return false }
    if field.type == UInt8(ascii: "t") { return true }
    if let number = field.doubleValue { return number != 0 }
    return false
  }

  /// The value, shown for an error message.
  func shown(_ key: String) -> String {
    guard let field = self[key] else { return "nothing" }
    if let text = field.string { return Quoting.show(text) }
    if let number = field.numberText { return number }
    return JSONLineReader.kind(of: field)
  }
}

extension JSONValue {
  /// A string, or an integer given as a number (ids in older exports), as text.
  var text: String? {
    // Booleans and floating-point values are not ids.
    string ?? integerText
  }

  /// A non-empty string (after trimming), else nil.
  var nonEmptyText: String? {
    // Most ids and handles start and end with a printable ASCII byte: no white space to trim
    // (every byte that can start a white-space Character is outside 0x21...0x7E), so the
    // Character-by-Character trim (~8% of twitter-v1 ingest in `perf`) is skipped.
    if let bytes = stringBytes, let first = bytes.first, let last = bytes.last,
      (0x21...0x7E).contains(first), (0x21...0x7E).contains(last)
    {
      return String(decoding: bytes, as: UTF8.self)
    }
    guard let text else { return nil }
    let trimmed = text.trimmingWhitespace()
    return trimmed.isEmpty ? nil : String(trimmed)
  }

  /// A follower count: a JSON integer ≥ 0, or a string of digits (`FollowerCount.parse`); nil
  /// for anything else (null, negative, fractional, beyond Int64), which is no count rather
  /// than a bad record: the count is context, the post is what ingest is for.
  var followerCount: Int64? {
    if type == UInt8(ascii: "l") {
      guard let text = integerText, let value = Int64(text), value >= 0 else { return nil }
      return value
    }
    return string.flatMap { FollowerCount.parse(Substring($0)) }
  }

  /// The objects of an array (other elements skipped); empty when this is no array.
  var objects: [JSONObject] {
    guard let array else { return [] }
    return array.compactMap(\.object)
  }
}
