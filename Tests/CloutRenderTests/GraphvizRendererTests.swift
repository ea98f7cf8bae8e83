import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing

@testable import CloutRender

@Suite struct GraphvizRendererTests {
  let dot = """
    digraph G { a [label="Alice 🙂"]; b [label="Bob"]; a -> b; }
    """

  @Test func rendersSVGWithLabelsAsText() throws {
    let svg = String(
      decoding: try GraphvizRenderer.render(dot: dot, layout: "dot", format: "svg"), as: UTF8.self)
    #expect(svg.contains("<svg"))
    #expect(svg.contains(">Alice 🙂</text>"))
    let parser = XMLParser(data: Data(svg.utf8))
    #expect(parser.parse())
  }

  @Test func rendersPNGWithItsSignature() throws {
    let png = try GraphvizRenderer.render(dot: dot, layout: "sfdp", format: "png")
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
  }

  @Test func unknownLayoutIsAClearError() {
    #expect(throws: GraphvizRenderer.Failure.self) {
      try GraphvizRenderer.render(dot: dot, layout: "magic", format: "svg")
    }
  }

  @Test func brokenDOTIsAClearError() {
    #expect(throws: GraphvizRenderer.Failure.self) {
      try GraphvizRenderer.render(dot: "digraph { a -> ", layout: "dot", format: "svg")
    }
  }
}
