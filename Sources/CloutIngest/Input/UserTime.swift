/// Times typed by users on the command line (`--since`, `--until`, `--as-of`, `--split-at`,
/// `--compare`). Unlike times in data files, a typed time names a period: a bare year
/// (`2017`), a year and month (`2017-10`) or a date (`2017-10-01`) covers all of it, so
/// `--since 2017 --until 2017` is the whole of 2017. A time of day (ISO 8601, no zone = UTC)
/// is one second. Unix seconds need an explicit `@` (`@1700000000`): a bare number is refused,
/// because `--since 2017` silently meaning one second after 1970 is the mistake it prevents.
public enum UserTime {
  /// What a typed time reads as.
  public enum Reading: Equatable, Sendable {
    /// The first and last second of the period the text names.
    case period(first: Int64, last: Int64)
    /// A bare number other than a 4-digit year: ambiguous, refused.
    case bareNumber
    /// Not a time at all.
    case invalid
  }

  public static func read(_ text: String) -> Reading {
    let trimmed = text.trimmingWhitespaceForTime()
    let bytes = Array(trimmed.utf8)
    if bytes.first == UInt8(ascii: "@") {
      guard let seconds = Int64(trimmed.dropFirst()) else { return .invalid }
      return .period(first: seconds, last: seconds)
    }
    if bytes.count == 4, let year = Int(trimmed), year >= 1 {
      return wholePeriod(start: "\(trimmed)-01-01", next: yearMonth(year + 1, 1))
    }
    if bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let year = Int(trimmed.prefix(4)),
      let month = Int(trimmed.suffix(2)), year >= 1, (1...12).contains(month)
    {
      let next = month == 12 ? yearMonth(year + 1, 1) : yearMonth(year, month + 1)
      return wholePeriod(start: "\(trimmed)-01", next: next)
    }
    if !bytes.isEmpty, trimmed.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }),
      trimmed.contains(where: \.isNumber), !isDateOnly(trimmed)
    {
      return .bareNumber
    }
    guard let first = TimestampParser.parse(trimmed) else { return .invalid }
    return .period(first: first, last: isDateOnly(trimmed) ? first + 86_399 : first)
  }

  /// The first second of the period, or nil when the text is not a time (bare numbers
  /// included).
  public static func parse(_ text: String) -> Int64? {
    if case .period(let first, _) = read(text) { return first }
    return nil
  }

  /// True for a bare date such as `2026-10-01`, which `--until` reads as the end of that day.
  public static func isDateOnly(_ text: String) -> Bool {
    let trimmed = text.trimmingWhitespaceForTime()
    return trimmed.utf8.count == 10 && trimmed.utf8.filter { $0 == UInt8(ascii: "-") }.count == 2
  }

  private static func yearMonth(_ year: Int, _ month: Int) -> String {
    let y = String(year)
    let m = String(month)
    return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-"
      + (m.count == 1 ? "0" : "") + m + "-01"
  }

  private static func wholePeriod(start: String, next: String) -> Reading {
    guard let first = TimestampParser.parse(start), let following = TimestampParser.parse(next)
    else { return .invalid }
    return .period(first: first, last: following - 1)
  }
}

extension String {
  fileprivate func trimmingWhitespaceForTime() -> String {
    var slice = Substring(self)
    while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
    while slice.last?.isWhitespace == true { slice = slice.dropLast() }
    return String(slice)
  }
}
