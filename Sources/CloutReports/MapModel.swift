import Foundation
import CloutCore
import CloutRender

/// Turns a ranking (and its communities) into the plain values `MapDOT` draws: which
/// accounts, which edges, their sizes, colors, labels, and the words around the map.
public struct MapModel {
  public let dot: MapDOT

  /// `hidden`: accounts left off the map (the seed accounts, as `rank` leaves them out).
  public init(
    result: InfluenceRanking, analysis: CommunityAnalysis?, top: Int, labels: Int?,
    layout: String, title: String?, storePath: String, graphvizVersion: String,
    hidden: Set<Int> = []
  ) {
    let shown = Array(
      result.order.lazy.map(Int.init).filter { !hidden.contains($0) }.prefix(top))
    var position = [Int: Int](minimumCapacity: shown.count)
    for (index, node) in shown.enumerated() { position[node] = index }
    let accounts = result.data.accounts
    let scores = result.contributions.map(\.score)
    let best = shown.first.map { scores[$0] } ?? 0

    // Colors: up to seven communities or platforms get the palette; the rest share grey.
    let platformNames = Self.platforms(shown, accounts)
    let keys: [Int] = shown.map { node in
      analysis.map { $0.community(of: node) } ?? platformNames.firstIndex(
        of: accounts[node].platform)!
    }
    var counts: [Int: Int] = [:]
    for key in keys { counts[key, default: 0] += 1 }
    // The groups that matter on this map: most shown accounts first (ties: the lower id, which
    // for communities is the higher total score), and only groups of two or more shown
    // accounts; a colour for a lone account tells a reader nothing the tooltip does not.
    // Platforms (--no-communities) are few and all coloured.
    let colored = counts.keys.filter { analysis == nil || counts[$0]! >= 2 }.sorted { lhs, rhs in
      counts[lhs]! != counts[rhs]! ? counts[lhs]! > counts[rhs]! : lhs < rhs
    }.prefix(MapStyle.palette.count)
    var colorIndex: [Int: Int] = [:]
    for (index, key) in colored.enumerated() { colorIndex[key] = index }
    func groupName(_ key: Int) -> String {
      analysis != nil ? "community \(key)" : platformNames[key]
    }
    let labelCount = labels ?? min(40, max(10, top / 4))
    // Bridges outside the labeled top get a label too, but only the best-ranked few: in a
    // loosely knit graph most accounts are bridges, and labeling them all piles labels up.
    var bridgeLabels = Set<Int>()
    if let analysis {
      let extra = max(5, labelCount / 4)
      for (index, node) in shown.enumerated()
      where index >= labelCount && analysis.isBridge(node) && bridgeLabels.count < extra {
        bridgeLabels.insert(index)
      }
    }
    let raw = result.edges(among: shown).map { edge in
      (source: position[edge.source]!, target: position[edge.target]!, weight: edge.weight)
    }
    // Rings: a bridge (participation >= 0.5 over the whole graph) is ringed on this map only
    // when its edges here reach at least two communities besides its own, and at most a quarter
    // of the shown accounts are ringed (the highest participation first): in a loosely knit
    // graph most accounts are bridges, and a map where most circles are ringed says nothing.
    var ringed = Set<Int>()
    if let analysis {
      var reached = [Set<Int>](repeating: [], count: shown.count)
      for edge in raw {
        reached[edge.source].insert(analysis.community(of: shown[edge.target]))
        reached[edge.target].insert(analysis.community(of: shown[edge.source]))
      }
      let coefficients = analysis.participation.coefficients
      let strong = shown.indices.filter { index in
        let node = shown[index]
        return analysis.isBridge(node)
          && reached[index].subtracting([analysis.community(of: node)]).count >= 2
      }.sorted { lhs, rhs in
        let (a, b) = (coefficients[shown[lhs]], coefficients[shown[rhs]])
        return a != b ? a > b : lhs < rhs
      }
      ringed = Set(strong.prefix(Swift.max(1, shown.count / 4)))
    }
    let lowest = shown.last.map { scores[$0] } ?? 0
    var nodes: [MapDOT.Node] = []
    for (index, node) in shown.enumerated() {
      let account = accounts[node]
      let bridge = analysis?.isBridge(node) ?? false
      let name = Self.label(account)
      var tooltip =
        "\(name) — rank \(index + 1), score \(DecimalText.fixed(scores[node], places: 3))"
      if analysis != nil { tooltip += ", \(groupName(keys[index]))" }
      if bridge { tooltip += ", bridge" }
      nodes.append(
        MapDOT.Node(
          label: index < labelCount || bridgeLabels.contains(index) ? name : nil, tooltip: tooltip,
          diameter: MapStyle.diameter(score: scores[node], maximum: best),
          fillColor: MapStyle.color(forGroup: colorIndex[keys[index]] ?? -1),
          bridge: ringed.contains(index),
          fontSize: MapStyle.fontSize(score: scores[node], minimum: lowest, maximum: best)))
    }

    let graph = result.graph
    let heaviest = raw.map(\.weight).max() ?? 0
    let edgeColor = MapStyle.edgeColor(edgeCount: raw.count)
    let edges = raw.map { edge in
      MapDOT.Edge(
        source: edge.source, target: edge.target,
        width: MapStyle.edgeWidth(weight: edge.weight, maximum: heaviest),
        color: edgeColor)
    }

    var swatches = colored.map { key in
      MapDOT.Swatch(
        color: MapStyle.palette[colorIndex[key]!], text: "\(groupName(key)) (\(counts[key]!))")
    }
    if counts.count > colored.count {
      let rest = keys.count - colored.reduce(0) { $0 + counts[$1]! }
      let what = analysis != nil ? "communities" : "platforms"
      swatches.append(
        MapDOT.Swatch(
          color: MapStyle.otherColor,
          text: "\(counts.count - colored.count) other \(what) (\(rest))"))
    }

    let g = NumberFormatting.grouped
    let data = result.data
    let platforms = Set(accounts.prefix(data.graphAccountCount).map(\.platform)).sorted()
    let times = data.interactionTimes
    let from = data.since ?? times.min() ?? 0
    let until = data.until ?? times.max() ?? 0
    let weighting = result.parameters.weighting
    let typeWeights = InteractionType.allCases.map {
      "\($0) \(NumberFormatting.fixed(weighting.typeWeight($0), digits: 2))"
    }
    let halfLife = weighting.halfLife.map(TimeScale.text)
    let decay: String = halfLife.map { " halved every \($0)" } ?? " without time decay"
    var caption = [
      "Data: \(Self.fileName(storePath)), \(platforms.joined(separator: ", ")), "
        + "\(TimeText.date(from)) to \(TimeText.date(until)): "
        + "\(g(data.interactionCount)) interactions among \(g(graph.nodeCount)) accounts.",
      "Shown: the \(g(shown.count)) highest-scoring accounts and the \(g(edges.count)) "
        + "interaction edges among them (of \(g(graph.edgeCount))).",
      "Edge weight: the sum over interactions of type weight (\(typeWeights.joined(separator: ", ")))"
        + decay + ".",
    ]
    if let analysis {
      caption.append(
        "Communities: Leiden on the undirected weighted graph, resolution "
          + "\(analysis.resolution), seed \(analysis.seed): \(g(analysis.summary.communities.count))"
          + " communities, modularity \(DecimalText.fixed(analysis.partition.modularity, places: 3))."
      )
    }
    caption.append(
      "Drawn by Clout \(CloutCore.version) with Graphviz \(graphvizVersion) (\(layout)).")

    // Two lines, not one: with the six parts named, one line ran past
    // `MapDOT.headerLineLimit` and every map lost its range of shown scores to the "…".
    var legend = [
      "Circle area: \(ScoreDefinition.legendText(weights: result.scoring.effectiveWeights)), "
        + "proportional to the score from zero "
        + "(key at the right).",
      "Shown scores: \(DecimalText.fixed(lowest, places: 3)) to "
        + "\(DecimalText.fixed(best, places: 3)); scores below "
        + "\(Self.score(MapStyle.smallestDotScore(maximum: best))) are drawn at the smallest dot.",
      "Arrow A → B: A replied to, quoted, reposted or mentioned B; wider = more weight.",
    ]
    legend.append(
      analysis != nil
        ? "Color: community (count on this map). Dark ring: a bridge whose edges on this map reach "
          + "two or more other communities (\(ringed.count) here)."
        : "Color: platform (count on this map).")
    legend.append(
      "Labels: the top \(min(labelCount, shown.count)) accounts"
        + (bridgeLabels.isEmpty ? "" : " and \(bridgeLabels.count) more bridges")
        + ", each where it fits beside its circle without covering another circle or label"
        + "; hover over a circle in the SVG for its name.")

    var dot = MapDOT(
      title: title ?? "Who makes others engage: the top \(g(shown.count)) accounts",
      caption: caption, swatches: swatches, legend: legend, nodes: nodes, edges: edges)
    dot.sizeKey = MapStyle.referenceScores(maximum: best).map {
      MapDOT.SizeKey(diameter: MapStyle.diameter(score: $0, maximum: best), text: Self.score($0))
    }
    self.dot = dot
  }

  /// A reference score as the key prints it: three decimals, or two significant digits when
  /// that would read 0.000.
  static func score(_ value: Double) -> String {
    value >= 0.001 || value == 0
      ? DecimalText.fixed(value, places: 3) : String(format: "%.1e", value)
  }

  /// `display name (@handle)` when the display name adds something, else the handle.
  public static func label(_ account: AccountInfo) -> String {
    let name = account.name
    guard let display = account.displayName?.trimmingCharacters(in: .whitespaces),
      !display.isEmpty, display.lowercased() != name.lowercased()
    else { return name }
    let short = display.count > 28 ? String(display.prefix(27)) + "…" : display
    // A right-to-left name would make the whole label a right-to-left paragraph, and the
    // bidirectional algorithm then draws "(@salma)" as "(salma@)" on the name's left. A
    // left-to-right mark first keeps the label's direction that of its handle; the name
    // itself still reads right to left. Pango draws no glyph for the mark.
    let mark = display.unicodeScalars.contains(where: isRightToLeft) ? "\u{200E}" : ""
    return "\(mark)\(short) (@\(name))"
  }

  /// Whether `scalar` belongs to a right-to-left script block (Hebrew, Arabic, Syriac, Thaana,
  /// N'Ko, Samaritan, Mandaic and their presentation forms; the historic scripts of the
  /// U+10800–U+10FFF and U+1E800–U+1EFFF ranges). The standard library exposes no
  /// bidirectional class, and the blocks are what the labels need.
  static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF,
      0x1E800...0x1EFFF:
      true
    default: false
    }
  }

  /// The sorted platforms of the shown accounts; a platform's key is its index here.
  public static func platforms(_ shown: [Int], _ accounts: [AccountInfo]) -> [String] {
    Set(shown.map { accounts[$0].platform }).sorted()
  }

  public static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
