import CloutCore
import CloutTestSupport
import Testing

/// `CampaignAnalysis` on a synthetic timeline with a known truth: 400 accounts of ten
/// activity levels; between the two windows everyone's activity grows (a trend of +50% brand
/// interactions and twice the engagement of others), and 30 contacted accounts add exactly
/// +4 brand interactions each. A naive before/after of the contacted accounts sees 4 plus the
/// trend; the difference-in-differences must see 4, and a placebo group of 30 untouched
/// accounts must see nothing.
@Suite struct CampaignSyntheticTests {
  static let planted = 4.0
  static let accountCount = 400

  static func name(_ index: Int) -> String {
    "u" + String(repeating: "0", count: 3 - String(index).count) + String(index)
  }

  static let brand = CampaignAccount(platform: "test", userID: nil, handle: "brand")
  static func account(_ index: Int) -> CampaignAccount {
    CampaignAccount(platform: "test", userID: nil, handle: name(index))
  }
  /// Node of account i is i + 1: "brand" sorts before "u000".
  static let contacted = (0..<accountCount).filter { $0 % 13 == 5 }.prefix(30).map { $0 }
  static let placebo = (0..<accountCount).filter { $0 % 13 == 9 }.prefix(30).map { $0 }

  /// One window: each account of level k engages k (before) or 2k (after) random accounts,
  /// and the brand k/2 + noise times (before), 3k/4 + noise (after), +4 when contacted.
  static func window(after: Bool, seed: UInt64) throws -> CampaignWindow {
    var generator = SeededGenerator(seed: seed)
    var edges: [(UInt32, UInt32, Int64)] = []
    let start: Int64 = after ? 1_000_000 : 0
    func time() -> Int64 { start + Int64(generator.below(1_000_000)) }
    for index in 0..<accountCount {
      let level = 1 + index % 10
      let node = UInt32(index + 1)
      for _ in 0..<(after ? 2 * level : level) {
        var target = UInt32(1 + generator.below(accountCount))
        if target == node { target = target % UInt32(accountCount) + 1 }
        edges.append((node, target, time()))
      }
      var brandCount = (after ? 3 * level / 4 : level / 2) + generator.below(3)
      if after && contacted.contains(index) { brandCount += Int(planted) }
      for _ in 0..<brandCount { edges.append((node, 0, time())) }
    }
    edges.sort { $0.2 < $1.2 }
    let names = ["brand"] + (0..<accountCount).map(name)
    let ranking = try InfluenceRanking(data: CampaignTests.data(names, edges))
    return CampaignWindow(ranking: ranking, brand: [brand])
  }

  static func analysis(_ group: [Int], excluding: [Int] = [], seed: UInt64 = 42) throws
    -> CampaignAnalysis
  {
    try CampaignAnalysis(
      before: window(after: false, seed: 1), after: window(after: true, seed: 2),
      contacted: group.map(account), brand: [brand], excluded: Set(excluding.map(account)),
      comparisons: 5, seed: seed)
  }

  static func row(_ analysis: CampaignAnalysis, _ metric: CampaignMetric) throws
    -> DifferenceInDifferences.Estimate
  {
    try #require(analysis.rows.first { $0.metric == metric }).estimate
  }

  @Test func recoversThePlantedEffectAndTheTrendCancels() throws {
    let analysis = try Self.analysis(Self.contacted)
    #expect(analysis.contactedCount == 30)
    let estimate = try Self.row(analysis, .brandInteractions)
    #expect(estimate.low <= Self.planted && Self.planted <= estimate.high, "\(estimate)")
    #expect(abs(estimate.effect - Self.planted) < 0.6, "\(estimate)")
    // The naive change carries the trend (about k/4 more on average, k in 1…10).
    #expect(estimate.naiveChange > Self.planted + 1, "\(estimate)")
    // Matching on activity: the groups look alike before.
    for balance in analysis.balance where balance.feature != .given {
      #expect(!balance.isPoor, "\(balance)")
    }
  }

  @Test func placeboGroupShowsNoEffect() throws {
    let analysis = try Self.analysis(Self.placebo, excluding: Self.contacted)
    let estimate = try Self.row(analysis, .brandInteractions)
    #expect(estimate.low <= 0 && 0 <= estimate.high, "\(estimate)")
    #expect(estimate.naiveChange > 1, "the trend is there for a naive look: \(estimate)")
    // Everyone's engagement doubled: the placebo's engagers did too, and that cancels.
    let engagers = try Self.row(analysis, .engagers)
    #expect(engagers.low <= 0 && 0 <= engagers.high, "\(engagers)")
  }

  @Test func sameSeedSameResultOtherSeedOtherDraws() throws {
    let first = try Self.analysis(Self.contacted)
    let again = try Self.analysis(Self.contacted)
    #expect(first.rows == again.rows)
    let other = try Self.analysis(Self.contacted, seed: 7)
    #expect(try Self.row(other, .brandInteractions).low != Self.row(first, .brandInteractions).low)
  }

  @Test func absentAndBrandAccountsAreSkipped() throws {
    let ghost = CampaignAccount(platform: "test", userID: nil, handle: "ghost")
    let analysis = try CampaignAnalysis(
      before: Self.window(after: false, seed: 1), after: Self.window(after: true, seed: 2),
      contacted: [ghost, Self.brand, Self.account(5), Self.account(5)], brand: [Self.brand],
      comparisons: 3, seed: 1)
    #expect(analysis.absent == [ghost])
    #expect(analysis.contactedCount == 1)
    #expect(analysis.matches[0].comparisons.count == 3)
    #expect(!analysis.matches[0].comparisons.contains(Self.brand))
    #expect(throws: CampaignAnalysis.Failure.noContactedAccount) {
      try CampaignAnalysis(
        before: Self.window(after: false, seed: 1), after: Self.window(after: true, seed: 2),
        contacted: [ghost], brand: [Self.brand], comparisons: 3, seed: 1)
    }
  }
}
