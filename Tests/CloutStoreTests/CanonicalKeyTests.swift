import CloutCore
import CloutTestSupport
import Testing

@testable import CloutStore

/// `CanonicalKey` orders accounts exactly as the one `String` per account that the scan sorted
/// by before it (platform, U+0001, name, U+0001, user id), which is
/// `AccountInfo.canonicallyOrdered` for names without U+0000 or U+0001; including the names
/// where its integer prefix must not decide.
@Suite struct CanonicalKeyTests {
  /// Names that share prefixes, differ only after eight bytes, end early, hold NUL, accents
  /// precomposed and as combining marks (the same name to `String`), emoji, and other scripts.
  let pieces = [
    "a", "ab", "abcdefgh", "abcdefghi", "abcdefgé", "abcdefge\u{301}", "abcdefgf", "caf",
    "café", "cafe\u{301}", "cafe", "\u{0}", "x\u{0}", "Zed", "zed", "_", "1", "😀", "δ", "a\u{1}",
    "abcdefg", "abcdefgh\u{300}", "é", "e\u{301}x",
  ]

  @Test func ordersAsCanonicalOrderOnRandomAccounts() {
    var random = SeededGenerator(seed: 11)
    var accounts: [AccountInfo] = []
    for _ in 0..<600 {
      let name = (0..<(1 + random.below(3))).map { _ in pieces[random.below(pieces.count)] }
        .joined()
      let userID = random.below(3) == 0 ? nil : pieces[random.below(pieces.count)]
      let platform = ["twitter", "reddit", "mastodon"][random.below(3)]
      accounts.append(
        AccountInfo(
          platform: platform, handle: random.below(4) == 0 ? nil : name, userID: userID,
          displayName: nil))
    }
    let keys = CanonicalKey.keys(accounts)
    let texts = accounts.map { $0.platform + "\u{1}" + $0.name + "\u{1}" + ($0.userID ?? "") }
    var disagreements = 0
    var decidedByPrefix = 0
    for left in accounts.indices {
      for right in accounts.indices {
        let expected = texts[left] < texts[right] ? -1 : texts[left] == texts[right] ? 0 : 1
        let order = keys[left].order(keys[right])
        if order.signum() != expected { disagreements += 1 }
        if keys[left].platform == keys[right].platform && keys[left].prefixIsExact
          && keys[right].prefixIsExact && keys[left].prefix != keys[right].prefix
        {
          decidedByPrefix += 1
        }
      }
    }
    #expect(disagreements == 0)
    // Both ways of deciding were exercised.
    #expect(decidedByPrefix > 10_000)
    #expect(keys.contains { !$0.prefixIsExact })
  }

  @Test func aCombiningMarkAfterEightBytesLeavesTheDecisionToString() {
    let composed = CanonicalKey(platform: 0, text: "abcdefgé")
    let decomposed = CanonicalKey(platform: 0, text: "abcdefge\u{301}")
    let plain = CanonicalKey(platform: 0, text: "abcdefgf")
    #expect(composed.order(decomposed) == 0)
    #expect(!decomposed.prefixIsExact)
    // "é" sorts after "f" as a scalar, though the decomposed bytes start with "e".
    #expect(decomposed.order(plain) == 1)
    #expect(plain.order(decomposed) == -1)
  }
}
