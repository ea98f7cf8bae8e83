/// The teleport distribution of PageRank personalized to seed accounts (a brand's own
/// accounts): half of it on the seeds, half on the accounts that engage them, in proportion to
/// the weight of their edges into the seeds.
///
/// Why not the seeds alone: a brand usually engages no one, so a walk that restarts only at
/// the brand never leaves it (its dangling mass returns to the teleport, that is to itself):
/// the brand got PageRank 0.9999999998 and every other account 0. Restarting also at the
/// accounts that engage the brand sends the walk through the conversation around it, so the
/// accounts that brand's audience engages rank, and accounts unconnected to that audience
/// stay at 0 as personalization intends. Seeds with no engagers keep all of the mass.
public enum SeedTeleport {
  public static func vector(graph: InteractionGraph, seeds: [Int]) -> [Double] {
    let n = graph.nodeCount
    var vector = [Double](repeating: 0, count: n)
    let valid = Array(Set(seeds.filter { $0 >= 0 && $0 < n })).sorted()
    guard !valid.isEmpty else { return vector }
    let isSeed = Set(valid)
    var engagement = [Double](repeating: 0, count: n)
    var total = 0.0
    for seed in valid {
      for (source, weight) in zip(graph.inNeighbors(of: seed), graph.inEdgeWeights(of: seed))
      where !isSeed.contains(Int(source)) {
        engagement[Int(source)] += Double(weight)
        total += Double(weight)
      }
    }
    let seedShare = total > 0 ? 0.5 : 1.0
    for seed in valid { vector[seed] = seedShare / Double(valid.count) }
    if total > 0 {
      for node in 0..<n where engagement[node] > 0 {
        vector[node] += (1 - seedShare) * engagement[node] / total
      }
    }
    return vector
  }
}
