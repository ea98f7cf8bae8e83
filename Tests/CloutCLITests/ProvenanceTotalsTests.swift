import Foundation
import Testing

/// The totals Fixtures/PROVENANCE.md gives for each fixture, counted independently of Clout
/// by scripts/make-fixtures.py, against what a store holds after ingesting that file alone.
/// Self-interactions are in PROVENANCE's per-type counts; `stats` counts them apart.
@Suite struct ProvenanceTotalsTests {
  /// The `all` column of one fixture's table in PROVENANCE.md, by row label.
  static func totals(of file: String) throws -> [String: String] {
    let text = try String(
      contentsOf: CloutProcess.fixtures.appendingPathComponent("PROVENANCE.md"), encoding: .utf8)
    let sections = text.components(separatedBy: "\n### `")
    let section = try #require(sections.first { $0.hasPrefix(file + "`") }, "no \(file) section")
    var totals: [String: String] = [:]
    for line in section.split(separator: "\n") where line.hasPrefix("| ") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      if cells.count >= 2 { totals[cells[0]] = cells[1] }
    }
    return totals
  }

  @Test(arguments: ["twitter-v1.jsonl", "posts.csv", "edges.csv"])
  func storeHoldsTheCountedTotals(file: String) throws {
    let expected = try Self.totals(of: file)
    func count(_ label: String) throws -> Int {
      try #require(expected[label].flatMap { Int($0) }, "\(file): no count '\(label)'")
    }
    let directory = try TemporaryDirectory()
    let db = directory.path("clout.db")
    let ingest = try CloutProcess.run([
      "ingest", "--db", db, CloutProcess.fixtures.appendingPathComponent(file).path,
    ])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let stats = try CloutProcess.run(["stats", "--db", db, "--format", "json"])
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
    let platforms = try #require(document["platforms"] as? [[String: Any]])
    func sum(_ key: String) -> Int { platforms.compactMap { $0[key] as? Int }.reduce(0, +) }

    #expect(sum("accounts") == (try count("distinct accounts (authors + targets)")))
    #expect(sum("self_interactions") == (try count("self-interactions")))
    let types = ["reply", "quote", "repost", "mention"]
    let counted = try types.map { try count("\($0) interactions") }
    // Each type without its self-interactions, never more than counted; all of them together
    // (stored, self and still pending) exactly the counted total.
    for (type, total) in zip(types, counted) {
      #expect(sum(type) <= total, "\(file): \(type) \(sum(type)) > \(total)")
    }
    #expect(
      types.map(sum).reduce(0, +) + sum("self_interactions") + sum("pending_interactions")
        == counted.reduce(0, +))
    if let depth = expected["max reply depth (hops, within the file)"].flatMap({ Int($0) }) {
      let rank = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
      let lines = rank.stdout.split(whereSeparator: \.isNewline)
      let column = try #require(
        lines.first?.split(separator: ",").firstIndex(of: "max_reply_depth"))
      let depths = lines.dropFirst().compactMap { Int($0.split(separator: ",")[column]) }
      #expect(depths.max() == depth, "\(file): deepest thread")
    }
  }
}
