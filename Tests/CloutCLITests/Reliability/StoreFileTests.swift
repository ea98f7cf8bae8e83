import Foundation
import Testing

@testable import CloutStore

/// What `--db` may name: refused stores get no `-wal`/`-shm` files (their header decides),
/// devices and FIFOs are refused at once, and two ingests creating the same new store both
/// succeed (the second waits for the first's creation) or one exits 75 after the wait.
@Suite struct StoreFileTests {
  static func commands(_ db: String, _ directory: TemporaryDirectory) -> [[String]] {
    [
      ["ingest", "--db", db, "\(CloutProcess.fixtures.path)/posts.csv"],
      ["stats", "--db", db], ["rank", "--db", db], ["explain", "--db", db, "alice"],
      ["shortlist", "--db", db, "--out", directory.path("sl.csv")],
      ["map", "--db", db, "--out", directory.path("m.dot")],
    ]
  }

  enum Kind: String, CaseIterable {
    case foreignWAL, newerWAL
  }

  @Test(arguments: Kind.allCases)
  func refusedWALFilesGetNoSidecarFiles(kind: Kind) throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("x.db")
    switch kind {
    case .foreignWAL:
      try Store.createPlainDatabase(
        path: db, sql: "CREATE TABLE t(x); INSERT INTO t VALUES (1);", wal: true)
    case .newerWAL:
      let store = try Store.open(path: db)
      try store.execute("PRAGMA user_version = \(StoreSchema.version + 1)")
      try store.close()
      try Store.checkpointAndDetach(path: db)
    }
    #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
    let before = try Data(contentsOf: URL(fileURLWithPath: db))
    #expect(before[18] == 2 && before[19] == 2, "the file is in WAL mode")
    for command in Self.commands(db, directory) {
      let result = try CloutProcess.run(command)
      #expect(result.status == 74, "\(command[0]): \(result.stderr)")
      #expect(result.stderr.contains("left untouched"), "\(result.stderr)")
      for sidecar in ["-wal", "-shm", "-journal"] {
        #expect(!FileManager.default.fileExists(atPath: db + sidecar), "\(command[0]) \(sidecar)")
      }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
  }

  /// Runs `arguments`, killing the process if it is still running after `seconds`.
  static func runWithin(_ seconds: Double, _ arguments: [String]) throws -> (Int32, Bool) {
    let process = try CloutProcess.start(arguments)
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    let hung = process.isRunning
    if hung { process.terminate() }
    process.waitUntilExit()
    return (process.terminationStatus, hung)
  }

  @Test func devicesAndFIFOsAreRefusedWithoutHangingOrSidecars() throws {
    let directory = try TemporaryDirectory()
    let fifo = directory.path("pipe.db")
    #expect(mkfifo(fifo, 0o600) == 0)
    let journalExisted = FileManager.default.fileExists(atPath: "/dev/null-journal")
    for db in ["/dev/null", fifo] {
      for command in Self.commands(db, directory) {
        let (status, hung) = try Self.runWithin(20, command)
        #expect(!hung, "\(command) hung")
        #expect(status == 74, "\(command)")
      }
      let result = try CloutProcess.run(["rank", "--db", db])
      #expect(result.stderr.contains("not a regular file"), "\(result.stderr)")
    }
    if !journalExisted {
      #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal"))
    }
    #expect(!FileManager.default.fileExists(atPath: fifo + "-wal"))
  }

  /// Before the open lock, 7 of 40 such races failed ("not a clout store", "table
  /// interaction_types already exists", or exit 75 after 0.03 s).
  @Test func twoIngestsCreatingTheSameNewStoreBothSucceed() throws {
    let input = "\(CloutProcess.fixtures.path)/posts.csv"
    let reference = try TemporaryDirectory()
    let single = reference.path("one.db")
    #expect(try CloutProcess.run(["ingest", "--db", single, input]).status == 0)
    let expected = try Store.open(path: single, readOnly: true).integer(
      "SELECT count(*) FROM posts")
    for round in 0..<20 {
      let directory = try TemporaryDirectory()
      let db = directory.path("r.db")
      let started = Date()
      let processes = try (0..<2).map { _ in
        try CloutProcess.start(["ingest", "--db", db, input])
      }
      for process in processes { process.waitUntilExit() }
      let elapsed = Date().timeIntervalSince(started)
      for process in processes {
        let status = process.terminationStatus
        #expect(status == 0 || (status == 75 && elapsed >= Store.busyTimeout), "round \(round)")
      }
      let posts = try Store.open(path: db, readOnly: true).integer("SELECT count(*) FROM posts")
      #expect(posts == expected, "round \(round)")
    }
  }

  static let canDropToNobody =
    getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

  /// A store on its own (no `-wal`, no `-shm`) in a directory the reader cannot write: the
  /// reader said "it cannot be written"; it now reads the file `immutable`. Run as `nobody`,
  /// since root writes anywhere.
  @Test(.enabled(if: canDropToNobody, "needs root and setpriv to run as nobody"))
  func aReaderReadsAStoreInADirectoryItCannotWrite() throws {
    let directory = try TemporaryDirectory()
    chmod(directory.url.path, 0o755)
    let db = directory.path("ro.db")
    let input = "\(CloutProcess.fixtures.path)/posts.csv"
    #expect(try CloutProcess.run(["ingest", "--db", db, input]).status == 0)
    try Store.checkpointAndDetach(path: db)
    chmod(db, 0o644)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments = [
      "--reuid=65534", "--regid=65534", "--clear-groups", CloutProcess.executable.path, "rank",
      "--db", db, "--top", "3", "--format", "csv",
    ]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(message)")
    #expect(printed.split(whereSeparator: \.isNewline).count == 4, "\(printed)")
    #expect(!FileManager.default.fileExists(atPath: db + "-shm"))
  }
}
