/// One value in a result row, typed so that each writer can print it properly: text is
/// quoted and guarded in CSV and escaped in JSON, numbers stay plain numbers everywhere.
public enum Cell: Sendable, Equatable {
  case text(String)
  case integer(Int)
  /// A number printed with a fixed count of decimals, so output is byte-identical across runs.
  case decimal(Double, places: Int)
  /// No value: an empty CSV field, JSON `null`, a blank table cell.
  case empty

  /// The value's plain text, as a table or CSV shows it (before CSV quoting).
  public var plainText: String {
    switch self {
    case .text(let value): value
    case .integer(let value): String(value)
    case .decimal(let value, let places): DecimalText.fixed(value, places: places)
    case .empty: ""
    }
  }
}

/// Locale-independent fixed-point text: `fixed(0.125, places: 2)` is `"0.13"`; magnitudes of
/// 9e15 and more, where fixed decimals would be noise, in exponent form (`1e+39`).
public enum DecimalText {
  public static func fixed(_ value: Double, places: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
    let places = max(0, min(places, 15))
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (value.magnitude * scale).rounded()
    // Past 2^53 a Double has no fraction left; print it as a whole number while Int64 holds
    // it, and past that in exponent form (Swift's shortest round-trip text, `1e+39`): the
    // conversion to Int64 trapped for a 1e19 weight.
    guard scaled < 9.0e15 else {
      return value.magnitude < 9.0e15 ? String(Int64(value.rounded())) : "\(value)"
    }
    let units = Int64(scaled)
    let factor = Int64(scale)
    let whole = units / factor
    let fraction = units % factor
    var text = (value < 0 && units != 0 ? "-" : "") + String(whole)
    if places > 0 {
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: places - digits.count) + digits
    }
    return text
  }
}

/// Other encoders get plain JSON values; `JSONDocumentEncoder` prints decimals as `Cell`
/// prints them.
extension Cell: Encodable {
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .text(let value): try container.encode(value)
    case .integer(let value): try container.encode(value)
    case .decimal(let value, _) where value.isFinite: try container.encode(value)
    case .decimal, .empty: try container.encodeNil()
    }
  }
}
