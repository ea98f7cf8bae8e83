/// What the reports ask of a ranking, answered here so nothing above the core reads CSR
/// offsets or repeats how an interaction is weighted.
extension InfluenceRanking {
  /// One weighted edge of the ranking's graph.
  public struct Edge: Sendable, Equatable {
    public var source: Int
    public var target: Int
    /// The merged edge weight as the graph stores it (decayed type weights, summed).
    public var weight: Double
  }

  /// The interactions between one account and one other, as `explain` lists them.
  public struct Counterpart: Sendable, Equatable {
    /// The other account's index.
    public var account: Int
    /// Sum of the interactions' weights, in `Double` in interaction order (not the graph's
    /// `Float` edge weight), so `explain` shows the exact figure.
    public var weight: Double
    /// Interactions per type.
    public var counts: [InteractionType: Int]
  }

  /// How many distinct other accounts engage `node`: its in-degree in the graph.
  public func engagerCount(of node: Int) -> Int {
    graph.inOffsets[node + 1] - graph.inOffsets[node]
  }

  /// The edges from each of `nodes` to another of `nodes`, by source position in `nodes` and
  /// then by target node.
  public func edges(among nodes: [Int]) -> [Edge] {
    let members = Set(nodes)
    var edges: [Edge] = []
    for source in nodes {
      for (target, weight) in zip(graph.outNeighbors(of: source), graph.outEdgeWeights(of: source))
      where members.contains(Int(target)) {
        edges.append(Edge(source: source, target: Int(target), weight: Double(weight)))
      }
    }
    return edges
  }

  /// Who engages `node` and whom it engages, each strongest first (ties by account index),
  /// from one pass over the window's interactions.
  public func counterparts(of node: Int) -> (incoming: [Counterpart], outgoing: [Counterpart]) {
    var incoming: [Int: Counterpart] = [:]
    var outgoing: [Int: Counterpart] = [:]
    func add(_ other: Int, _ index: Int, to summaries: inout [Int: Counterpart]) {
      let weight = data.weight(ofInteraction: index, weighting: parameters.weighting, asOf: asOf)
      summaries[other, default: Counterpart(account: other, weight: 0, counts: [:])].weight +=
        weight
      summaries[other]!.counts[data.interactionTypes[index], default: 0] += 1
    }
    for index in 0..<data.interactionCount {
      let actor = Int(data.interactionActors[index])
      let target = Int(data.interactionTargets[index])
      if target == node { add(actor, index, to: &incoming) }
      if actor == node { add(target, index, to: &outgoing) }
    }
    func sorted(_ summaries: [Int: Counterpart]) -> [Counterpart] {
      summaries.values.sorted { lhs, rhs in
        lhs.weight != rhs.weight ? lhs.weight > rhs.weight : lhs.account < rhs.account
      }
    }
    return (sorted(incoming), sorted(outgoing))
  }
}
