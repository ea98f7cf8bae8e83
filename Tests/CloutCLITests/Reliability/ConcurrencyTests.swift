import CloutStore
import Foundation
import Testing

/// Concurrency: readers run while an ingest writes (WAL) and see a consistent
/// snapshot (whole batches only); two ingests at once serialize or one is told the store is
/// busy (exit 75), and the store ends exactly as after one uninterrupted run.
///
@Suite(.serialized) struct ConcurrencyTests {
  static let batch = 5_000

  /// One post by `seed`, so every reader finds a store and an account from the start.
  static func seedStore(_ db: String, in directory: TemporaryDirectory) throws {
    let seed = directory.path("seed.csv")
    try Data("id,author,created_at,mentions\nseed-1,seed,2023-11-14,user1\n".utf8)
      .write(to: URL(fileURLWithPath: seed))
    let result = try CloutProcess.run(["ingest", "--db", db, seed])
    #expect(result.status == 0, "\(result.stderr)")
  }

  static func readerCommands(_ db: String) -> [[String]] {
    [
      ["stats", "--db", db, "--format", "json"],
      ["rank", "--db", db, "--top", "0", "--format", "csv"],
      ["explain", "--db", db, "seed"],
      ["shortlist", "--db", db, "--out", "-", "--top", "20"],
      ["communities", "--db", db, "--format", "csv"],
      [
        "map", "--db", db, "--top", "50",
        "--out",
        URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("map.dot").path,
      ],
    ]
  }

  @Test func readersSeeWholeBatchesWhileAnIngestWrites() throws {
    let directory = try TemporaryDirectory()
    let input = directory.path("posts.csv")
    try SyntheticPosts.write(count: 150_000, to: input)
    let db = directory.path("clout.db")
    try Self.seedStore(db, in: directory)

    let writer = try CloutProcess.start([
      "ingest", "--db", db, "--batch-size", "\(Self.batch)", input,
    ])
    var rounds = 0
    var midway = 0
    while writer.isRunning || rounds == 0 {
      // A snapshot check before every reader, so slow readers (map, communities) cannot
      // make the whole ingest pass between two checks.
      for command in Self.readerCommands(db) {
        let stats = try CloutProcess.run(["stats", "--db", db, "--format", "json"])
        #expect(stats.status == 0, "stats: \(stats.stderr)")
        let posts = try Self.totalPosts(stats.stdout)
        #expect((posts - 1) % Self.batch == 0, "a snapshot holds whole batches, saw \(posts)")
        if posts > 1 && posts < 150_001 { midway += 1 }

        let result = try CloutProcess.run(command)
        #expect(result.status == 0, "\(command[0]): \(result.stderr)")
        #expect(!result.stderr.contains("error"), "\(command[0]): \(result.stderr)")
      }
      rounds += 1
    }
    writer.waitUntilExit()
    #expect(writer.terminationStatus == 0)
    #expect(midway > 0, "at least one reader must run in the middle of the ingest")
    let store = try Store.open(path: db, readOnly: true)
    #expect(try store.integrityProblems() == [])
  }

  @Test func twoIngestsAtOnceSerializeOrOneIsToldTheStoreIsBusy() throws {
    let directory = try TemporaryDirectory()
    let all = directory.path("all.csv")
    try SyntheticPosts.write(count: 80_000, to: all)
    // Two halves, interleaved (replies cross between the files), plus an overlap.
    let lines = try String(contentsOfFile: all, encoding: .utf8).split(separator: "\n")
    let header = lines[0]
    let rows = lines.dropFirst()
    let first =
      [header]
      + rows.enumerated().filter { $0.offset % 2 == 0 || $0.offset < 5_000 }
      .map(\.element)
    let second = [header] + rows.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    let pathA = directory.path("a.csv")
    let pathB = directory.path("b.csv")
    try Data((first.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: pathA))
    try Data((second.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: pathB))

    for (attempt, batch) in [2_000, 250_000].enumerated() {
      let db = directory.path("both-\(attempt).db")
      try Self.seedStore(db, in: directory)
      let reseeded = directory.path("reference-\(attempt).db")
      try Self.seedStore(reseeded, in: directory)
      for path in [pathA, pathB] {
        #expect(try CloutProcess.run(["ingest", "--db", reseeded, path]).status == 0)
      }
      let results = try Self.concurrently([
        ["ingest", "--db", db, "--batch-size", "\(batch)", pathA],
        ["ingest", "--db", db, "--batch-size", "\(batch)", pathB],
      ])
      print("two ingests, batch \(batch): exit codes \(results.map(\.status))")
      for (index, result) in results.enumerated() {
        #expect(result.status == 0 || result.status == 75, "\(result.stderr)")
        if result.status == 75 {
          #expect(result.stderr.contains("store is busy"), "\(result.stderr)")
          let retry = try CloutProcess.run(["ingest", "--db", db, [pathA, pathB][index]])
          #expect(retry.status == 0, "\(retry.stderr)")
        }
      }
      let store = try Store.open(path: db, readOnly: true)
      #expect(try store.integrityProblems() == [])
      try store.close()
      #expect(try IngestCommandTests.contents(db) == IngestCommandTests.contents(reseeded))
    }
  }

  static func concurrently(_ commands: [[String]]) throws -> [CloutProcess.Result] {
    let results = ResultsBox(count: commands.count)
    let group = DispatchGroup()
    for (index, command) in commands.enumerated() {
      group.enter()
      Thread.detachNewThread {
        results.set(index, try? CloutProcess.run(command))
        group.leave()
      }
    }
    group.wait()
    return try results.values.map {
      guard let result = $0 else { throw CocoaError(.executableLoad) }
      return result
    }
  }

  static func totalPosts(_ statsJSON: String) throws -> Int {
    let object = try JSONSerialization.jsonObject(with: Data(statsJSON.utf8)) as? [String: Any]
    let platforms = object?["platforms"] as? [[String: Any]] ?? []
    return platforms.compactMap { $0["posts"] as? Int }.reduce(0, +)
  }
}

private final class ResultsBox: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var values: [CloutProcess.Result?]

  init(count: Int) { values = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: CloutProcess.Result?) {
    lock.lock()
    values[index] = value
    lock.unlock()
  }
}
