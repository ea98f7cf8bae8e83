import Foundation
import Testing
import CloutTestSupport

/// The snapshot beside a store (`STORE-snapshot`, see `EngagementSnapshot`) never makes a
/// ranking differ from one computed by scanning the store: not after more batches were
/// committed, not after an ingest was killed midway, not when the file is damaged.
@Suite struct SnapshotTests {
  static let withSnapshot = ["CLOUT_SNAPSHOT_MIN_ROWS": "1"]
  static let scanOnly = ["CLOUT_SNAPSHOT_MIN_ROWS": "off"]

  static func rank(_ db: String, _ environment: [String: String]) throws -> String {
    let result = try CloutProcess.run(
      ["rank", "--db", db, "--top", "0", "--format", "csv"], environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout
  }

  @Test func killedIngestNeverLeavesASnapshotThatDisagreesWithTheStore() throws {
    let directory = try TemporaryDirectory()
    let input = directory.path("posts.csv")
    try SyntheticPosts.write(count: 30_000, to: input)
    let lines = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n")
    let head = directory.path("head.csv")
    try (lines.prefix(10_001).joined(separator: "\n") + "\n")
      .write(toFile: head, atomically: true, encoding: .utf8)

    let started = Date()
    let reference = directory.path("reference.db")
    try CloutProcess.run(["ingest", "--db", reference, "--batch-size", "2000", input])
    let duration = Date().timeIntervalSince(started)

    var generator = SeededGenerator(seed: 11)
    for attempt in 0..<4 {
      let db = directory.path("killed-\(attempt).db")
      try CloutProcess.run(["ingest", "--db", db, "--batch-size", "2000", head])
      let first = try Self.rank(db, Self.withSnapshot)
      #expect(FileManager.default.fileExists(atPath: db + "-snapshot"))
      #expect(first == (try Self.rank(db, Self.scanOnly)))

      let process = try CloutProcess.start([
        "ingest", "--db", db, "--batch-size", "2000", input,
      ])
      let fraction = 0.1 + 0.8 * Double(generator.next() % 1000) / 1000
      usleep(UInt32(duration * fraction * 1_000_000))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()

      // Twice: the first run may rebuild the snapshot, the second reads it.
      let scanned = try Self.rank(db, Self.scanOnly)
      #expect(try Self.rank(db, Self.withSnapshot) == scanned)
      #expect(try Self.rank(db, Self.withSnapshot) == scanned)
    }
  }

  @Test func damagedOrTruncatedSnapshotIsIgnored() throws {
    let directory = try TemporaryDirectory()
    let input = directory.path("posts.csv")
    try SyntheticPosts.write(count: 5_000, to: input)
    let db = directory.path("clout.db")
    try CloutProcess.run(["ingest", "--db", db, input])
    let scanned = try Self.rank(db, Self.scanOnly)
    #expect(try Self.rank(db, Self.withSnapshot) == scanned)
    let snapshot = db + "-snapshot"
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshot)))
    #expect(bytes.count > 1_000)

    bytes[bytes.count / 2] ^= 0x40
    try Data(bytes).write(to: URL(fileURLWithPath: snapshot))
    #expect(try Self.rank(db, Self.withSnapshot) == scanned)
    // The damaged file was replaced by a good one.
    #expect(try Data(contentsOf: URL(fileURLWithPath: snapshot)) != Data(bytes))

    try Data(bytes.prefix(bytes.count - 3)).write(to: URL(fileURLWithPath: snapshot))
    #expect(try Self.rank(db, Self.withSnapshot) == scanned)
    try Data().write(to: URL(fileURLWithPath: snapshot))
    #expect(try Self.rank(db, Self.withSnapshot) == scanned)
  }
}
