import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing

/// Every element of an XML document with its attributes and text, read by Foundation's
/// XMLParser: an independent reader of what `clout export` writes.
final class XMLElements: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    var text = ""
    /// The index of the enclosing element, -1 for the root.
    var parent: Int
    /// This element's index in `elements`.
    var index: Int
  }

  private(set) var elements: [Element] = []
  private var open: [Int] = []
  /// Whether the whole document parsed.
  private(set) var ok = false

  init(_ data: Data) {
    super.init()
    let parser = XMLParser(data: data)
    parser.delegate = self
    ok = parser.parse()
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String]
  ) {
    elements.append(
      Element(
        name: name, attributes: attributes, parent: open.last ?? -1, index: elements.count))
    open.append(elements.count - 1)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let last = open.last { elements[last].text += string }
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    open.removeLast()
  }

  func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }

  /// The children named `name` of element `index`.
  func children(of index: Int, named name: String) -> [Element] {
    elements.filter { $0.parent == index && $0.name == name }
  }
}

@Suite struct ExportCommandTests {
  /// Five interactions whose edges are worked out by hand below: a quotes b twice and mentions
  /// it once, c replies to b, b reposts a.
  static func smallStore(_ directory: TemporaryDirectory) throws -> String {
    let csv = """
      source,target,type,timestamp,post_id,weight
      a,b,quote,2026-01-02T00:00:00Z,p2,1
      a,b,quote,2026-01-01T00:00:00Z,p1,1
      a,b,mention,2026-01-03T00:00:00Z,p3,1
      c,b,reply,2026-01-05T00:00:00Z,p5,1
      b,a,repost,2026-01-04T00:00:00Z,p4,1

      """
    let input = directory.path("edges.csv")
    try Data(csv.utf8).write(to: URL(fileURLWithPath: input))
    let db = directory.path("clout.db")
    let ingest = try CloutProcess.run(["ingest", "--db", db, input])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    return db
  }

  /// The hand-computed edges with `--half-life none`: type weights reply 1, quote 0.8,
  /// repost 0.6, mention 0.4; ids n0 = a, n1 = b, n2 = c (canonical order by name).
  /// (source, target) → (weight, interactions, reply, quote, repost, mention, first, last)
  static let expectedEdges: [String: [String]] = [
    "n0>n1": [
      "2.0", "3", "0", "2", "0", "1", "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z",
    ],
    "n2>n1": [
      "1.0", "1", "1", "0", "0", "0", "2026-01-05T00:00:00Z", "2026-01-05T00:00:00Z",
    ],
    "n1>n0": [
      "0.6", "1", "0", "0", "1", "0", "2026-01-04T00:00:00Z", "2026-01-04T00:00:00Z",
    ],
  ]

  static let edgeKeys = [
    "weight", "interactions", "reply", "quote", "repost", "mention", "first_interaction",
    "last_interaction",
  ]

  static func read(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
  }

  @Test func gexfCarriesHandComputedEdgesAndTimes() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.smallStore(directory)
    let out = directory.path("graph.gexf")
    let run = try CloutProcess.run(["export", "--db", db, "--out", out, "--half-life", "none"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("3 accounts, 3 edges"))
    let xml = XMLElements(try Self.read(out))
    #expect(xml.ok)
    #expect(xml.named("gexf").first?.attributes["version"] == "1.2")
    #expect(xml.named("graph").first?.attributes["defaultedgetype"] == "directed")
    #expect(Set(xml.named("node").compactMap { $0.attributes["label"] }) == ["a", "b", "c"])
    let edges = xml.named("edge")
    #expect(edges.count == 3)
    for edge in edges {
      let key = "\(edge.attributes["source"]!)>\(edge.attributes["target"]!)"
      guard let expected = Self.expectedEdges[key] else {
        Issue.record("unexpected edge \(key)")
        continue
      }
      #expect(edge.attributes["weight"] == expected[0])
      #expect(edge.attributes["start"] == expected[6])
      #expect(edge.attributes["end"] == expected[7])
      let list = xml.children(of: edge.index, named: "attvalues")
      let values = list.flatMap { xml.children(of: $0.index, named: "attvalue") }
      var byKey: [String: String] = [:]
      for value in values { byKey[value.attributes["for"]!] = value.attributes["value"] }
      #expect(
        Self.edgeKeys.dropFirst().map { byKey[$0] ?? "missing" } == Array(expected.dropFirst()),
        "\(key)")
    }
  }

  @Test func graphMLAndCSVMatchTheRankingColumnForColumn() throws {
    let directory = try TemporaryDirectory()
    let db = try MapCommandTests.store(directory)
    let out = directory.path("graph.graphml")
    let run = try CloutProcess.run(["export", "--db", db, "--out", out])
    #expect(run.status == 0, "\(run.stderr)")
    let xml = XMLElements(try Self.read(out))
    #expect(xml.ok)

    // The ranking as `rank --format csv` prints it, read by Python's csv module.
    let rankFile = directory.path("rank.csv")
    let rank = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    try Data(rank.stdout.utf8).write(to: URL(fileURLWithPath: rankFile))
    let rankRows = try ShortlistCommandTests.parseWithPython(rankFile)
    let header = rankRows[0]
    let nodes = xml.named("node")
    #expect(nodes.count == rankRows.count - 1)
    var byAccount: [String: [String: String]] = [:]
    for node in nodes {
      var values: [String: String] = [:]
      for data in xml.children(of: node.index, named: "data") {
        values[data.attributes["key"]!] = data.text
      }
      byAccount[values["platform"]! + "/" + values["account"]!] = values
    }
    for row in rankRows.dropFirst() {
      guard let values = byAccount[row[2] + "/" + row[1]] else {
        Issue.record("\(row[1]) missing from the GraphML")
        continue
      }
      // An empty cell has no <data> element in GraphML.
      for (column, value) in zip(header, row) where column != "display_name" {
        #expect(values[column, default: ""] == value, "\(row[1]) \(column)")
      }
      #expect(values["community"].flatMap(Int.init) != nil)
      #expect(values["bridge"] == "true" || values["bridge"] == "false")
    }

    // The same graph as CSV: the same nodes, and edges whose Source/Target are node ids.
    let tables = directory.path("tables") + "/"
    let csv = try CloutProcess.run(["export", "--db", db, "--out", tables])
    #expect(csv.status == 0, "\(csv.stderr)")
    let nodeRows = try ShortlistCommandTests.parseWithPython(tables + "nodes.csv")
    let edgeRows = try ShortlistCommandTests.parseWithPython(tables + "edges.csv")
    #expect(Array(nodeRows[0].prefix(2)) == ["Id", "Label"])
    #expect(Array(nodeRows[0].dropFirst(2).prefix(header.count)) == header)
    #expect(Array(edgeRows[0].prefix(4)) == ["Source", "Target", "Weight", "Type"])
    #expect(nodeRows.count == nodes.count + 1)
    #expect(edgeRows.count - 1 == xml.named("edge").count)
    let ids = Set(nodeRows.dropFirst().map { $0[0] })
    for edge in edgeRows.dropFirst() {
      #expect(ids.contains(edge[0]) && ids.contains(edge[1]))
      #expect(Double(edge[2])! > 0)
    }
  }

  @Test func hostileNamesKeepTheXMLValidAndTheOutputIsDeterministic() throws {
    let directory = try TemporaryDirectory()
    let db = try ShortlistCommandTests.hostileStore(directory)
    for format in ["gexf", "graphml"] {
      let first = directory.path("a.\(format)")
      let second = directory.path("b.\(format)")
      #expect(try CloutProcess.run(["export", "--db", db, "--out", first]).status == 0)
      #expect(try CloutProcess.run(["export", "--db", db, "--out", second]).status == 0)
      let data = try Self.read(first)
      #expect(data == (try Self.read(second)), "\(format) differs between two processes")
      let xml = XMLElements(data)
      #expect(xml.ok, "\(format) does not parse")
      let text =
        xml.named("node").map { $0.attributes["label"] ?? "" }
        + xml.named("attvalue").map { $0.attributes["value"] ?? "" }
        + xml.named("data").map(\.text)
      // Names whose characters XML can hold come back as they were.
      for name in ["=HYPERLINK(\"http://evil\")", "say \"hi\", ok", "emoji 🙂🚀 ok", "текст и عربي"] {
        #expect(text.contains { $0.contains(name) }, "\(format): \(name)")
      }
    }
  }

  @Test func topLimitsNodesAndEdges() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.smallStore(directory)
    let out = directory.path("top.gexf")
    let run = try CloutProcess.run(["export", "--db", db, "--out", out, "--top", "2"])
    #expect(run.status == 0, "\(run.stderr)")
    let xml = XMLElements(try Self.read(out))
    let ids = Set(xml.named("node").compactMap { $0.attributes["id"] })
    #expect(ids.count == 2)
    for edge in xml.named("edge") {
      #expect(ids.contains(edge.attributes["source"]!) && ids.contains(edge.attributes["target"]!))
    }
  }

  @Test func clearErrors() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.smallStore(directory)
    let unknown = try CloutProcess.run(["export", "--db", db, "--out", directory.path("g.txt")])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("cannot tell the format"))
    let top = try CloutProcess.run([
      "export", "--db", db, "--out", directory.path("g.gexf"), "--top", "-1",
    ])
    #expect(top.status == 64)
    let missing = try CloutProcess.run([
      "export", "--db", db, "--out", directory.path("none/g.gexf"),
    ])
    #expect(missing.status == 74)
    #expect(missing.stderr.contains("does not exist"))
  }
}
