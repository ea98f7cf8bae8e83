import Foundation
import Testing

/// Same store, same options, two processes: byte-identical output. Two processes, not two
/// calls, because Swift seeds its hashing per process: an output that follows a
/// dictionary's or set's order differs between runs, never within one.
@Suite struct DeterminismTests {
  @Test func everyCommandPrintsTheSameBytesInTwoProcesses() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("clout.db")
    let fixtures = CloutProcess.fixtures.path
    let ingest = try CloutProcess.run([
      "ingest", "--db", db, "\(fixtures)/posts.csv", "\(fixtures)/twitter-v1.jsonl",
      "\(fixtures)/mastodon.json", "\(fixtures)/edges.csv",
    ])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let commands: [[String]] = [
      ["stats", "--format", "json"], ["rank", "--top", "0", "--format", "csv"],
      ["rank", "--format", "json", "--compare", "2014-01-01..2015-06-01"],
      ["communities", "--format", "json", "--min-size", "1"],
      ["communities", "--format", "csv", "--min-size", "1"], ["explain", "brianstelter"],
      ["shortlist", "--out", "-", "--top", "500"],
      ["evaluate", "--split-at", "2015-06-01", "--format", "json", "--sweep"],
    ]
    for command in commands {
      let first = try CloutProcess.run(command + ["--db", db])
      let second = try CloutProcess.run(command + ["--db", db])
      #expect(first.status == 0, "\(command): \(first.stderr)")
      #expect(!first.stdout.isEmpty, "\(command)")
      #expect(first.stdout == second.stdout, "\(command) differs between two runs")
    }
    let maps = ["a.dot", "b.dot"].map(directory.path)
    for map in maps {
      let result = try CloutProcess.run(["map", "--db", db, "--out", map, "--top", "300"])
      #expect(result.status == 0, "\(result.stderr)")
    }
    let first = try Data(contentsOf: URL(fileURLWithPath: maps[0]))
    #expect(first == (try Data(contentsOf: URL(fileURLWithPath: maps[1]))))
  }
}
