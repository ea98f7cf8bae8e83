import Foundation
import Testing

/// `rank` output must not change when the store layout or the load path changes: these compare
/// against files written by earlier builds (`Fixtures/expected/README.md` says which, and
/// `scripts/make-expected.sh` how the inputs were made).
@Suite struct RankRegressionTests {
  static let expected = CloutProcess.fixtures.appendingPathComponent("expected")

  static func fixtureStore(_ directory: TemporaryDirectory) throws -> String {
    let db = directory.path("fixtures.db")
    let fixtures = CloutProcess.fixtures.path
    let result = try CloutProcess.run(
      ["ingest", "--db", db]
        + [
          "posts.csv", "twitter-v1.jsonl", "mastodon.json", "bluesky.jsonl", "reddit.ndjson",
          "hackernews.jsonl", "edges.csv",
        ].map { "\(fixtures)/\($0)" })
    #expect(result.status == 0, "\(result.stderr)")
    return db
  }

  static func gunzip(_ file: URL) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-dc", file.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "gzip -dc \(file.path)")
    return data
  }

  /// Each load path must give the expected file: a scan of the store, the run that writes the
  /// snapshot beside it, and a run that reads that snapshot (the default path on a store of
  /// 200,000 rows or more, such as the generated one).
  static let loadPaths: [(name: String, environment: [String: String])] = [
    ("scan", ["CLOUT_SNAPSHOT_MIN_ROWS": "off"]),
    ("snapshot written", ["CLOUT_SNAPSHOT_MIN_ROWS": "1"]),
    ("snapshot read", ["CLOUT_SNAPSHOT_MIN_ROWS": "1"]),
  ]

  static func expectRanks(_ db: String, _ cases: [([String], String)]) throws {
    try? FileManager.default.removeItem(atPath: db + "-snapshot")
    for path in loadPaths {
      for (options, file) in cases {
        let result = try CloutProcess.run(
          ["rank", "--db", db, "--format", "csv", "--top", "0"] + options,
          environment: path.environment)
        #expect(result.status == 0, "\(result.stderr)")
        try expectSame(result.stdout, file, path: path.name)
      }
    }
    #expect(FileManager.default.fileExists(atPath: db + "-snapshot"))
  }

  static func expectSame(_ actual: String, _ expectedFile: String, path: String) throws {
    let url = expected.appendingPathComponent(expectedFile)
    let data = expectedFile.hasSuffix(".gz") ? try gunzip(url) : try Data(contentsOf: url)
    let wanted = String(decoding: data, as: UTF8.self)
    if actual == wanted { return }
    // Name the first differing line rather than printing megabytes.
    let actualLines = actual.components(separatedBy: "\r\n")
    let wantedLines = wanted.components(separatedBy: "\r\n")
    let common = min(actualLines.count, wantedLines.count)
    let first = (0..<common).first { actualLines[$0] != wantedLines[$0] } ?? common
    Issue.record(
      """
      \(expectedFile) (\(path)): \(actualLines.count) lines, expected \(wantedLines.count); first \
      difference at line \(first + 1):
        got      \(first < actualLines.count ? actualLines[first] : "<end>")
        expected \(first < wantedLines.count ? wantedLines[first] : "<end>")
      """)
  }

  @Test func fixturesRankUnchanged() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.fixtureStore(directory)
    let cases: [([String], String)] = [
      ([], "fixtures-rank.csv"),
      (["--since", "2016-01-01", "--until", "2021-12-31"], "fixtures-rank-window.csv"),
      (["--platform", "twitter"], "fixtures-rank-twitter.csv"),
    ]
    try Self.expectRanks(db, cases)
  }

  @Test func generatedStoreRankUnchanged() throws {
    let directory = try TemporaryDirectory()
    let input = directory.path("syn1m.csv")
    try Self.gunzip(Self.expected.appendingPathComponent("syn1m.csv.gz"))
      .write(to: URL(fileURLWithPath: input))
    let db = directory.path("syn.db")
    let ingest = try CloutProcess.run(["ingest", "--db", db, input])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let cases: [([String], String)] = [
      ([], "syn1m-rank.csv.gz"),
      (["--since", "2023-12-15", "--until", "2024-01-15"], "syn1m-rank-window.csv.gz"),
    ]
    try Self.expectRanks(db, cases)
  }
}
