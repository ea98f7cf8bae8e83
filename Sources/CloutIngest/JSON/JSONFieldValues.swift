import Foundation

extension Dictionary where Key == String, Value == Any {
  /// Unix seconds from a number (integer or floating point, as Reddit's `created_utc`) or a
  /// string (digits, or an ISO 8601 time); fractions are rounded down. Nil when absent,
  /// not a time, or outside ±10^13 seconds.
  func unixSeconds(_ key: String) -> Int64? {
    switch self[key] {
    case let number as NSNumber:
      let objCType = String(cString: number.objCType)
      guard objCType != "c" else { return nil }
      let value = number.doubleValue
      guard value.isFinite, abs(value) < 1e13 else { return nil }
      return Int64(value.rounded(.down))
    case let text as String:
      return TimestampParser.parse(text)
    default:
      return nil
    }
  }

  /// True when the key holds JSON `true`.
  func flag(_ key: String) -> Bool {
    (self[key] as? NSNumber)?.boolValue == true || (self[key] as? Bool) == true
  }

  /// The value, shown for an error message.
  func shown(_ key: String) -> String {
    switch self[key] {
    case let text as String: return Quoting.show(text)
    case let number as NSNumber: return number.stringValue
    case nil: return "nothing"
    case let value?: return JSONLineReader.kind(of: value)
    }
  }
}
