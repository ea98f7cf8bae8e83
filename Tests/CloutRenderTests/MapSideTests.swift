import Foundation
import Testing

@testable import CloutRender

/// The size key and the isolated accounts' grid, read back from the rendered SVG.
@Suite struct MapSideTests {
  /// Six connected accounts (a star on n1) and four with no edge among the shown.
  static func map() -> MapDOT {
    let scores = [1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.9, 0.2, 0.1, 0.05]
    let nodes = scores.enumerated().map { index, score in
      MapDOT.Node(
        label: "account \(index + 1)", tooltip: "account \(index + 1)",
        diameter: MapStyle.diameter(score: score, maximum: 1), fillColor: "#0072B2",
        bridge: false, fontSize: 10)
    }
    let edges = (1..<6).map { MapDOT.Edge(source: $0, target: 0, width: 1, color: "#55555566") }
    var dot = MapDOT(
      title: "t", caption: [], swatches: [], legend: [], nodes: nodes, edges: edges)
    dot.sizeKey = MapStyle.referenceScores(maximum: 1).map {
      MapDOT.SizeKey(diameter: MapStyle.diameter(score: $0, maximum: 1), text: "\($0)")
    }
    return dot
  }

  /// Circle centres by node title (`n3`, `k1`…), SVG coordinates.
  static func circles(_ svg: String) -> [String: (x: Double, y: Double, r: Double)] {
    var out: [String: (x: Double, y: Double, r: Double)] = [:]
    for group in svg.components(separatedBy: "<g id=\"node").dropFirst() {
      guard let title = group.firstMatch(of: /<title>([^<]*)<\/title>/)?.1,
        let ellipse = group.firstMatch(
          of: /<ellipse[^>]* cx="([-0-9.]+)" cy="([-0-9.]+)" rx="([0-9.]+)"/),
        let x = Double(ellipse.1), let y = Double(ellipse.2), let r = Double(ellipse.3)
      else { continue }
      out[String(title)] = (x, y, r)
    }
    return out
  }

  @Test func referenceScoresAreRoundAndSpanTheMap() {
    #expect(MapStyle.referenceScores(maximum: 0.8731) == [0.87, 0.21, 0.034])
    #expect(MapStyle.referenceScores(maximum: 0).isEmpty)
  }

  @Test func isolatedAccountsSitInAGridBesideTheMapUnderTheSizeKey() throws {
    let svg = String(
      decoding: try Self.map().render(layout: "sfdp", format: "svg"), as: UTF8.self)
    #expect(svg.contains(">not connected to the others shown</text>"))
    #expect(svg.contains(">Circle area ∝ score</text>"))
    let circles = Self.circles(svg)
    // The key: three circles whose areas go as their scores (1, 0.25, 0.04).
    let key = ["k1", "k2", "k3"].compactMap { circles[$0] }
    try #require(key.count == 3)
    #expect(abs(key[1].r * key[1].r / (key[0].r * key[0].r) - 0.25) < 0.01)
    #expect(abs(key[2].r * key[2].r / (key[0].r * key[0].r) - 0.04) < 0.01)
    let connected = (1...6).compactMap { circles["n\($0)"] }
    let isolated = (7...10).compactMap { circles["n\($0)"] }
    try #require(connected.count == 6 && isolated.count == 4)
    let rightmost = connected.map { $0.x + $0.r }.max()!
    #expect(isolated.allSatisfy { $0.x - $0.r > rightmost })
    // Under the key (SVG y grows downwards), and compact: within a few cells of each other.
    let keyBottom = key.map { $0.y + $0.r }.max()!
    #expect(isolated.allSatisfy { $0.y > keyBottom })
    let spread = isolated.map(\.y).max()! - isolated.map(\.y).min()!
    #expect(spread < 4 * 72)
  }
}

/// The RumourEval shape: a few connected accounts and many top accounts with no edge among
/// the shown, most of them labelled.
@Suite struct MapSideLabelTests {
  static func map() -> MapDOT {
    let nodes = (0..<40).map { index in
      let score = 1 - Double(index) / 50
      return MapDOT.Node(
        label: index < 24 ? "account number \(index + 1)" : nil, tooltip: "\(index + 1)",
        diameter: MapStyle.diameter(score: score, maximum: 1), fillColor: "#BBBBBB",
        bridge: false, fontSize: 10)
    }
    // n3 to n8 connected (a star on n3), everything else isolated: the top two are too.
    let edges = (3..<8).map { MapDOT.Edge(source: $0, target: 2, width: 1, color: "#55555566") }
    var dot = MapDOT(
      title: "t", caption: [], swatches: [], legend: [], nodes: nodes, edges: edges)
    dot.sizeKey = MapStyle.referenceScores(maximum: 1).map {
      MapDOT.SizeKey(diameter: MapStyle.diameter(score: $0, maximum: 1), text: "\($0)")
    }
    return dot
  }

  /// Label boxes by owner (`lK` groups), SVG coordinates.
  static func labels(_ svg: String) -> [Int: (
    minX: Double, minY: Double, maxX: Double, maxY: Double
  )] {
    var out: [Int: (minX: Double, minY: Double, maxX: Double, maxY: Double)] = [:]
    for group in svg.components(separatedBy: "<g id=\"node").dropFirst() {
      guard let owner = group.firstMatch(of: /<title>l([0-9]+)<\/title>/)?.1,
        let points = group.firstMatch(of: /<polygon[^>]* points="([^"]+)"/)?.1
      else { continue }
      let pairs = points.split(separator: " ").map {
        $0.split(separator: ",").compactMap { Double($0) }
      }
      out[Int(owner)!] = (
        pairs.map { $0[0] }.min()!, pairs.map { $0[1] }.min()!, pairs.map { $0[0] }.max()!,
        pairs.map { $0[1] }.max()!
      )
    }
    return out
  }

  /// The isolated accounts' labels sit straight beside their own circle in the grid (no leader
  /// line), and every connected account's label lies left of the column, so no label or
  /// leader crosses the heading or the grid.
  @Test func gridLabelsSitBesideTheirCirclesAndNothingCrossesTheColumn() throws {
    let svg = String(
      decoding: try Self.map().render(layout: "sfdp", format: "svg"), as: UTF8.self)
    let circles = MapSideTests.circles(svg)
    let labels = Self.labels(svg)
    let isolated = [1, 2] + Array(9...40)
    let grid = isolated.compactMap { circles["n\($0)"] }
    try #require(grid.count == isolated.count)
    let columnLeft = grid.map { $0.x - $0.r }.min()!
    for node in isolated where node <= 24 {
      let circle = try #require(circles["n\(node)"])
      let label = try #require(labels[node], "isolated n\(node) lost its label")
      // Beside it: starting a few points right of the circle, centred on its middle.
      #expect(label.minX > circle.x + circle.r && label.minX < circle.x + circle.r + 6)
      #expect(abs((label.minY + label.maxY) / 2 - circle.y) < 1)
      #expect(!svg.contains("<title>n\(node)&#45;&gt;l\(node)</title>"))
    }
    for node in 3...8 {
      guard let label = labels[node] else { continue }
      #expect(label.maxX < columnLeft, "label of n\(node) reaches into the column")
    }
    // The heading sits above the grid, starting where the grid starts.
    let heading = try #require(
      svg.firstMatch(
        of: /<text text-anchor="start" x="([-0-9.]+)" y="([-0-9.]+)"[^>]*>not connected/))
    let headingY = Double(heading.2)!
    #expect(grid.allSatisfy { $0.y - $0.r > headingY })
    #expect(
      abs(Double(heading.1)! - columnLeft) < 1.5, "heading at \(heading.1), grid at \(columnLeft)")
  }
}
