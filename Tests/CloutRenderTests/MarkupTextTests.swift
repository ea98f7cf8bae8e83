import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing

@testable import CloutRender

/// Names holding what XML forbids (U+FFFE, U+FFFF, controls) and names far too long for a
/// label: the DOT is read by Graphviz, the SVG by an XML parser, and the picture stays sized
/// by the map, not by a name.
/// Built at run time: Swift refuses some non-characters in `\u{…}` literals.
private func scalar(_ value: UInt32) -> String { String(Unicode.Scalar(value)!) }

@Suite struct MarkupTextTests {
  static let hostile = [
    "a\u{FFFF}b", "\u{FFFE}lead", "c\u{0}d\u{1B}e", "f\u{85}g", "h" + scalar(0xFDD0) + "i",
    "j" + scalar(0x1FFFF) + "k",
    "tab\there", "line\u{2028}sep",
  ]

  @Test func everyForbiddenScalarBecomesASpace() {
    #expect(MarkupText.cleaned("a\u{FFFF}b") == "a b")
    #expect(MarkupText.cleaned("\u{FFFE}x") == " x")
    #expect(MarkupText.cleaned("h" + scalar(0xFDD0) + "i" + scalar(0x10FFFE)) == "h i ")
    #expect(MarkupText.cleaned("ok é 🙂 \u{FFFD}") == "ok é 🙂 \u{FFFD}")
    #expect(MarkupText.xml("<a href='x'>&\u{FFFF}\"") == "&lt;a href=&#39;x&#39;&gt;&amp; &quot;")
    for name in Self.hostile {
      #expect(!MarkupText.cleaned(name).unicodeScalars.contains(where: MarkupText.isReplaced))
    }
  }

  @Test func truncationCountsScalarsAndKeepsCharactersWhole() {
    #expect(MarkupText.truncated("short", to: 10) == "short")
    #expect(MarkupText.truncated("abcdefghijkl", to: 5) == "abcd…")
    #expect(MarkupText.truncated("🙂🙂🙂🙂🙂🙂", to: 4) == "🙂🙂🙂…")
    // One character of 10,000 scalars is cut by scalars.
    let combining = "x" + String(repeating: "\u{301}", count: 10_000)
    #expect(MarkupText.truncated(combining, to: 8).unicodeScalars.count == 8)
  }

  static func map(names: [String], title: String = "T", caption: [String] = ["c"]) -> MapDOT {
    let nodes = names.map {
      MapDOT.Node(
        label: $0, tooltip: $0, diameter: 0.3, fillColor: "#0072B2", bridge: false, fontSize: 10)
    }
    return MapDOT(
      title: title, caption: caption,
      swatches: [MapDOT.Swatch(color: "#0072B2", text: "s" + names[0].prefix(3))],
      legend: ["l"], nodes: nodes,
      edges: [MapDOT.Edge(source: 0, target: 1, width: 1, color: "#000000")])
  }

  @Test func hostileNamesGiveDOTGraphvizReadsAndSVGAnXMLParserReads() throws {
    let dot = Self.map(
      names: Self.hostile, title: "title \u{FFFF}", caption: ["platform x\u{FFFF}y"]
    ).text
    #expect(!dot.unicodeScalars.contains { $0.value == 0xFFFF || $0.value == 0xFFFE })
    let svg = try GraphvizRenderer.render(dot: dot, layout: "dot", format: "svg")
    let parser = XMLParser(data: Data(svg))
    #expect(parser.parse(), "\(String(describing: parser.parserError))")
    let text = String(decoding: svg, as: UTF8.self)
    // The header survived the in-process render (it was dropped with U+FFFF in it).
    #expect(text.contains("title "))
    #expect(text.contains("platform x y"))
  }

  @Test func longNamesAreCutInLabelsAndKeptWholeInTooltips() throws {
    let long = String(repeating: "h", count: 3_000)
    let map = Self.map(names: [long, "b"], caption: [String(repeating: "p", count: 5_000)])
    let dot = map.text
    #expect(dot.contains(String(repeating: "h", count: MapDOT.labelLimit - 1) + "…</td>"))
    #expect(!dot.contains(String(repeating: "h", count: MapDOT.labelLimit) + "…"))
    #expect(dot.contains("tooltip=\"" + long + "\""))
    #expect(!dot.contains(String(repeating: "p", count: MapDOT.headerLineLimit)))
    // The PNG stays the map's size: before, a 3,000-character handle made it 32,767 px wide.
    let png = try GraphvizRenderer.render(dot: dot, layout: "dot", format: "png")
    let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    #expect(width < 3_000, "PNG width \(width)")
  }
}

/// Times at both ends of Int64 print (the negation in the day count trapped for Int64.min).
@Suite struct TimeTextLimitTests {
  @Test func int64ExtremesPrintAsProlepticUTC() {
    #expect(TimeText.iso8601(.max) == "292277026596-12-04T15:30:07Z")
    #expect(TimeText.iso8601(.min) == "-292277022657-01-27T08:29:52Z")
    #expect(TimeText.iso8601(-1) == "1969-12-31T23:59:59Z")
    #expect(TimeText.iso8601(-86_400) == "1969-12-31T00:00:00Z")
    #expect(TimeText.iso8601(-86_401) == "1969-12-30T23:59:59Z")
  }
}
