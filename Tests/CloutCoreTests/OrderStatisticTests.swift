import CloutTestSupport
import Testing

@testable import CloutCore

/// The radix select gives what sorting gives, at every position, for spans from nothing to
/// the whole Int64 range; the adaptive half-life built on it is the median age of the
/// definition (ages sorted, clamped at 0).
@Suite struct OrderStatisticTests {
  func randomValues(_ count: Int, in range: ClosedRange<Int64>, seed: UInt64) -> [Int64] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in Int64.random(in: range, using: &rng) }
  }

  @Test(arguments: [
    (Int64(0)...0, 1), (1_700_000_000...1_700_000_001, 97), (1_600_000_000...1_700_000_000, 501),
    (-5...5, 300), (Int64.min...Int64.max, 400), (Int64.min...Int64.min + 3, 64),
    (Int64.max - 2_000...Int64.max, 257),
  ])
  func everyPositionMatchesTheSortedArray(range: ClosedRange<Int64>, count: Int) {
    var values = randomValues(count, in: range, seed: UInt64(count))
    if range == Int64.min...Int64.max { values += [Int64.min, Int64.max, 0, -1] }
    let sorted = values.sorted()
    for position in values.indices {
      #expect(OrderStatistic.value(at: position, in: values) == sorted[position], "\(position)")
    }
    #expect(OrderStatistic.largest(values) == values.max())
  }

  @Test func largestOfShortAndEmptyArrays() {
    #expect(OrderStatistic.largest([]) == nil)
    for count in 1...9 {
      let values = randomValues(count, in: -100...100, seed: UInt64(40 + count))
      #expect(OrderStatistic.largest(values) == values.max())
    }
  }

  @Test func adaptiveHalfLifeIsTheMedianOfTheSortedAges() {
    for (seed, asOf) in [(1, Int64?.none), (2, Int64(1_650_000_000)), (3, Int64(1_500_000_000))] {
      let times = randomValues(1_001 + seed, in: 1_600_000_000...1_700_000_000, seed: UInt64(seed))
      let data = EngagementData(
        accounts: [
          AccountInfo(platform: "x", handle: "a", userID: nil, displayName: nil),
          AccountInfo(platform: "x", handle: "b", userID: nil, displayName: nil),
        ], graphAccountCount: 2, interactionActors: times.map { _ in 0 },
        interactionTargets: times.map { _ in 1 }, interactionTypes: times.map { _ in .reply },
        interactionTimes: times, interactionMultipliers: times.map { _ in 1 }, postAuthors: [],
        postParents: [], postRowIDs: [])
      let reference = asOf ?? times.max()!
      let ages = times.map { max(0, reference - $0) }.sorted()
      let expected = max(TimeScale.minimumHalfLife, Double(ages[ages.count / 2]))
      #expect(TimeScale.adaptiveHalfLife(data, asOf: asOf) == expected, "seed \(seed)")
    }
  }
}
