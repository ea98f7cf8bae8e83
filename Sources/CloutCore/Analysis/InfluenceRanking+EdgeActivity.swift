extension InfluenceRanking {
  /// One edge of the ranking's graph with what made it: how many interactions of each type,
  /// and when the first and the last of them happened. What `clout export` writes per edge.
  public struct EdgeActivity: Sendable, Equatable {
    public var source: Int
    public var target: Int
    /// The merged edge weight as the graph stores it (decayed type weights, summed).
    public var weight: Double
    /// Interactions per type, in `InteractionType.allCases` order.
    public var counts: [Int]
    /// Unix seconds (UTC) of the first and the last interaction.
    public var first: Int64
    public var last: Int64

    public var interactions: Int { counts.reduce(0, +) }
  }

  /// Calls `body` for every graph edge from one of `sources` to a node `includes` accepts:
  /// sources in the order given, each source's edges by target.
  ///
  /// Memory: the interactions are grouped by actor with one counting sort (4 bytes per
  /// interaction and 8 per node), and each source's edges are summed in arrays as long as its
  /// out-degree, so a caller can write 10M interactions' edges without holding them all.
  /// Interactions that made no edge (a type weighted 0, which the graph leaves out) are not
  /// counted.
  public func forEachEdgeActivity(
    from sources: [Int], to includes: (Int) -> Bool, _ body: (EdgeActivity) throws -> Void
  ) rethrows {
    let count = data.interactionCount
    let nodes = graph.nodeCount
    var start = [Int](repeating: 0, count: nodes + 1)
    for index in 0..<count { start[Int(data.interactionActors[index]) + 1] += 1 }
    for node in 0..<nodes { start[node + 1] += start[node] }
    var fill = start
    var byActor = [UInt32](repeating: 0, count: count)
    for index in 0..<count {
      let actor = Int(data.interactionActors[index])
      byActor[fill[actor]] = UInt32(index)
      fill[actor] += 1
    }
    fill = []

    let types = InteractionType.allCases
    var typeIndex: [InteractionType: Int] = [:]
    for (position, type) in types.enumerated() { typeIndex[type] = position }
    var counts: [Int] = []
    var first: [Int64] = []
    var last: [Int64] = []
    for source in sources {
      let targets = graph.outNeighbors(of: source)
      let weights = graph.outEdgeWeights(of: source)
      let degree = targets.count
      guard degree > 0 else { continue }
      counts = [Int](repeating: 0, count: degree * types.count)
      first = [Int64](repeating: .max, count: degree)
      last = [Int64](repeating: .min, count: degree)
      for slot in start[source]..<start[source + 1] {
        let index = Int(byActor[slot])
        let target = data.interactionTargets[index]
        guard let edge = Self.position(of: target, in: targets) else { continue }
        counts[edge * types.count + typeIndex[data.interactionTypes[index]]!] += 1
        let time = data.interactionTimes[index]
        first[edge] = min(first[edge], time)
        last[edge] = max(last[edge], time)
      }
      for (edge, target) in targets.enumerated() where includes(Int(target)) {
        let row = Array(counts[edge * types.count..<(edge + 1) * types.count])
        try body(
          EdgeActivity(
            source: source, target: Int(target),
            weight: Double(weights[weights.startIndex + edge]), counts: row,
            first: first[edge] == .max ? 0 : first[edge], last: last[edge] == .min ? 0 : last[edge]
          ))
      }
    }
  }

  /// The offset of `target` in an ascending slice of out-neighbours, by binary search.
  private static func position(of target: UInt32, in targets: ArraySlice<UInt32>) -> Int? {
    var low = targets.startIndex
    var high = targets.endIndex
    while low < high {
      let middle = (low + high) / 2
      if targets[middle] < target { low = middle + 1 } else { high = middle }
    }
    return low < targets.endIndex && targets[low] == target ? low - targets.startIndex : nil
  }
}
