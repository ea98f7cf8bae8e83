import Foundation
import Testing

@testable import CloutStore

/// Disk and permissions, the cases a test can set up: a store path that is a
/// directory or in a missing directory, an output path in a missing directory, and (when not
/// running as root, which ignores file modes) an unwritable directory and a read-only store.
/// A full disk and a read-only mount need root and a small filesystem:
/// `scripts/disk-faults.sh`.
@Suite struct DiskAndPermissionTests {
  let posts = "\(CloutProcess.fixtures.path)/posts.csv"
  static let isRoot = getuid() == 0

  @Test func storePathThatIsADirectory() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("store.db")
    try FileManager.default.createDirectory(atPath: db, withIntermediateDirectories: false)
    for command in [["ingest", "--db", db, posts], ["stats", "--db", db], ["rank", "--db", db]] {
      let result = try CloutProcess.run(command)
      #expect(result.status == 74, "\(result.stderr)")
      #expect(result.stderr.contains("\(db): it is a directory"), "\(result.stderr)")
    }
  }

  @Test func storeInAMissingDirectory() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("missing/store.db")
    let result = try CloutProcess.run(["ingest", "--db", db, posts])
    #expect(result.status == 74)
    #expect(result.stderr.contains("cannot open store \(db)"), "\(result.stderr)")
    let stats = try CloutProcess.run(["stats", "--db", db])
    #expect(stats.status == 74)
    #expect(stats.stderr.contains("no store at \(db)"), "\(stats.stderr)")
  }

  @Test func outputPathInAMissingDirectory() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("clout.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, posts]).status == 0)
    let out = directory.path("missing/shortlist.csv")
    let result = try CloutProcess.run(["shortlist", "--db", db, "--out", out])
    #expect(result.status == 74)
    #expect(result.stderr.contains("the directory \(directory.path("missing")) does not exist"))
  }

  @Test(.enabled(if: !isRoot, "root ignores file modes; scripts/disk-faults.sh covers it"))
  func unwritableDirectoryAndReadOnlyStore() throws {
    let directory = try TemporaryDirectory()
    let locked = directory.path("locked")
    try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
    chmod(locked, 0o555)
    defer { chmod(locked, 0o755) }
    let result = try CloutProcess.run(["ingest", "--db", "\(locked)/clout.db", posts])
    #expect(result.status == 74, "\(result.stderr)")
    #expect(result.stderr.contains("\(locked)/clout.db"))

    let db = directory.path("clout.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, posts]).status == 0)
    chmod(db, 0o444)
    defer { chmod(db, 0o644) }
    let before = try Data(contentsOf: URL(fileURLWithPath: db))
    let again = try CloutProcess.run([
      "ingest", "--db", db, "\(CloutProcess.fixtures.path)/edges.csv",
    ])
    #expect(again.status == 74, "\(again.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    #expect(try CloutProcess.run(["rank", "--db", db]).status == 0, "reading still works")
  }
}
