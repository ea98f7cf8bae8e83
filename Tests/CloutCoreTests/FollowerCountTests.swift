import Testing

@testable import CloutCore

/// The `followers` rule on hand-picked cases (each expectation read off the rule in the
/// README, not computed), and its independence of order: the latest of a set is the same
/// whichever order the set is folded in.
@Suite struct FollowerCountTests {
  static func count(_ value: Int64, at time: Int64, _ post: String) -> FollowerCount {
    FollowerCount(count: value, time: time, postID: post)
  }

  @Test func newerTimeWinsWhateverTheIds() {
    #expect(Self.count(1, at: 200, "1").supersedes(Self.count(9, at: 100, "999")))
    #expect(!Self.count(9, at: 100, "999").supersedes(Self.count(1, at: 200, "1")))
  }

  @Test func sameSecondComparesIdsAsNumbersWhenBothAreDigits() {
    // As strings "990" > "1000"; as numbers 1000 > 990.
    #expect(Self.count(22, at: 5, "1000").supersedes(Self.count(11, at: 5, "990")))
    #expect(!Self.count(11, at: 5, "990").supersedes(Self.count(22, at: 5, "1000")))
    // Past 2^64: no rounding, no overflow.
    #expect(
      Self.count(1, at: 5, "123456789012345678901234").supersedes(
        Self.count(2, at: 5, "123456789012345678901233")))
    // Leading zeros do not make a number larger.
    #expect(FollowerCount.comparePostIDs("0010", "9") == .greater)
    #expect(FollowerCount.comparePostIDs("007", "7") == .equal)
  }

  @Test func otherIdsCompareAsStrings() {
    #expect(FollowerCount.comparePostIDs("at://b", "at://a") == .greater)
    #expect(FollowerCount.comparePostIDs("9x", "10x") == .greater)
    #expect(FollowerCount.comparePostIDs("10", "9x") == .less)  // "1" < "9"
    #expect(FollowerCount.comparePostIDs("abc", "abcd") == .less)
  }

  @Test func copiesOfOnePostKeepTheLargerCount() {
    #expect(Self.count(100, at: 5, "101").supersedes(Self.count(90, at: 5, "101")))
    #expect(!Self.count(90, at: 5, "101").supersedes(Self.count(100, at: 5, "101")))
    #expect(!Self.count(90, at: 5, "101").supersedes(Self.count(90, at: 5, "101")))
  }

  @Test func theLatestOfASetDoesNotDependOnOrder() {
    let set = [
      Self.count(100, at: 10, "101"), Self.count(90, at: 10, "101"),
      Self.count(11, at: 30, "990"), Self.count(22, at: 30, "1000"),
      Self.count(5, at: 20, "5000"),
    ]
    func latest(_ order: [FollowerCount]) -> FollowerCount {
      order.dropFirst().reduce(order[0]) { best, next in next.supersedes(best) ? next : best }
    }
    var seen: [FollowerCount] = []
    for rotation in 0..<set.count {
      let rotated = Array(set[rotation...] + set[..<rotation])
      seen.append(latest(rotated))
      seen.append(latest(rotated.reversed()))
    }
    #expect(seen.allSatisfy { $0 == Self.count(22, at: 30, "1000") })
  }

  @Test func parsing() {
    #expect(FollowerCount.parse("1234") == 1234)
    #expect(FollowerCount.parse(" 7\t") == 7)
    #expect(FollowerCount.parse("0") == 0)
    #expect(FollowerCount.parse("9223372036854775807") == Int64.max)
    for bad in ["", " ", "-1", "1.5", "1e3", "1,234", "12k", "9223372036854775808", "+3"] {
      #expect(FollowerCount.parse(Substring(bad)) == nil, "\(bad)")
    }
  }
}
