/// An account's follower count as one post carried it (Twitter's `user.followers_count`,
/// Mastodon's `account.followers_count`, ...): context shown next to influence, never part
/// of the score.
///
/// Which count is an account's latest is a contract the Spark job implements too
/// (`spark/clout_spark/followers.py`): the count of the post with the newest `createdAt`;
/// between posts of one second, the larger post id, compared as decimal numbers when both are
/// all digits and as strings otherwise; between copies of one post, the larger count. The
/// last step is not about time at all: it makes the choice depend only on the set of posts
/// read, never on the order files were ingested in.
public struct FollowerCount: Sendable, Equatable {
  public var count: Int64
  /// The carrying post's time (unix seconds) and platform post id.
  public var time: Int64
  public var postID: String

  public init(count: Int64, time: Int64, postID: String) {
    self.count = count
    self.time = time
    self.postID = postID
  }

  /// True when this count replaces `other` as the account's latest.
  public func supersedes(_ other: FollowerCount) -> Bool {
    if time != other.time { return time > other.time }
    switch Self.comparePostIDs(postID, other.postID) {
    case .greater: return true
    case .less: return false
    case .equal: return count > other.count
    }
  }

  public enum Order { case less, equal, greater }

  /// Post ids as the rule compares them. Decimal comparison of digit strings of any length
  /// (Twitter ids pass 2^53; a 20-digit id must not be rounded): leading zeros dropped, the
  /// longer number larger, then digit by digit.
  public static func comparePostIDs(_ lhs: String, _ rhs: String) -> Order {
    let left = Array(lhs.utf8)
    let right = Array(rhs.utf8)
    if isDecimal(left) && isDecimal(right) {
      let a = left.drop { $0 == UInt8(ascii: "0") }
      let b = right.drop { $0 == UInt8(ascii: "0") }
      if a.count != b.count { return a.count < b.count ? .less : .greater }
      return order(a, b)
    }
    // Swift compares Strings by Unicode canonical equivalence; the rule (and Spark) compare
    // the UTF-8 bytes, which for valid UTF-8 is code point order.
    return order(left[...], right[...])
  }

  private static func isDecimal<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    !bytes.isEmpty && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
  }

  private static func order(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Order {
    for (x, y) in zip(a, b) where x != y { return x < y ? .less : .greater }
    return a.count == b.count ? .equal : (a.count < b.count ? .less : .greater)
  }

  /// A count as the data writes it: a whole number 0…Int64.max in ASCII digits (surrounding
  /// white space allowed); nil for anything else (negative, fractional, `1e3`, `1,234`).
  public static func parse(_ text: Substring) -> Int64? {
    let trimmed = text.utf8.drop { $0 == 0x20 || $0 == 0x09 }.reversed()
      .drop { $0 == 0x20 || $0 == 0x09 }.reversed()
    guard isDecimal(trimmed) else { return nil }
    return Int64(String(decoding: trimmed, as: UTF8.self))
  }
}
