/// Times typed by users on the command line (`--since`, `--until`, `--as-of`), read with the
/// same rules as times in data files: ISO 8601 with or without a zone (none = UTC), a bare
/// date, or unix seconds.
public enum UserTime {
  /// Unix seconds, or nil when the text is not a time.
  public static func parse(_ text: String) -> Int64? {
    TimestampParser.parse(text.trimmingWhitespaceForTime())
  }

  /// True for a bare date such as `2026-10-01`, which `--until` reads as the end of that day.
  public static func isDateOnly(_ text: String) -> Bool {
    let trimmed = text.trimmingWhitespaceForTime()
    return trimmed.utf8.count == 10 && trimmed.utf8.filter { $0 == UInt8(ascii: "-") }.count == 2
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
