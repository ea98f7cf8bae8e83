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
    var engagerPairs = Set<UInt64>()
    var passedOnPairs = Set<UInt64>()
    var engagers = [Double](repeating: 0, count: count)
    var brandEngagers = [Double](repeating: 0, count: count)
    for index in 0..<data.interactionCount {
      let actor = data.interactionActors[index]
      let target = data.interactionTargets[index]
      let pair = UInt64(actor) << 32 | UInt64(target)
      if engagerPairs.insert(pair).inserted { engagers[Int(target)] += 1 }
      // A brand account passing engagement between brand accounts is not reach gained.
      guard !isBrand[Int(target)], !isBrand[Int(actor)],
        let last = lastBrandTime[Int(actor)], data.interactionTimes[index] <= last
      else { continue }
      if passedOnPairs.insert(pair).inserted { brandEngagers[Int(target)] += 1 }
    }
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

  static func logCount(_ count: Double) -> Double { log1p(count) }
}
