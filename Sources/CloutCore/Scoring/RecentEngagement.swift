import Foundation

/// The features of the score's second time scale: freshness (the decay of the last engagement
/// each account received) and activity at the activity half-life.
///
/// Why a second time scale: on held-out real timelines (a week of news-event tweets, two weeks
/// of a news site's reply threads) who is engaged next follows both an account's standing
/// over the whole window and what happened in the last hours; one half-life for every part
/// had to give up one of them (see the Calibration section of the README).
public enum RecentEngagement {
  /// When each graph account was last engaged by another account. Filled in by the passes
  /// that already walk every interaction (`InfluenceRanking`'s edge inputs, the calibration's
  /// shared structure), so freshness costs no pass of its own.
  public struct LastEngagement: Sendable {
    var times: [Int64]
    var engaged: [Bool]

    public init(accountCount: Int) {
      times = [Int64](repeating: .min, count: accountCount)
      engaged = [Bool](repeating: false, count: accountCount)
    }

    /// Notes an interaction; self-interactions are not engagement.
    @inline(__always)
    public mutating func record(actor: Int, target: Int, time: Int64) {
      guard actor != target else { return }
      if time > times[target] { times[target] = time }
      engaged[target] = true
    }

    /// 0.5^(age of the last engagement / `weighting`'s half-life), 1 without decay, 0 for an
    /// account nobody else engaged.
    public func freshness(weighting: InteractionWeighting, asOf: Int64) -> [Double] {
      let reference = Double(asOf)
      return times.indices.map { node in
        engaged[node] ? weighting.decay(age: reference - Double(times[node])) : 0
      }
    }
  }

  /// ln(1 + Σ weighted, decayed interactions received from other accounts) per graph account,
  /// each interaction weighted by `weighting`: the activity feature at a half-life that is
  /// not the graph's (at the graph's, `InfluenceScore.activity(graph:)` is that feature).
  public static func activity(
    data: EngagementData, weighting: InteractionWeighting, asOf: Int64
  ) -> [Double] {
    var sums = [Double](repeating: 0, count: data.graphAccountCount)
    for index in 0..<data.interactionCount {
      let target = Int(data.interactionTargets[index])
      guard Int(data.interactionActors[index]) != target else { continue }
      sums[target] += data.weight(ofInteraction: index, weighting: weighting, asOf: asOf)
    }
    return sums.map { log1p($0) }
  }
}
