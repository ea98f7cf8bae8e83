import Foundation
import Testing

/// Files named by `--out`: the temporary file cannot be hijacked through a planted symbolic
/// link, an `--out` that is a link is replaced (its target untouched), and temporary files a
/// killed run left behind are removed by the next write to the same target.
@Suite struct OutputFileTests {
  static func store(in directory: TemporaryDirectory) throws -> String {
    let db = directory.path("s.db")
    let result = try CloutProcess.run(
      ["ingest", "--db", db, CloutProcess.fixtures.appendingPathComponent("posts.csv").path])
    #expect(result.status == 0, "\(result.stderr)")
    return db
  }

  /// The attack that worked: `.sl.csv.$$.tmp` was predictable (the PID survives `exec`), and
  /// `Data.write` followed the planted link and overwrote the victim.
  @Test func aPlantedSymlinkAtThePredictableTemporaryNameIsNotFollowed() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(in: directory)
    let victim = directory.path("victim.txt")
    try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
    let script =
      "cd \"$1\" && ln -s victim.txt .sl.csv.$$.tmp"
      + " && exec \"$2\" shortlist --db \"$3\" --out sl.csv"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script, "sh", directory.url.path, CloutProcess.executable.path, db]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    let attributes = try FileManager.default.attributesOfItem(atPath: directory.path("sl.csv"))
    #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    #expect(
      try String(contentsOfFile: directory.path("sl.csv"), encoding: .utf8).hasPrefix("rank,"))
  }

  /// Documented: `rename` replaces the link itself; the file it pointed to is not written.
  @Test func anOutThatIsASymlinkIsReplacedAndItsTargetLeftAlone() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(in: directory)
    let target = directory.path("target.csv")
    try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
    try FileManager.default.createSymbolicLink(
      atPath: directory.path("out.csv"), withDestinationPath: target)
    let result = try CloutProcess.run(["shortlist", "--db", db, "--out", directory.path("out.csv")])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
    let attributes = try FileManager.default.attributesOfItem(atPath: directory.path("out.csv"))
    #expect(attributes[.type] as? FileAttributeType == .typeRegular)
  }

  /// What `kill -9` during a write leaves (a partial temporary file of a dead process) is
  /// removed by the next write to the same target; a live process's is kept.
  @Test func staleTemporaryFilesOfADeadProcessAreRemoved() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(in: directory)
    let dead = Process()
    dead.executableURL = URL(fileURLWithPath: "/bin/true")
    try dead.run()
    dead.waitUntilExit()
    let deadPID = dead.processIdentifier
    let live = getpid()
    let stale = [".sl.csv.clout-\(deadPID)-1f2e3d.tmp", ".sl.csv.\(deadPID).tmp"]
    let kept = [".sl.csv.clout-\(live)-abc.tmp", ".other.csv.clout-\(deadPID)-1.tmp"]
    for name in stale + kept {
      try Data(repeating: 65, count: 1000).write(to: URL(fileURLWithPath: directory.path(name)))
    }
    let result = try CloutProcess.run(["shortlist", "--db", db, "--out", directory.path("sl.csv")])
    #expect(result.status == 0, "\(result.stderr)")
    for name in stale {
      #expect(!FileManager.default.fileExists(atPath: directory.path(name)), "\(name)")
    }
    for name in kept {
      #expect(FileManager.default.fileExists(atPath: directory.path(name)), "\(name)")
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
      .filter { $0.hasPrefix(".sl.csv") }
    #expect(left == [".sl.csv.clout-\(live)-abc.tmp"])
  }
}
