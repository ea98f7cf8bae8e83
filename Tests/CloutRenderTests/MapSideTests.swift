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
