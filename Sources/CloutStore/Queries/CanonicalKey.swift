import CloutCore

// Sorting the 354,553 accounts of a topic on the 10M-post text store (see
// TopicConversations.swift) by their String keys took 0.9–1.2 s of a loaded machine's wall
// time (perf: merge sort and memcmp under `denseMapping`); most pairs differ in their first
// few bytes, which one integer comparison settles.

/// An account's place in canonical order (`AccountInfo.canonicallyOrdered`: platform, then
/// name, then user id), made cheap to compare: the platform as its rank among the platforms
/// present, and the first eight bytes of name and user id as one integer, which decides
/// whenever it differs and both are plain ASCII; otherwise the whole key compares as `String`.
struct CanonicalKey {
  /// Rank of the platform name among those of the keys built together.
  let platform: Int32
  /// Name, U+0001, user id: U+0001 sorts before any character a name can hold, so the text
  /// orders as name then user id.
  let text: String
  /// The text's first eight UTF-8 bytes, big-endian, zero-padded.
  let prefix: UInt64
  /// Whether `prefix` orders as `text` does. `String` compares canonically (NFC scalars), and
  /// ASCII bytes are their own NFC scalars unless a combining mark follows the last of them,
  /// so the prefix is exact when its bytes and the byte after them are ASCII.
  let prefixIsExact: Bool

  /// One key per account, platforms ranked among those present.
  static func keys(_ accounts: [AccountInfo]) -> [CanonicalKey] {
    let platforms = Set(accounts.map(\.platform)).sorted()
    var rank: [String: Int32] = [:]
    for (position, platform) in platforms.enumerated() { rank[platform] = Int32(position) }
    return accounts.map { account in
      CanonicalKey(
        platform: rank[account.platform]!, text: account.name + "\u{1}" + (account.userID ?? ""))
    }
  }

  init(platform: Int32, text: String) {
    self.platform = platform
    self.text = text
    var prefix: UInt64 = 0
    var exact = true
    var count = 0
    for byte in text.utf8 {
      if count == 8 {
        exact = exact && byte < 0x80
        break
      }
      if byte >= 0x80 { exact = false }
      prefix |= UInt64(byte) << (56 - 8 * count)
      count += 1
    }
    self.prefix = prefix
    self.prefixIsExact = exact
  }

  /// Negative, zero or positive as `self` orders before, with or after `other`.
  @inline(__always)
  func order(_ other: CanonicalKey) -> Int {
    if platform != other.platform { return platform < other.platform ? -1 : 1 }
    if prefixIsExact && other.prefixIsExact && prefix != other.prefix {
      return prefix < other.prefix ? -1 : 1
    }
    if text == other.text { return 0 }
    return text < other.text ? -1 : 1
  }
}
