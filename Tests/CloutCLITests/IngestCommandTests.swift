import CloutStore
import Foundation
import Testing
import CloutTestSupport

@Suite struct IngestCommandTests {
  let fixtures = CloutProcess.fixtures.path

  @Test func ingestsEveryFixtureFormatAndSummarizes() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("clout.db")
    let result = try CloutProcess.run([
      "ingest", "--db", db, "\(fixtures)/posts.csv", "\(fixtures)/twitter-v1.jsonl",
      "\(fixtures)/twitter-v2/noflat.jsonl",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("posts.csv: 446 posts"))
    #expect(result.stdout.contains("[posts-csv]"))
    #expect(result.stdout.contains("[twitter-v1]"))
    #expect(result.stdout.contains("[twitter-v2]"))
    #expect(result.stdout.contains("total: "))
    #expect(result.stderr.contains("detected posts-csv"))
  }

  @Test func secondIngestOfTheSameFileAddsNothing() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("clout.db")
    try CloutProcess.run(["ingest", "--db", db, "\(fixtures)/posts.csv"])
    let before = try CloutProcess.run(["stats", "--db", db, "--format", "json"]).stdout
    let again = try CloutProcess.run(["ingest", "--db", db, "\(fixtures)/posts.csv"])
    #expect(again.status == 0)
    #expect(again.stdout.contains("0 posts, 0 accounts, 0 interactions added; 446 duplicates"))
    let after = try CloutProcess.run(["stats", "--db", db, "--format", "json"]).stdout
    // Only the run count may change.
    #expect(
      before.replacingOccurrences(of: "\"ingest_runs\": 1", with: "")
        == after.replacingOccurrences(of: "\"ingest_runs\": 2", with: ""))
  }

  @Test func standardInputIsReadWithDash() throws {
    let directory = try TemporaryDirectory()
    let csv =
      "id,author,created_at,reply_to_id,reply_to_author\n1,alice,2026-01-01,,\n2,bob,2026-01-02,1,alice\n"
    let result = try CloutProcess.run(
      ["ingest", "--db", directory.path("clout.db"), "-"], stdin: Data(csv.utf8))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("<stdin>: 2 posts, 2 accounts, 1 interaction added"))
  }

  @Test func badRecordNamesFileLineAndFieldAndExits65() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("clout.db")
    let result = try CloutProcess.run(["ingest", "--db", db, "\(fixtures)/bad/posts-bad-date.csv"])
    #expect(result.status == 65)
    #expect(result.stderr.contains("posts-bad-date.csv:4: field 'created_at'"))
    let stats = try CloutProcess.run(["stats", "--db", db, "--format", "json"])
    #expect(stats.stdout.contains("\"platforms\": []"), "nothing from the failed batch is kept")
  }

  @Test func skipBadIngestsTheRestAndReportsTheBadOnes() throws {
    let directory = try TemporaryDirectory()
    let result = try CloutProcess.run([
      "ingest", "--db", directory.path("clout.db"), "--skip-bad",
      "\(fixtures)/bad/posts-bad-date.csv",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("1 bad record;") || result.stdout.contains("1 bad record "))
    #expect(result.stderr.contains("posts-bad-date.csv:4"))
  }

  @Test(arguments: [
    ("empty.csv", "empty"), ("binary.bin", "binary"), ("unknown-format.txt", "tried posts-csv"),
    ("posts-missing-column.csv", "created_at"), ("posts-invalid-utf8.csv", "UTF-8"),
  ])
  func unreadableInputsGetTheirOwnMessage(file: String, expected: String) throws {
    let directory = try TemporaryDirectory()
    let result = try CloutProcess.run([
      "ingest", "--db", directory.path("clout.db"), "\(fixtures)/bad/\(file)",
    ])
    #expect(result.status == 65)
    #expect(result.stderr.contains(file))
    #expect(result.stderr.lowercased().contains(expected.lowercased()), "\(result.stderr)")
  }

  @Test func missingFileIsAClearError() throws {
    let directory = try TemporaryDirectory()
    let result = try CloutProcess.run([
      "ingest", "--db", directory.path("clout.db"), directory.path("nope.csv"),
    ])
    #expect(result.status == 74, "an input that cannot be opened is an I/O error")
    #expect(result.stderr.contains("nope.csv: cannot open: No such file or directory"))
  }

  @Test func notAStoreIsRefusedAndLeftUntouched() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("notes.db")
    let content = Data("these are my notes, not a database\n".utf8)
    try content.write(to: URL(fileURLWithPath: path))
    let result = try CloutProcess.run(["ingest", "--db", path, "\(fixtures)/posts.csv"])
    #expect(result.status == 74)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
  }

  /// An ingest killed with SIGKILL at random points leaves a sound store with whole batches,
  /// and running the same command again gives exactly the contents of an uninterrupted run.
  @Test func killedIngestLeavesASoundStoreAndRerunCompletesIt() throws {
    let directory = try TemporaryDirectory()
    let input = directory.path("posts.csv")
    try SyntheticPosts.write(count: 60_000, to: input)

    let reference = directory.path("reference.db")
    let started = Date()
    let uninterrupted = try CloutProcess.run([
      "ingest", "--db", reference, "--batch-size", "2000", input,
    ])
    // Kill points are spread over 10–90% of how long a full ingest takes on this machine.
    let duration = Date().timeIntervalSince(started)
    #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
    let expected = try Self.contents(reference)

    var generator = SeededGenerator(seed: 7)
    var interruptedMidway = 0
    for attempt in 0..<8 {
      let db = directory.path("killed-\(attempt).db")
      let process = try CloutProcess.start([
        "ingest", "--db", db, "--batch-size", "2000", input,
      ])
      let fraction = 0.1 + 0.8 * Double(generator.next() % 1000) / 1000
      usleep(UInt32(duration * fraction * 1_000_000))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()

      let store = try Store.open(path: db)
      #expect(try store.integrityProblems() == [])
      #expect(try store.textIndexProblems() == [])
      let stats = try store.stats()
      let posts = stats.platforms.map(\.posts).reduce(0, +)
      #expect(posts % 2000 == 0, "whole batches only, found \(posts) posts")
      if posts > 0 && posts < 60_000 { interruptedMidway += 1 }
      try store.close()

      let rerun = try CloutProcess.run(["ingest", "--db", db, "--batch-size", "2000", input])
      #expect(rerun.status == 0, "\(rerun.stderr)")
      #expect(try Self.contents(db) == expected)
    }
    #expect(interruptedMidway > 0, "at least one kill must land in the middle of the ingest")
  }

  /// Everything a user can see of a store: stats and the full ranking.
  static func contents(_ db: String) throws -> String {
    let stats = try CloutProcess.run(["stats", "--db", db, "--format", "json", "--top", "50"])
    let rank = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    // The full-text index as a topic ranking reads it: the same posts, no more, no fewer.
    let topic = try CloutProcess.run([
      "rank", "--db", db, "--topic", "#launch OR ferry*", "--top", "0", "--format", "csv",
    ])
    return stats.stdout.replacingOccurrences(
      of: #""ingest_runs": \d+"#, with: "", options: .regularExpression) + rank.stdout
      + topic.stdout + topic.stderr
  }
}

/// A small deterministic generator of reply-rich posts for the crash test.
enum SyntheticPosts {
  static func write(count: Int, to path: String) throws {
    var generator = SeededGenerator(seed: 42)
    var text = "id,author,created_at,reply_to_id,mentions,text\n"
    let vocabulary = ["ferry", "ferries", "#launch", "launch", "café", "weather", "harbour"]
    for index in 1...count {
      let author = "user\(generator.next() % 500)"
      let parent =
        index > 1 && generator.next() % 3 != 0
        ? String(1 + generator.next() % UInt64(index - 1)) : ""
      let mention = generator.next() % 4 == 0 ? "user\(generator.next() % 500)" : ""
      let words =
        "\(vocabulary[Int(generator.next() % 7)]) \(vocabulary[Int(generator.next() % 7)])"
      text +=
        "\(index),\(author),\(1_700_000_000 + index * 60),\(parent),\(mention),\(words)\n"
    }
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }
}
