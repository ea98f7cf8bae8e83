/// Counts of who engaged whom in one window, the raw material of the baselines and of the
/// future side of `clout evaluate`.
public enum EngagementCounts {
  /// The interaction types that count as engagement received after the split: replies,
  /// reposts and quotes. Mentions are left out: a tag costs nothing and is not a response.
  public static let futureTypes: Set<InteractionType> = [.reply, .repost, .quote]

  /// Per graph account of `data`: the number of distinct other accounts that interacted with
  /// it through one of `types`.
  public static func distinctActors(
    _ data: EngagementData, types: Set<InteractionType> = Set(InteractionType.allCases)
  ) -> [Int] {
    var pairs: [UInt64] = []
    pairs.reserveCapacity(data.interactionCount)
    for index in 0..<data.interactionCount where types.contains(data.interactionTypes[index]) {
      let actor = data.interactionActors[index]
      let target = data.interactionTargets[index]
      guard actor != target else { continue }
      pairs.append(UInt64(target) << 32 | UInt64(actor))
    }
    pairs.sort()
    var counts = [Int](repeating: 0, count: data.graphAccountCount)
    var previous: UInt64?
    for pair in pairs where pair != previous {
      counts[Int(pair >> 32)] += 1
      previous = pair
    }
    return counts
  }
}
