import CloutCore
import CloutRender

extension MapModel {
  /// The ecosystem at a glance: one circle per community (the `top` with the highest total
  /// score), its area proportional to that total from zero, its label the community's three
  /// best accounts; an arrow A → B sums the weight of every interaction edge from a member of
  /// A to a member of B. Legible for any store size: the map has at most `top` circles.
  public static func summary(
    result: InfluenceRanking, analysis: CommunityAnalysis, top: Int, layout: String,
    title: String?, storePath: String, graphvizVersion: String
  ) -> MapDOT {
    let communities = Array(analysis.summary.communities.prefix(top))
    var position = [Int: Int]()
    for (index, community) in communities.enumerated() { position[community.id] = index }
    let scores = result.contributions.map(\.score)
    let accounts = result.data.accounts
    let biggest = communities.map(\.totalScore).max() ?? 0

    // Weight between shown communities, summed over the whole graph's edges.
    var weights: [Int: Double] = [:]
    let graph = result.graph
    for source in 0..<graph.nodeCount {
      guard let from = position[analysis.community(of: source)] else { continue }
      for (target, weight) in zip(graph.outNeighbors(of: source), graph.outEdgeWeights(of: source))
      {
        guard let to = position[analysis.community(of: Int(target))], to != from else { continue }
        weights[from * communities.count + to, default: 0] += Double(weight)
      }
    }
    let heaviest = weights.values.max() ?? 0
    let pairs = weights.keys.sorted()
    let edges = pairs.map { key in
      MapDOT.Edge(
        source: key / communities.count, target: key % communities.count,
        width: MapStyle.edgeWidth(weight: weights[key]!, maximum: heaviest),
        color: MapStyle.edgeColor(edgeCount: pairs.count))
    }

    var nodes: [MapDOT.Node] = []
    for (index, community) in communities.enumerated() {
      let best = community.members.map(Int.init).sorted { lhs, rhs in
        scores[lhs] != scores[rhs] ? scores[lhs] > scores[rhs] : lhs < rhs
      }.prefix(3).map { accounts[$0].name }
      let name = "\(community.id): " + best.joined(separator: ", ")
      let size = NumberFormatting.grouped(community.size)
      nodes.append(
        MapDOT.Node(
          label: name,
          tooltip: "community \(community.id) — \(size) accounts, total score "
            + "\(DecimalText.fixed(community.totalScore, places: 3)); best: "
            + best.joined(separator: ", "),
          diameter: MapStyle.diameter(score: community.totalScore, minimum: 0, maximum: biggest),
          fillColor: MapStyle.color(forGroup: index), bridge: false,
          fontSize: MapStyle.fontSize(score: community.totalScore, maximum: biggest)))
    }

    let g = NumberFormatting.grouped
    let data = result.data
    let platforms = Set(accounts.prefix(data.graphAccountCount).map(\.platform)).sorted()
    let times = data.interactionTimes
    let from = data.since ?? times.min() ?? 0
    let until = data.until ?? times.max() ?? 0
    let caption = [
      "Data: \(fileName(storePath)), \(platforms.joined(separator: ", ")), "
        + "\(TimeText.date(from)) to \(TimeText.date(until)): "
        + "\(g(data.interactionCount)) interactions among \(g(graph.nodeCount)) accounts.",
      "Shown: the \(g(communities.count)) communities with the highest total score (of "
        + "\(g(analysis.summary.communities.count))), Leiden resolution \(analysis.resolution), "
        + "seed \(analysis.seed), modularity "
        + "\(DecimalText.fixed(analysis.partition.modularity, places: 3)).",
      "Drawn by Clout \(CloutCore.version) with Graphviz \(graphvizVersion) (\(layout)).",
    ]
    let legend = [
      "Circle area: the community's total score, from zero (largest: "
        + "\(DecimalText.fixed(biggest, places: 3))).",
      "Label: the community's id and its three best accounts, as in 'clout communities'. "
        + "Color: the seven communities with the highest total score; the rest grey.",
      "Arrow A → B: the summed weight of interactions from members of A to members of B; "
        + "wider = more weight.",
    ]
    return MapDOT(
      title: title ?? "The ecosystem at a glance: \(g(communities.count)) communities",
      caption: caption, swatches: [], legend: legend, nodes: nodes, edges: edges)
  }
}
