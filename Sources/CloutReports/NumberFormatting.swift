import CloutRender

/// Human-readable numbers for terminal output (never used in CSV or JSON, which stay plain).
public enum NumberFormatting {
  /// `1234567` → `1,234,567`.
  /// "1 account", "2 accounts", "1,000 accounts": the count grouped, the noun agreeing.
  public static func count(_ value: Int, _ singular: String, plural: String? = nil) -> String {
    grouped(value) + " " + (value == 1 ? singular : plural ?? singular + "s")
  }

  public static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return value < 0 ? "-" + result : result
  }

  /// `1536000` → `1.5 MB`.
  public static func bytes(_ value: Int64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var amount = Double(value)
    var unit = 0
    while amount >= 1000 && unit < units.count - 1 {
      amount /= 1000
      unit += 1
    }
    return unit == 0 ? "\(value) B" : "\(fixed(amount, digits: 1)) \(units[unit])"
  }

  /// Fixed-point text without Foundation's locale-dependent formatters.
  public static func fixed(_ value: Double, digits: Int) -> String {
    DecimalText.fixed(value, places: digits)
  }
}
