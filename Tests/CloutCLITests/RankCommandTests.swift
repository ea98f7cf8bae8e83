import CloutCore
import Foundation
import Testing

@Suite struct RankCommandTests {
  /// A store with the posts-csv and twitter-v1 fixtures, made once per test.
  static func fixtureStore(_ directory: TemporaryDirectory) throws -> String {
    let db = directory.path("clout.db")
    let fixtures = CloutProcess.fixtures.path
    let result = try CloutProcess.run([
      "ingest", "--db", db, "\(fixtures)/posts.csv", "\(fixtures)/twitter-v1.jsonl",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    return db
  }

  @Test func csvHasTheDocumentedColumnsAndIsDeterministic() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.fixtureStore(directory)
    let first = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    let second = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout == second.stdout)
    let lines = first.stdout.components(separatedBy: "\r\n")
    #expect(
      lines[0]
        == "rank,account,platform,score,pagerank,max_reply_depth,mean_reply_depth,"
        + "distinct_repliers,replies_received,interactions_in,interactions_out,display_name,"
        + "user_id,followers,flags")
    #expect(lines[1].hasPrefix("1,"))
  }

  @Test func ingestOrderDoesNotChangeTheRanking() throws {
    let directory = try TemporaryDirectory()
    let fixtures = CloutProcess.fixtures.path
    let forward = directory.path("forward.db")
    let backward = directory.path("backward.db")
    try CloutProcess.run([
      "ingest", "--db", forward, "\(fixtures)/posts.csv", "\(fixtures)/twitter-v1.jsonl",
    ])
    try CloutProcess.run([
      "ingest", "--db", backward, "\(fixtures)/twitter-v1.jsonl", "\(fixtures)/posts.csv",
    ])
    let a = try CloutProcess.run(["rank", "--db", forward, "--top", "0", "--format", "csv"])
    let b = try CloutProcess.run(["rank", "--db", backward, "--top", "0", "--format", "csv"])
    #expect(a.stdout == b.stdout)
  }

  @Test func jsonIsAnArrayOfObjectsWithTheSameKeys() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.fixtureStore(directory)
    let result = try CloutProcess.run(["rank", "--db", db, "--top", "5", "--format", "json"])
    let objects =
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
    #expect(objects?.count == 5)
    #expect(objects?.first?["rank"] as? Int == 1)
    #expect(objects?.first?["interactions_out"] != nil)
  }

  @Test func platformFilterAndEmptyWindowMessages() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.fixtureStore(directory)
    let reddit = try CloutProcess.run([
      "rank", "--db", db, "--platform", "reddit", "--format", "csv", "--top", "0",
    ])
    #expect(reddit.status == 0)
    #expect(!reddit.stdout.contains(",twitter,"))
    let empty = try CloutProcess.run(["rank", "--db", db, "--since", "2030-01-01"])
    #expect(empty.status == 65)
    #expect(empty.stderr.contains("since 2030-01-01"))
    let badDate = try CloutProcess.run(["rank", "--db", db, "--since", "last week"])
    #expect(badDate.status == 64)
    #expect(badDate.stderr.contains("ISO date"))
  }

  @Test func missingStoreIsAClearErrorNotACreatedFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("missing.db")
    let result = try CloutProcess.run(["rank", "--db", path])
    #expect(result.status == 74)
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func explainShowsPartsThatAddUp() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.fixtureStore(directory)
    let top = try CloutProcess.run(["rank", "--db", db, "--top", "1", "--format", "csv"])
    let fields = top.stdout.components(separatedBy: "\r\n")[1].components(separatedBy: ",")
    let account = fields[1]
    let score = Double(fields[3])!
    let result = try CloutProcess.run(["explain", "--db", db, account])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("rank 1 of"))
    let parts = result.stdout.components(separatedBy: "\n").filter { $0.contains(" part ") }
    let values = parts.compactMap { line in
      line.split(separator: " ").compactMap { Double($0) }.first
    }
    #expect(values.count == ScorePart.allCases.count)  // one line per part
    #expect(abs(values.reduce(0, +) - score) < 2e-6)
    #expect(result.stdout.contains("Who engages this account"))
    #expect(
      result.stdout.range(of: #"Community \d+ of \d+ \(\d+ accounts"#, options: .regularExpression)
        != nil)
    #expect(result.stdout.contains("Deepest conversations started"))
  }

  @Test func explainUnknownHandleFails() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.fixtureStore(directory)
    let result = try CloutProcess.run(["explain", "--db", db, "nobody_at_all"])
    #expect(result.status == 65)
    #expect(result.stderr.contains("nobody_at_all"))
  }

  @Test func helpTeachesWithExamples() throws {
    let root = try CloutProcess.run(["--help"])
    for command in ["ingest", "stats", "rank", "explain"] {
      #expect(root.stdout.contains(command))
    }
    let rank = try CloutProcess.run(["rank", "--help"])
    #expect(rank.stdout.contains("Examples:"))
    #expect(rank.stdout.contains("--half-life"))
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
  func outputToAFullDiskIsAnIOErrorNotSilence() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.fixtureStore(directory)
    let process = Process()
    process.executableURL = CloutProcess.executable
    process.arguments = ["rank", "--db", db, "--top", "0", "--format", "csv"]
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 74)
    #expect(message.contains("No space left on device"))
  }
}
