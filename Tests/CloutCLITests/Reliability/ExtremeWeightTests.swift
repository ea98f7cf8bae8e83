import Foundation
import Testing

@testable import CloutStore

/// Weights at and past Float's range: refused at ingest (65, naming the field), refused on the
/// command line (64), read safely from a store that already holds one, and never printed as
/// NaN or trapped on (1e39 became +inf in the Float graph and trapped; two 3e38 edges summed
/// to inf and made PageRank NaN; a weight of 1e19 trapped `explain`'s number printing).
@Suite struct ExtremeWeightTests {
  static let rankingCommands: [[String]] = [
    ["rank", "--format", "csv"], ["rank", "--format", "json"], ["explain", "a"],
    ["explain", "b"], ["communities", "--format", "csv"],
  ]

  static func edges(_ rows: [String], in directory: TemporaryDirectory) throws -> String {
    let path = directory.path("w.csv")
    let text = (["source,target,type,timestamp,weight"] + rows).joined(separator: "\n") + "\n"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Runs every ranking command and the shortlist and map on `db`; each must exit 0 without
  /// NaN or infinity in what it prints.
  static func expectEveryCommandReadsSafely(
    _ db: String, _ directory: TemporaryDirectory, extra: [String] = []
  ) throws {
    var commands = rankingCommands.map { $0 + ["--db", db] + extra }
    commands.append(["shortlist", "--db", db, "--out", "-"] + extra)
    commands.append(["map", "--db", db, "--out", directory.path("m.dot")] + extra)
    for command in commands {
      let result = try CloutProcess.run(command)
      #expect(result.status == 0, "\(command): \(result.status) \(result.stderr)")
      for bad in ["NaN", "nan", "inf", "\"score\": null", "\"pagerank\": null"] {
        #expect(!result.stdout.contains(bad), "\(command) printed \(bad): \(result.stdout)")
      }
    }
    let dot = try String(contentsOfFile: directory.path("m.dot"), encoding: .utf8)
    #expect(!dot.contains("nan") && !dot.contains("inf"))
  }

  @Test func aWeightPastTheLimitIsABadRecordNamingTheField() throws {
    let directory = try TemporaryDirectory()
    let input = try Self.edges(
      ["a,b,reply,2026-01-01,1e39", "b,c,reply,2026-01-02,1"], in: directory)
    let db = directory.path("w.db")
    let result = try CloutProcess.run(["ingest", "--db", db, input])
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.contains("w.csv:2"), "\(result.stderr)")
    #expect(result.stderr.contains("'weight'"), "\(result.stderr)")
    #expect(result.stderr.contains("1e12"), "\(result.stderr)")
    // The largest accepted weight ingests and ranks.
    let largest = try Self.edges(
      [
        "a,b,reply,2026-01-01,1e12", "a,b,reply,2026-01-01T01:00:00Z,1e12",
        "b,c,reply,2026-01-02,1",
      ],
      in: directory)
    #expect(try CloutProcess.run(["ingest", "--db", db, largest]).status == 0)
    try Self.expectEveryCommandReadsSafely(db, directory)
  }

  /// A store written before the check (here: the row edited in) holds 1e39, +inf, NaN and a
  /// negative weight; every reader clamps them (documented in the README), warns, and ranks.
  @Test func aStoreAlreadyHoldingOutOfRangeWeightsReadsSafely() throws {
    let directory = try TemporaryDirectory()
    let input = try Self.edges(
      [
        "a,b,reply,2026-01-01,1", "b,c,reply,2026-01-02,1", "c,a,quote,2026-01-03,1",
        "a,c,mention,2026-01-04,1",
      ], in: directory)
    let db = directory.path("w.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, input]).status == 0)
    let store = try Store.open(path: db)
    try store.execute("UPDATE interactions SET weight = 1e39 WHERE id = 1")
    try store.execute("UPDATE interactions SET weight = 9e999 WHERE id = 2")
    try store.execute("UPDATE interactions SET weight = -5 WHERE id = 4")
    try store.close()
    let rank = try CloutProcess.run(["rank", "--db", db, "--format", "csv"])
    #expect(rank.status == 0, "\(rank.stderr)")
    #expect(rank.stderr.contains("3 interaction weight(s) outside 0…1e12"), "\(rank.stderr)")
    #expect(rank.stderr.contains("row 1, weight 1e+39"), "\(rank.stderr)")
    try Self.expectEveryCommandReadsSafely(db, directory)
  }

  /// Two parallel edges of 3e38 each fit a Float alone but not their sum. Read from a store,
  /// each is clamped to 1e12, so the ranking equals that of the same graph with weights 1
  /// (PageRank depends on weight ratios only).
  @Test func parallelEdgesNearFloatMaxRankLikeTheirRatios() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("w.db")
    let store = try Store.open(path: db)
    try store.close()
    let small = try Self.edges(
      [
        "a,b,reply,2026-01-01,1", "a,b,reply,2026-01-01T00:00:01Z,1", "b,c,reply,2026-01-02,1",
        "c,a,reply,2026-01-03,1",
      ], in: directory)
    #expect(try CloutProcess.run(["ingest", "--db", db, small]).status == 0)
    let expected = try CloutProcess.run(["rank", "--db", db, "--format", "csv"])
    #expect(expected.status == 0)
    let edited = try Store.open(path: db)
    try edited.execute("UPDATE interactions SET weight = weight * 3e38")
    try edited.close()
    let huge = try CloutProcess.run(["rank", "--db", db, "--format", "csv"])
    #expect(huge.status == 0, "\(huge.stderr)")
    #expect(!huge.stdout.contains("NaN"))
    // Clamped to 1e12 each, the ratios stay 1:1:1:1 and so does the ranking's pagerank column.
    #expect(Self.column("pagerank", expected.stdout).count == 3)
    #expect(
      Self.column("pagerank", huge.stdout) == Self.column("pagerank", expected.stdout),
      "\(huge.stdout)\nvs\n\(expected.stdout)")
  }

  @Test func absurdTypeWeightsAreAUsageError() throws {
    let directory = try TemporaryDirectory()
    let input = try Self.edges(["a,b,reply,2026-01-01,1", "b,c,reply,2026-01-02,1"], in: directory)
    let db = directory.path("w.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, input]).status == 0)
    for command in [["rank"], ["explain", "a"], ["map", "--out", directory.path("m.svg")]] {
      let result = try CloutProcess.run(command + ["--db", db, "--weights", "reply=1e39"])
      #expect(result.status == 64, "\(command): \(result.status) \(result.stderr)")
      #expect(result.stderr.contains("from 0 to 1e12"), "\(result.stderr)")
    }
    // The largest accepted type weight times the largest stored weight still ranks.
    try Self.expectEveryCommandReadsSafely(db, directory, extra: ["--weights", "reply=1e12"])
  }

  /// `explain` prints an edge's weight: 1e12 × 1e12 = 1e24 is past Int64, so it needs the
  /// exponent form instead of trapping.
  @Test func explainPrintsHugeWeightsInExponentForm() throws {
    let directory = try TemporaryDirectory()
    let input = try Self.edges(
      ["a,b,reply,2026-01-01,1e12", "b,c,reply,2026-01-02,1"], in: directory)
    let db = directory.path("w.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, input]).status == 0)
    let result = try CloutProcess.run([
      "explain", "--db", db, "b", "--weights", "reply=1e12", "--half-life", "none",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    // 1e24 as the Float edge weight is 999,999,995,904 × 10^12.
    #expect(result.stdout.contains(" 9.99999995904e+23 "), "\(result.stdout)")
  }

  /// The values of `name` in a CSV with a header row.
  static func column(_ name: String, _ csv: String) -> [String] {
    let lines = csv.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",").map(String.init)
    }
    guard let header = lines.first, let index = header.firstIndex(of: name) else { return [] }
    return lines.dropFirst().map { $0.count > index ? $0[index] : "" }
  }
}
