import Foundation

/// Every account's metrics and matching features in one window, from a ranking of that
/// window alone.
public struct CampaignWindow: Sendable {
  /// The window's graph accounts, in the ranking's node order.
  public let accounts: [CampaignAccount]
  /// Per metric, per node.
  public let metrics: [CampaignMetric: [Double]]
  /// Per feature, per node: ln(1 + count).
  public let features: [CampaignFeature: [Double]]

  /// - Parameter brand: the brand's accounts (may be empty, or absent from this window).
  public init(ranking: InfluenceRanking, brand: Set<CampaignAccount>) {
    let data = ranking.data
    let count = data.graphAccountCount
    accounts = (0..<count).map { CampaignAccount(data.accounts[$0]) }
    let isBrand = accounts.map { brand.contains($0) }

    // The last time each account engaged the brand: an engager of A counts for A's
    // brand_engagers when it engaged the brand at or after its first engagement of A.
    var lastBrandTime = [Int64?](repeating: nil, count: count)
    var brandInteractions = [Double](repeating: 0, count: count)
    for index in 0..<data.interactionCount where isBrand[Int(data.interactionTargets[index])] {
      let actor = Int(data.interactionActors[index])
      brandInteractions[actor] += 1
      let time = data.interactionTimes[index]
      lastBrandTime[actor] = max(lastBrandTime[actor] ?? time, time)
    }
    // Distinct (actor, target) pairs by sorting packed pairs: a Set of a million pairs took
    // seconds in a debug build of a 1M-post store.
    var engagerPairs: [UInt64] = []
    var passedOnPairs: [UInt64] = []
    engagerPairs.reserveCapacity(data.interactionCount)
    for index in 0..<data.interactionCount {
      let actor = data.interactionActors[index]
      let target = data.interactionTargets[index]
      let pair = UInt64(target) << 32 | UInt64(actor)
      engagerPairs.append(pair)
      // A brand account passing engagement between brand accounts is not reach gained.
      guard !isBrand[Int(target)], !isBrand[Int(actor)],
        let last = lastBrandTime[Int(actor)], data.interactionTimes[index] <= last
      else { continue }
      passedOnPairs.append(pair)
    }
    let engagers = Self.distinctActors(engagerPairs, count: count)
    let brandEngagers = Self.distinctActors(passedOnPairs, count: count)
    metrics = [
      .brandInteractions: brandInteractions, .brandEngagers: brandEngagers,
      .engagers: engagers, .score: ranking.contributions.map(\.score),
    ]
    features = [
      .inDegree: ranking.interactionsIn.map { Self.logCount(Double($0)) },
      .engagers: engagers.map(Self.logCount),
      .given: ranking.interactionsOut.map { Self.logCount(Double($0)) },
    ]
  }

  /// Per target, how many distinct actors the packed (target << 32 | actor) pairs hold.
  static func distinctActors(_ pairs: [UInt64], count: Int) -> [Double] {
    var counts = [Double](repeating: 0, count: count)
    var previous: UInt64?
    for pair in pairs.sorted() where pair != previous {
      counts[Int(pair >> 32)] += 1
      previous = pair
    }
    return counts
  }

  static func logCount(_ count: Double) -> Double { log1p(count) }
}
