import Foundation
import Testing

@Suite struct ShortlistCommandTests {
  /// Display names a stranger could choose, each replying to "hub" so every one is ranked.
  static let hostileNames = [
    "=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)", "\tindent", "\rreturn",
    "say \"hi\", ok", "two\nlines", "emoji 🙂🚀 ok", "текст и عربي",
  ]

  static func hostileStore(_ directory: TemporaryDirectory) throws -> String {
    var csv = "id,author,created_at,reply_to_id,reply_to_author,display_name\n"
    csv += "1,hub,2026-01-01T00:00:00Z,,,Hub\n"
    for (index, name) in hostileNames.enumerated() {
      let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      csv += "\(index + 2),user\(index),2026-01-01T01:00:00Z,1,hub,\(quoted)\n"
      // hub replies back so each user receives an interaction and gets a rank.
      csv += "r\(index),hub,2026-01-01T02:00:00Z,\(index + 2),user\(index),Hub\n"
    }
    let input = directory.path("hostile.csv")
    try Data(csv.utf8).write(to: URL(fileURLWithPath: input))
    let db = directory.path("clout.db")
    let ingest = try CloutProcess.run(["ingest", "--db", db, input])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    return db
  }

  /// Parses CSV with Python's csv module: an independent, standard reader.
  static func parseWithPython(_ path: String) throws -> [[String]] {
    let script = """
      import csv, json, sys
      with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
          print(json.dumps(list(csv.reader(f))))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return try JSONDecoder().decode([[String]].self, from: data)
  }

  @Test func hostileValuesRoundTripThroughAStandardCSVReader() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.hostileStore(directory)
    let out = directory.path("shortlist.csv")
    let result = try CloutProcess.run([
      "shortlist", "--db", db, "--out", out, "--top", "100", "--half-life", "none",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = try Self.parseWithPython(out)
    let header = rows[0]
    #expect(
      header.prefix(14) == [
        "rank", "account", "platform", "display_name", "score", "pagerank", "max_reply_depth",
        "distinct_repliers", "replies_received", "community", "first_seen", "last_seen",
        "profile_url", "why",
      ])
    let nameColumn = header.firstIndex(of: "display_name")!
    let names = Set(rows.dropFirst().map { $0[nameColumn] })
    for name in Self.hostileNames {
      let guarded = ["=", "+", "-", "@", "\t", "\r"].contains { name.hasPrefix($0) }
      #expect(names.contains(guarded ? "'" + name : name), "\(name.debugDescription)")
    }
    // Numbers stay plain numbers.
    for row in rows.dropFirst() {
      #expect(Double(row[header.firstIndex(of: "score")!]) != nil)
      #expect(Int(row[0]) != nil)
    }
  }

  @Test func sameStoreGivesAByteIdenticalFileAndExcelAddsABOM() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.hostileStore(directory)
    let a = directory.path("a.csv")
    let b = directory.path("b.csv")
    let c = directory.path("c.csv")
    try CloutProcess.run(["shortlist", "--db", db, "--out", a])
    try CloutProcess.run(["shortlist", "--db", db, "--out", b])
    try CloutProcess.run(["shortlist", "--db", db, "--out", c, "--excel"])
    let first = try Data(contentsOf: URL(fileURLWithPath: a))
    #expect(first == (try Data(contentsOf: URL(fileURLWithPath: b))))
    let excel = try Data(contentsOf: URL(fileURLWithPath: c))
    #expect(Array(excel.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(excel.dropFirst(3) == first)
  }

  @Test func exclusionsLeaveAccountsOutButKeepThemInTheGraph() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.hostileStore(directory)
    let list = directory.path("exclude.txt")
    try Data("# our own account\nhub\nunknown:user3   # staff\n".utf8)
      .write(to: URL(fileURLWithPath: list))
    let full = try CloutProcess.run(["shortlist", "--db", db, "--out", "-", "--top", "100"])
    let without = try CloutProcess.run([
      "shortlist", "--db", db, "--out", "-", "--top", "100", "--exclude", list,
    ])
    #expect(without.status == 0, "\(without.stderr)")
    #expect(full.stdout.contains(",hub,"))
    #expect(!without.stdout.contains(",hub,"))
    #expect(!without.stdout.contains(",user3,"))
    // Scores of the others are unchanged: exclusion does not change the graph.
    let user0Full = full.stdout.components(separatedBy: "\r\n").first { $0.contains(",user0,") }
    let user0Without = without.stdout.components(separatedBy: "\r\n").first {
      $0.contains(",user0,")
    }
    #expect(user0Full?.split(separator: ",")[4] == user0Without?.split(separator: ",")[4])
  }

  @Test func identitiesMergeOnePersonsAccounts() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.hostileStore(directory)
    let people = directory.path("people.csv")
    try Data("person,platform,handle\nAda,unknown,user1\nAda,unknown,user2\n".utf8)
      .write(to: URL(fileURLWithPath: people))
    let result = try CloutProcess.run([
      "shortlist", "--db", db, "--out", "-", "--top", "100", "--identities", people,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.components(separatedBy: "\r\n")
    let ada = lines.first { $0.contains(",Ada,") }
    #expect(ada?.contains("unknown:user1 unknown:user2") == true)
    #expect(!lines.contains { $0.contains(",user1,") })
  }

  @Test func badSideFilesAndEmptyResultsWriteNothing() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.hostileStore(directory)
    let out = directory.path("never.csv")
    let badIdentities = directory.path("bad.csv")
    try Data("who,where\nx,y\n".utf8).write(to: URL(fileURLWithPath: badIdentities))
    let cases: [[String]] = [
      ["--identities", badIdentities],
      ["--exclude", directory.path("missing.txt")],
      ["--min-score", "5"],
    ]
    for extra in cases {
      let result = try CloutProcess.run(["shortlist", "--db", db, "--out", out] + extra)
      #expect(result.status != 0)
      #expect(!FileManager.default.fileExists(atPath: out), "no partial file for \(extra)")
    }
    let missingDirectory = try CloutProcess.run([
      "shortlist", "--db", db, "--out", directory.path("nowhere/list.csv"),
    ])
    #expect(missingDirectory.status == 74)
    #expect(missingDirectory.stderr.contains("does not exist"))
  }

  @Test func communityColumnAndFilterAgree() throws {
    let directory = try TemporaryDirectory()
    let db = try RankCommandTests.fixtureStore(directory)
    let all = try CloutProcess.run(["shortlist", "--db", db, "--out", "-", "--top", "500"])
    let rows = all.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
    // RFC 4180 fields: display names and the "why" sentence may hold quoted commas.
    let communityOf = { (row: String) -> String in
      var fields: [String] = [""]
      var quoted = false
      for character in row {
        if character == "\"" {
          quoted.toggle()
        } else if character == "," && !quoted {
          fields.append("")
        } else {
          fields[fields.count - 1].append(character)
        }
      }
      return fields[9]
    }
    #expect(rows.allSatisfy { Int(communityOf($0)) != nil })
    let second = try CloutProcess.run([
      "shortlist", "--db", db, "--out", "-", "--top", "500", "--community", "2",
    ])
    #expect(second.status == 0, "\(second.stderr)")
    let secondRows = second.stdout.components(separatedBy: "\r\n").dropFirst().filter {
      !$0.isEmpty
    }
    #expect(!secondRows.isEmpty)
    #expect(secondRows.allSatisfy { communityOf($0) == "2" })
    let missing = try CloutProcess.run([
      "shortlist", "--db", db, "--out", "-", "--community", "100000",
    ])
    #expect(missing.status == 65)
    #expect(missing.stderr.contains("no community 100000"))
  }
}
