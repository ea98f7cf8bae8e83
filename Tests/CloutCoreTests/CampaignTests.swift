import CloutCore
import Testing

/// `clout campaign`'s statistics against figures computed independently:
/// `scripts/reference/campaign_did.py` (numpy) and the small cases worked out by hand below.
@Suite struct CampaignTests {
  /// Three units. A: 2 → 7 against comparisons 1 → 2 and 3 → 4 (change 1): d = 4. B: 0 → 4
  /// against 0 → 1: d = 3. C: 5 → 5 against 4 → 4, 6 → 6, 5 → 8 (mean change 1): d = −1.
  /// effect = (4 + 3 − 1) / 3 = 2 = (16/3 − 7/3) − (10/3 − 7/3).
  @Test func handComputedDifferenceInDifferences() {
    let estimate = DifferenceInDifferences.estimate(
      contactedBefore: [2, 0, 5], contactedAfter: [7, 4, 5],
      comparisonBefore: [[1, 3], [0], [4, 6, 5]], comparisonAfter: [[2, 4], [1], [4, 6, 8]],
      draws: DifferenceInDifferences.draws(units: 3, resamples: 2000, seed: 1))
    #expect(abs(estimate.contactedBefore - 7.0 / 3) < 1e-12)
    #expect(abs(estimate.contactedAfter - 16.0 / 3) < 1e-12)
    #expect(abs(estimate.comparisonBefore - 7.0 / 3) < 1e-12)
    #expect(abs(estimate.comparisonAfter - 10.0 / 3) < 1e-12)
    #expect(abs(estimate.effect - 2) < 1e-12)
    // Every resample is a mean of unit effects in [−1, 4].
    #expect(estimate.low >= -1 && estimate.high <= 4 && estimate.low < 2 && estimate.high > 2)
  }

  /// Unit effects [4, 3, −1, 2.5, 6, 0.5]: the exact bootstrap over all 6⁶ resamples has
  /// percentiles 0.666667 and 4.250000 (campaign_did.py); 2,000 draws must land near them
  /// (the Monte Carlo error of a 2.5% percentile is about 0.06 standard errors, here ≈ 0.06).
  @Test func bootstrapIntervalMatchesTheExactBootstrap() {
    let effects: [Double] = [4, 3, -1, 2.5, 6, 0.5]
    for seed: UInt64 in [1, 42, 1234] {
      let estimate = DifferenceInDifferences.estimate(
        contactedBefore: effects.map { _ in 0 }, contactedAfter: effects,
        comparisonBefore: effects.map { _ in [0] }, comparisonAfter: effects.map { _ in [0] },
        draws: DifferenceInDifferences.draws(units: 6, resamples: 2000, seed: seed))
      #expect(abs(estimate.effect - 2.5) < 1e-12)
      #expect(abs(estimate.low - 0.666667) < 0.2, "seed \(seed): \(estimate.low)")
      #expect(abs(estimate.high - 4.25) < 0.2, "seed \(seed): \(estimate.high)")
    }
  }

  @Test func bootstrapIsDeterministicPerSeed() {
    let first = DifferenceInDifferences.draws(units: 5, resamples: 100, seed: 9)
    #expect(first == DifferenceInDifferences.draws(units: 5, resamples: 100, seed: 9))
    #expect(first != DifferenceInDifferences.draws(units: 5, resamples: 100, seed: 10))
  }

  /// numpy.percentile's linear interpolation: [1, 2, 3, 4] at 0.5 is 2.5, at 0.025 is 1.075.
  @Test func percentileInterpolatesLikeNumpy() {
    #expect(DifferenceInDifferences.percentile([1, 2, 3, 4], 0.5) == 2.5)
    #expect(abs(DifferenceInDifferences.percentile([1, 2, 3, 4], 0.025)! - 1.075) < 1e-12)
    #expect(DifferenceInDifferences.percentile([7], 0.975) == 7)
    #expect(DifferenceInDifferences.percentile([], 0.5) == nil)
  }

  /// campaign_did.py: contacted 0 and 5, pool 1–4, 2 neighbours: [[1, 2], [4, 3]].
  @Test func matchingPicksNearestOnTheSamePlatform() {
    let features: [[Double]] = [[0, 0], [0.1, 0], [0, 0.3], [2, 2], [2.2, 2.1], [2.1, 2.1]]
    let matches = CampaignMatching.match(
      contacted: [0, 5], pool: [1, 2, 3, 4], platforms: Array(repeating: "x", count: 6),
      features: features, count: 2, seed: 42)
    #expect(matches == [[1, 2], [4, 3]])
    // Another platform is never a comparison, however near.
    let split = CampaignMatching.match(
      contacted: [0], pool: [1, 2, 3, 4], platforms: ["x", "y", "y", "x", "x", "x"],
      features: features, count: 2, seed: 42)
    #expect(split == [[3, 4]])
  }

  /// campaign_did.py: contacted 0 (at 0) and 5 (at 0.02) both lie nearest to 1 (0.05) and 2
  /// (0.1); in rounds without replacement 5 takes 1, 0 takes 2, then 5 takes 3 and 0 takes 4:
  /// [[2, 4], [1, 3]] (with replacement it would be [[1, 2], [1, 2]]).
  @Test func matchingWithoutReplacementSharesOutTheNearest() {
    let features: [[Double]] = [[0], [0.05], [0.1], [0.3], [0.35], [0.02]]
    let platforms = Array(repeating: "x", count: 6)
    let matches = CampaignMatching.match(
      contacted: [0, 5], pool: [1, 2, 3, 4], platforms: platforms, features: features,
      count: 2, seed: 42)
    #expect(matches == [[2, 4], [1, 3]])
    // The list order does not change who gets whom.
    let reversed = CampaignMatching.match(
      contacted: [5, 0], pool: [1, 2, 3, 4], platforms: platforms, features: features,
      count: 2, seed: 42)
    #expect(reversed == [[1, 3], [2, 4]])
    // A pool too small for everyone: each contacted account gets one before any gets two.
    let short = CampaignMatching.match(
      contacted: [0, 5], pool: [1, 2, 3], platforms: platforms, features: features, count: 2,
      seed: 42)
    #expect(short == [[2], [1, 3]])
  }

  /// Many contacted accounts, a pool with many refills: every comparison used once.
  @Test func matchingUsesEachComparisonOnce() {
    // Six distinct feature values, so most distances tie and the queues refill often.
    let features = (0..<400).map { [Double(($0 * 7919) % 6)] }
    let contacted = Array(0..<40)
    let matches = CampaignMatching.match(
      contacted: contacted, pool: Array(40..<400), platforms: Array(repeating: "x", count: 400),
      features: features, count: 5, seed: 7)
    let all = matches.flatMap { $0 }
    #expect(matches.allSatisfy { $0.count == 5 })
    #expect(Set(all).count == all.count && all.allSatisfy { $0 >= 40 })
  }

  /// Equal distances: the seed decides, the same seed always the same way.
  @Test func matchingTiesFollowTheSeed() {
    let features = Array(repeating: [1.0], count: 41)
    let platforms = Array(repeating: "x", count: 41)
    func picks(_ seed: UInt64) -> [[Int]] {
      CampaignMatching.match(
        contacted: [0], pool: Array(1...40), platforms: platforms, features: features,
        count: 3, seed: seed)
    }
    #expect(picks(1) == picks(1))
    #expect(Set((1...8).map { picks($0) }).count > 1)
  }

  /// campaign_did.py: contacted [1, 2, 3] against [[1, 1.5], [2], [2, 2.5]] gives 0.213201.
  @Test func balanceMatchesTheReference() {
    let balance = CampaignBalance(
      feature: .inDegree, contacted: [1, 2, 3], comparisons: [[1, 1.5], [2], [2, 2.5]])
    #expect(abs(balance.contactedMean - 2) < 1e-12)
    #expect(abs(balance.comparisonMean - 11.0 / 6) < 1e-12)
    #expect(abs(balance.standardizedDifference - 0.213201) < 1e-6)
    #expect(!balance.isPoor)
    let constant = CampaignBalance(feature: .given, contacted: [1, 1], comparisons: [[0], [0]])
    #expect(constant.standardizedDifference == .infinity && constant.isPoor)
  }

  /// a, brand, x, y, z. x engages a (t 1), then the brand (t 2): passed on. y engages the brand
  /// (t 1) before a (t 3): not passed on. z engages a twice. a engages the brand twice.
  @Test func windowMetricsByHand() throws {
    let names = ["a", "brand", "x", "y", "z"]
    let (a, brand, x, y, z): (UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 1, 2, 3, 4)
    let edges: [(UInt32, UInt32, Int64)] = [
      (x, a, 1), (x, brand, 2), (y, brand, 1), (y, a, 3), (z, a, 5), (z, a, 6), (a, brand, 4),
      (a, brand, 7),
    ]
    let ranking = try InfluenceRanking(data: Self.data(names, edges))
    let window = CampaignWindow(
      ranking: ranking,
      brand: [CampaignAccount(platform: "test", userID: nil, handle: "brand")])
    #expect(window.metrics[.brandInteractions]! == [2, 0, 1, 1, 0])
    #expect(window.metrics[.brandEngagers]! == [1, 0, 0, 0, 0])
    #expect(window.metrics[.engagers]! == [3, 3, 0, 0, 0])
    #expect(window.metrics[.score]! == ranking.contributions.map(\.score))
    // a received 4 interactions, from 3 accounts, and gave 2: ln 5, ln 4, ln 3.
    #expect(abs(window.features[.inDegree]![0] - 1.6094379124341003) < 1e-12)
    #expect(abs(window.features[.engagers]![0] - 1.3862943611198906) < 1e-12)
    #expect(abs(window.features[.given]![0] - 1.0986122886681098) < 1e-12)
  }

  static func data(_ names: [String], _ edges: [(UInt32, UInt32, Int64)]) -> EngagementData {
    EngagementData(
      accounts: names.map {
        AccountInfo(platform: "test", handle: $0, userID: nil, displayName: nil)
      },
      graphAccountCount: names.count, interactionActors: edges.map(\.0),
      interactionTargets: edges.map(\.1),
      interactionTypes: edges.map { _ in .reply }, interactionTimes: edges.map(\.2),
      interactionMultipliers: edges.map { _ in 1 }, postAuthors: [], postParents: [],
      postRowIDs: [])
  }
}
