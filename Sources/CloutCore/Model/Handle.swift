/// Handle normalization shared by every format, so that `@Alice`, `alice` and ` ALICE ` name
/// the same account.
public enum Handle {
  /// Strips surrounding white space and leading `@` signs, and lowercases.
  /// Returns nil when nothing is left.
  public static func normalize(_ raw: some StringProtocol) -> String? {
    var trimmed = Substring(raw).drop { $0.isWhitespace }
    while trimmed.last?.isWhitespace == true { trimmed = trimmed.dropLast() }
    trimmed = trimmed.drop { $0 == "@" }
    guard !trimmed.isEmpty else { return nil }
    return trimmed.lowercased()
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
