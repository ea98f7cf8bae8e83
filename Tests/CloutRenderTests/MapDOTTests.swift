import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing

@testable import CloutRender

@Suite struct MapDOTTests {
  static let hostile = [
    "\"];\ndigraph x {", "<b>bold</b>", "back\\slash \\N \\G", "a & b", "🙂 emoji ✨",
    "line\nbreak\r\ttab", "]]> <!-- -->", "'single'",
  ]

  static func map(names: [String], title: String = "Title <&> \"q\"") -> MapDOT {
    let nodes = names.enumerated().map { index, name in
      MapDOT.Node(
        label: name, tooltip: name,
        diameter: MapStyle.diameter(score: 1 / Double(index + 1), maximum: 1),
        fillColor: MapStyle.color(forGroup: index % 3), bridge: index == 1, fontSize: 12)
    }
    let edges = (1..<names.count).reversed().map {
      MapDOT.Edge(source: $0, target: 0, width: 1.5, color: "#55555566")
    }
    return MapDOT(
      title: title, caption: ["Data: \"x\" <y>"],
      swatches: [.init(color: "#0072B2", text: "c & 1")],
      legend: ["Arrow A → B"], nodes: nodes, edges: edges)
  }

  @Test func htmlEscapingLeavesNoMarkupFromUserText() {
    #expect(MapDOT.html("<b>\"&'\n") == "&lt;b&gt;&quot;&amp;&#39; ")
    #expect(MapDOT.html("back\\slash") == "back\\\\slash")
    #expect(MapDOT.html("🙂") == "🙂")
  }

  @Test func quotedStringsEscapeQuotesAndBackslashes() {
    #expect(MapDOT.quoted("a\"b\\c\nd") == "\"a\\\"b\\\\\\\\c d\"")
  }

  @Test func structureIsExplicitAndOrdered() {
    let text = Self.map(names: ["alice", "bob", "carol"]).text
    #expect(text.hasPrefix("digraph \"clout\" {\n"))
    #expect(text.hasSuffix("}\n"))
    #expect(text.contains("outputorder=\"edgesfirst\""))
    #expect(text.contains("overlap=\"prism\""))
    // Nodes in the given order, edges sorted by (source, target) whatever the input order.
    let lines = text.split(separator: "\n")
    let nodeLines = lines.filter {
      $0.hasPrefix("  n") && !$0.hasPrefix("  node") && !$0.contains("->")
    }
    #expect(nodeLines.map { $0.split(separator: " ")[0] } == ["n1", "n2", "n3"])
    let edgeLines = lines.filter { $0.contains("->") }
    #expect(
      edgeLines.map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
        == ["n2 -> n1", "n3 -> n1"])
    #expect(nodeLines[1].contains("color=\"#1A1A1A\", penwidth=\"2.40\""))  // the bridge ring
  }

  @Test func hostileNamesCannotBreakOutOfTheirAttribute() throws {
    let text = Self.map(names: Self.hostile, title: "\"];\n} digraph y { <i>").text
    // One graph, exactly our statements: every line is a node, an edge, or a known header.
    #expect(text.hasPrefix("digraph \"clout\" {\n"))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 1 + 3 + Self.hostile.count + (Self.hostile.count - 1) + 1 + 1)
    // Graphviz reads it, and the drawn text is exactly the names.
    let svg = String(
      decoding: try GraphvizRenderer.render(dot: text, layout: "sfdp", format: "svg"),
      as: UTF8.self)
    #expect(XMLParser(data: Data(svg.utf8)).parse())
    #expect(svg.contains(">&lt;b&gt;bold&lt;/b&gt;</text>"))
    #expect(svg.contains(">back\\slash \\N \\G</text>"))
    #expect(svg.contains("xlink:title=\"back\\slash \\N \\G\""))
    #expect(svg.contains(">🙂 emoji ✨</text>"))
    #expect(svg.contains(">a &amp; b</text>"))
    #expect(!svg.contains("<b>bold"))
  }

  @Test func svgStylesAreSharedAndTheFileStaysValid() throws {
    let dot = Self.map(names: (1...40).map { "account \($0)" }).text
    let raw = String(
      decoding: try GraphvizRenderer.render(dot: dot, layout: "sfdp", format: "svg"),
      as: UTF8.self)
    let light = SVGStyles.hoist(raw)
    #expect(XMLParser(data: Data(light.utf8)).parse())
    #expect(light.utf8.count < raw.utf8.count)
    #expect(light.contains("<style type=\"text/css\">"))
    #expect(!light.contains("font-family=\""))
    #expect(!light.contains("<!--"))
    #expect(light.contains(">account 40</text>"))
    #expect(SVGStyles.hoist(raw) == light)
  }

  @Test func sizesGrowWithScore() {
    let small = MapStyle.diameter(score: 0.1, maximum: 1)
    let large = MapStyle.diameter(score: 1, maximum: 1)
    #expect(large == MapStyle.maximumDiameter)
    // Area is proportional to the score from zero: a tenth of the score, a tenth of the area.
    #expect(abs(small * small / (large * large) - 0.1) < 1e-12)
    // Until the smallest visible dot.
    #expect(MapStyle.diameter(score: 0.001, maximum: 1) == MapStyle.minimumDiameter)
    #expect(MapStyle.edgeWidth(weight: 0, maximum: 1) < MapStyle.edgeWidth(weight: 1, maximum: 1))
  }
}
