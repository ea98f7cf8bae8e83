import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing

/// How many of a map's labels are hidden, measured from the SVG the way a reader sees it: a
/// label box that overlaps another account's circle or another label box counts.
struct LabelOverlap {
  struct Box {
    var minX, minY, maxX, maxY: Double
    var owner: Int

    func intersects(_ other: Box) -> Bool {
      minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    func intersects(x: Double, y: Double, radius: Double) -> Bool {
      let dx = x - max(minX, min(x, maxX))
      let dy = y - max(minY, min(y, maxY))
      return dx * dx + dy * dy < radius * radius
    }
  }

  /// Circles by owner (the node's position in the DOT, 1…).
  var circles: [(x: Double, y: Double, radius: Double, owner: Int)] = []
  var labels: [Box] = []

  /// Reads Graphviz's SVG: node groups `nodeK` hold circle K (and, for `xlabel`s, its label
  /// box); a group titled `lK` is the label of circle K.
  init(svg: Data) {
    let xml = XMLElements(svg)
    for group in xml.named("g") where group.attributes["class"] == "node" {
      let id = group.attributes["id"] ?? ""
      let title = xml.children(of: group.index, named: "title").first?.text ?? ""
      var descendants: [XMLElements.Element] = []
      var open = [group.index]
      while let next = open.popLast() {
        for element in xml.elements where element.parent == next {
          descendants.append(element)
          open.append(element.index)
        }
      }
      let labelOwner = title.hasPrefix("l") ? Int(title.dropFirst()) : nil
      let nodeOwner = Int(id.dropFirst(4)) ?? 0
      for element in descendants {
        if element.name == "ellipse", labelOwner == nil,
          let x = Double(element.attributes["cx"] ?? ""),
          let y = Double(element.attributes["cy"] ?? ""),
          let r = Double(element.attributes["rx"] ?? "")
        {
          circles.append((x, y, r, nodeOwner))
        }
        if element.name == "polygon", let points = element.attributes["points"] {
          let pairs = points.split(separator: " ").compactMap { pair -> (Double, Double)? in
            let parts = pair.split(separator: ",").compactMap { Double($0) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
          }
          guard !pairs.isEmpty else { continue }
          labels.append(
            Box(
              minX: pairs.map(\.0).min()!, minY: pairs.map(\.1).min()!,
              maxX: pairs.map(\.0).max()!, maxY: pairs.map(\.1).max()!,
              owner: labelOwner ?? nodeOwner))
        }
      }
    }
  }

  /// The labels that overlap another owner's circle or another label.
  var hidden: Int {
    labels.enumerated().filter { index, box in
      circles.contains {
        $0.owner != box.owner && box.intersects(x: $0.x, y: $0.y, radius: $0.radius)
      }
        || labels.enumerated().contains { other, otherBox in
          other != index && box.intersects(otherBox)
        }
    }.count
  }

  var owners: Set<Int> { Set(labels.map(\.owner)) }
}

@Suite struct MapLabelOverlapTests {
  /// The helper finds overlaps it is shown: two labels on one spot, and a label on a circle.
  @Test func theMeasureSeesOverlaps() throws {
    let svg = """
      <svg xmlns="http://www.w3.org/2000/svg"><g id="graph0" class="graph">
      <g id="node1" class="node"><ellipse cx="0" cy="0" rx="10" ry="10"/></g>
      <g id="node2" class="node"><ellipse cx="100" cy="0" rx="10" ry="10"/></g>
      <g id="node3" class="node"><title>l1</title><polygon points="85,-5 130,-5 130,5 85,5"/></g>
      <g id="node4" class="node"><title>l2</title><polygon points="120,-4 160,-4 160,4 120,4"/></g>
      <g id="node5" class="node"><title>l1</title><polygon points="12,20 40,20 40,30 12,30"/></g>
      </g></svg>
      """
    let measure = LabelOverlap(svg: Data(svg.utf8))
    #expect(measure.circles.count == 2)
    #expect(measure.labels.count == 3)
    // l1 over circle 2 and over l2; l2 over l1; the third box is clear.
    #expect(measure.hidden == 2)
  }

  /// The fixture maps at 150 accounts and at all 423: at most 5% of labels hidden, and the
  /// ten best accounts all labelled.
  @Test(arguments: [150, 500]) func labelsAreNotHidden(top: Int) throws {
    let directory = try TemporaryDirectory()
    let db = try MapCommandTests.store(directory)
    let out = directory.path("map.svg")
    let run = try CloutProcess.run(["map", "--db", db, "--out", out, "--top", "\(top)"])
    #expect(run.status == 0, "\(run.stderr)")
    let measure = LabelOverlap(svg: try Data(contentsOf: URL(fileURLWithPath: out)))
    #expect(measure.labels.count >= 10)
    #expect(
      Double(measure.hidden) <= 0.05 * Double(measure.labels.count),
      "\(measure.hidden) of \(measure.labels.count) labels hidden")
    #expect(Set(1...10).isSubset(of: measure.owners), "\(measure.owners.sorted())")
  }
}

@Suite struct MapSummaryTests {
  /// `--summary` draws one circle per community, as many as `clout communities` lists (up to
  /// --top), each labelled with the community's id and best account, none hidden.
  @Test func oneLabelledCirclePerCommunity() throws {
    let directory = try TemporaryDirectory()
    let db = try MapCommandTests.store(directory)
    let listed = try CloutProcess.run(["communities", "--db", db, "--format", "json"])
    let communities =
      try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
    let total = try CloutProcess.run([
      "communities", "--db", db, "--format", "json", "--min-size", "1",
    ])
    let all = try JSONSerialization.jsonObject(with: Data(total.stdout.utf8)) as? [[String: Any]]
    let out = directory.path("summary.svg")
    let run = try CloutProcess.run(["map", "--db", db, "--out", out, "--summary", "--top", "12"])
    #expect(run.status == 0, "\(run.stderr)")
    let svg = try Data(contentsOf: URL(fileURLWithPath: out))
    let measure = LabelOverlap(svg: svg)
    #expect(measure.circles.count == min(12, all?.count ?? 0))
    #expect(measure.hidden == 0)
    let text = String(decoding: svg, as: UTF8.self)
    let first = communities.first
    let best =
      ((first?["top_accounts"] as? [[String: Any]])?.first?["account"] as? String) ?? "?"
    #expect(text.contains(">1: \(best), "), "\(best) does not label community 1")
  }
}
