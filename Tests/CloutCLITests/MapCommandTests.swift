import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing

@Suite struct MapCommandTests {
  static func store(_ directory: TemporaryDirectory) throws -> String {
    let db = directory.path("clout.db")
    let fixtures = CloutProcess.fixtures.path
    let result = try CloutProcess.run([
      "ingest", "--db", db, "\(fixtures)/posts.csv", "\(fixtures)/twitter-v1.jsonl",
      "\(fixtures)/mastodon.json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    return db
  }

  static func topAccount(_ db: String) throws -> String {
    let top = try CloutProcess.run(["rank", "--db", db, "--top", "1", "--format", "csv"])
    return top.stdout.components(separatedBy: "\r\n")[1].components(separatedBy: ",")[1]
  }

  @Test func communitiesTableCSVAndJSON() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let table = try CloutProcess.run(["communities", "--db", db])
    #expect(table.status == 0, "\(table.stderr)")
    let header = table.stdout.prefix { $0 != "\n" }.split(separator: " ").map(String.init)
    #expect(header == ["community", "size", "score", "inside", "bridges", "top", "accounts"])
    #expect(table.stdout.contains("modularity"))

    let csv = try CloutProcess.run([
      "communities", "--db", db, "--format", "csv", "--min-size", "1",
    ])
    let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(lines[0] == "account,community,score,platform,bridge")
    // Community 1 first, then 2, …: ids follow total score.
    let ids = lines.dropFirst().map { Int($0.components(separatedBy: ",")[1])! }
    #expect(ids.first == 1)
    #expect(ids == ids.sorted())
    // Every ranked account appears once with --min-size 1.
    let ranked = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    #expect(
      lines.count == ranked.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count)

    let json = try CloutProcess.run(["communities", "--db", db, "--format", "json"])
    let objects = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    #expect(objects?.first?["community"] as? Int == 1)
    #expect(objects?.first?["top_accounts"] is [Any])
    let again = try CloutProcess.run(["communities", "--db", db, "--format", "json"])
    #expect(again.stdout == json.stdout)

    let bad = try CloutProcess.run(["communities", "--db", db, "--resolution", "0"])
    #expect(bad.status == 64)
  }

  /// The table stops at --top (25) and says so; --top 0 lists every community, and csv and
  /// json always do.
  @Test func communitiesTableStopsAtTop() throws {
    let directory = try TemporaryDirectory()
    let db = try RankRegressionTests.fixtureStore(directory)
    func rows(_ options: [String]) throws -> (rows: Int, footer: String) {
      let result = try CloutProcess.run(["communities", "--db", db, "--min-size", "1"] + options)
      #expect(result.status == 0, "\(result.stderr)")
      let lines = result.stdout.split(separator: "\n").map(String.init)
      // Header, rule, one line per community, the footer.
      return (lines.count - 3, lines.last ?? "")
    }
    let all = try rows(["--top", "0"])
    #expect(all.rows > 25)
    #expect(!all.footer.contains("the table lists"))
    let first = try rows([])
    #expect(first.rows == 25)
    #expect(
      first.footer.contains("the table lists the first 25 of \(all.rows) (--top 0 lists all)"))
    #expect(try rows(["--top", "7"]).rows == 7)

    let json = try CloutProcess.run([
      "communities", "--db", db, "--min-size", "1", "--format", "json",
    ])
    let objects = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any]
    #expect(objects?.count == all.rows)
    let bad = try CloutProcess.run(["communities", "--db", db, "--top", "-1"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--top takes a count of communities"))
  }

  @Test func dotIsByteIdenticalAcrossRuns() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let first = directory.path("a.dot")
    let second = directory.path("b.gv")
    #expect(try CloutProcess.run(["map", "--db", db, "--out", first]).status == 0)
    #expect(try CloutProcess.run(["map", "--db", db, "--out", second]).status == 0)
    let a = try Data(contentsOf: URL(fileURLWithPath: first))
    #expect(a == (try Data(contentsOf: URL(fileURLWithPath: second))))
    let text = String(decoding: a, as: UTF8.self)
    #expect(text.hasPrefix("digraph \"clout\" {"))
    #expect(text.contains(" -> "))
  }

  /// The map's own caption and legend lines fit `MapDOT.headerLineLimit`: only a name from
  /// the data may be cut. With the six score parts named, the circle-area line used to be
  /// cut before the range of the shown scores.
  @Test func captionAndLegendLinesAreWhole() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let out = directory.path("map.dot")
    #expect(try CloutProcess.run(["map", "--db", db, "--out", out]).status == 0)
    let text = try String(contentsOfFile: out, encoding: .utf8)
    // Booleans first, so that a failure names the line instead of printing the whole DOT.
    let cut = text.contains("…<br")
    let circleLine = text.contains("(key at the right).<br")
    let scoresLine = text.contains("Shown scores: ")
    let smallestDot = text.contains("are drawn at the smallest dot.<br")
    #expect(!cut, "a caption or legend line was cut")
    #expect(circleLine && scoresLine && smallestDot, "the circle-area lines are incomplete")

    let summary = directory.path("summary.dot")
    let drawn = try CloutProcess.run(["map", "--db", db, "--summary", "--out", summary])
    #expect(drawn.status == 0, "\(drawn.stderr)")
    let summaryCut = try String(contentsOfFile: summary, encoding: .utf8).contains("…<br")
    #expect(!summaryCut, "a caption or legend line of the summary map was cut")
  }

  /// The legend names the parts that weigh in this ranking, with their weights, not all six.
  @Test func legendNamesTheWeightedParts() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    func legend(_ options: [String]) throws -> String {
      let out = directory.path("legend.dot")
      let result = try CloutProcess.run(["map", "--db", db, "--out", out] + options)
      #expect(result.status == 0, "\(result.stderr)")
      return try String(contentsOfFile: out, encoding: .utf8)
    }
    let uncalibrated = try legend([])
    #expect(uncalibrated.contains("score (PageRank 0.25, reach 0.25, reply engagement 0.5, as in"))
    let noDepth = try legend(["--depth-weight", "0"])
    #expect(noDepth.contains("score (PageRank 0.5, reach 0.5, as in"))
    #expect(!noDepth.contains("reply engagement 0"))
  }

  /// `--summary` counts communities: 30 unless `--top` says otherwise (150, the accounts'
  /// default, drew a hairball on a large store), and a `--top` past the communities there
  /// are says so.
  @Test func summaryDrawsThirtyCommunitiesUnlessToldOtherwise() throws {
    let directory = try TemporaryDirectory()
    // Every fixture format: more than 30 communities (this suite's smaller store has 19).
    let db = try RankRegressionTests.fixtureStore(directory)
    func summary(_ options: [String]) throws -> CloutProcess.Result {
      let result = try CloutProcess.run(
        ["map", "--db", db, "--summary", "--out", directory.path("s.dot")] + options)
      #expect(result.status == 0, "\(result.stderr)")
      return result
    }
    let byDefault = try summary([])
    #expect(byDefault.stderr.contains(": 30 communities, "), "\(byDefault.stderr)")
    #expect(!byDefault.stderr.contains("fewer than --top"))
    #expect(try summary(["--top", "12"]).stderr.contains(": 12 communities, "))
    let all = try summary(["--top", "100000"])
    #expect(all.stderr.contains("communities, fewer than --top 100000"), "\(all.stderr)")
    let accounts = try CloutProcess.run(["map", "--db", db, "--out", directory.path("m.dot")])
    #expect(accounts.stderr.contains(": 150 accounts, "), "\(accounts.stderr)")
  }

  @Test func svgParsesAndNamesTheTopAccounts() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let out = directory.path("map.svg")
    let result = try CloutProcess.run([
      "map", "--db", db, "--out", out, "--title", "A <map> & \"more\"",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let data = try Data(contentsOf: URL(fileURLWithPath: out))
    #expect(XMLParser(data: data).parse())
    let svg = String(decoding: data, as: UTF8.self)
    #expect(svg.contains(try Self.topAccount(db)))
    #expect(svg.contains("A &lt;map&gt; &amp; &quot;more&quot;"))
    #expect(svg.contains("<style type=\"text/css\">"))
    // Same input, same SVG (same Graphviz).
    try CloutProcess.run([
      "map", "--db", db, "--out", out + "2", "--format", "svg", "--title", "A <map> & \"more\"",
    ])
    #expect(data == (try Data(contentsOf: URL(fileURLWithPath: out + "2"))))
  }

  @Test func pngAndPDFAreValid() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let png = directory.path("map.png")
    #expect(try CloutProcess.run(["map", "--db", db, "--out", png, "--top", "30"]).status == 0)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: png)))
    #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    let pdf = directory.path("map.pdf")
    #expect(
      try CloutProcess.run(["map", "--db", db, "--out", pdf, "--layout", "neato"]).status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).prefix(5) == Data("%PDF-".utf8))
  }

  @Test func clearErrors() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let layout = try CloutProcess.run([
      "map", "--db", db, "--out", directory.path("m.svg"), "--layout", "magic",
    ])
    #expect(layout.status == 64)
    #expect(layout.stderr.contains("unknown layout 'magic'"))
    // --top 0 means all accounts, as in rank and shortlist; a negative count says so.
    let bad = try CloutProcess.run([
      "map", "--db", db, "--out", directory.path("m.svg"), "--top", "-3",
    ])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--top takes a count of accounts, or 0 for all"))
    let noExtension = try CloutProcess.run(["map", "--db", db, "--out", directory.path("map")])
    #expect(noExtension.status == 64)
    #expect(noExtension.stderr.contains("--format"))
    let unwritable = try CloutProcess.run([
      "map", "--db", db, "--out", directory.path("no/such/dir/m.svg"),
    ])
    #expect(unwritable.status == 74)
    #expect(unwritable.stderr.contains("does not exist"))
    let big = try CloutProcess.run([
      "map", "--db", db, "--out", directory.path("all.dot"), "--top", "100000",
    ])
    #expect(big.status == 0)
    #expect(big.stderr.contains("fewer than --top 100000"))
    let empty = directory.path("empty.db")
    try CloutProcess.run(["ingest", "--db", empty, "\(CloutProcess.fixtures.path)/bad/empty.csv"])
    let none = try CloutProcess.run([
      "map", "--db", db, "--out", directory.path("e.svg"), "--since", "2030-01-01",
    ])
    #expect(none.status == 65)
    #expect(none.stderr.contains("no interactions"))
    #expect(!FileManager.default.fileExists(atPath: directory.path("e.svg")))
  }
}
