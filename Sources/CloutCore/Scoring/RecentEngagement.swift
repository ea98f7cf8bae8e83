import Foundation

/// The features of the score's second time scale, from one pass over the interactions:
/// freshness (the decay of the last engagement each account received) and, when the activity
/// half-life differs from the graph's, activity at that half-life.
///
/// Why a second time scale: on held-out real timelines (a week of news-event tweets, two weeks
/// of a news site's reply threads) who is engaged next follows both an account's standing
/// over the whole window and what happened in the last hours; one half-life for every part
/// had to give up one of them (see the Calibration section of the README).
public struct RecentEngagement: Sendable {
  /// Per graph account: the activity feature at the activity half-life, or nil when it
  /// equals the graph's half-life (then `InfluenceScore.activity(graph:)` is that feature).
  public var activity: [Double]?
  /// Per graph account: 0.5^(age of the last engagement received / activity half-life), 1
  /// without decay, 0 when nobody else engaged it.
  public var freshness: [Double]

  /// `weighting` carries the type weights and the activity half-life; `computesActivity`
  /// false leaves `activity` nil.
  public init(
    data: EngagementData, weighting: InteractionWeighting, asOf: Int64, computesActivity: Bool
  ) {
    let n = data.graphAccountCount
    var last = [Int64](repeating: .min, count: n)
    var received = [Bool](repeating: false, count: n)
    var sums = [Double](repeating: 0, count: computesActivity ? n : 0)
    for index in 0..<data.interactionCount {
      let target = Int(data.interactionTargets[index])
      guard Int(data.interactionActors[index]) != target else { continue }
      last[target] = max(last[target], data.interactionTimes[index])
      received[target] = true
      if computesActivity {
        sums[target] += data.weight(ofInteraction: index, weighting: weighting, asOf: asOf)
      }
    }
    activity = computesActivity ? sums.map { log1p($0) } : nil
    let reference = Double(asOf)
    freshness = (0..<n).map { node in
      received[node] ? weighting.decay(age: reference - Double(last[node])) : 0
    }
  }
}
