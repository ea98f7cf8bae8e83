import Foundation
import Testing

/// A low open-file limit is named (exit 74) before anything fails deep inside SQLite or
/// libdispatch (at `ulimit -n 8` ingest trapped with SIGILL, at 7 it died silently); a low
/// soft limit under a higher hard one is raised and the command runs.
@Suite struct OpenFileLimitTests {
  static func run(limit: String, _ arguments: [String], in directory: TemporaryDirectory) throws
    -> (Int32, String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    let quoted = arguments.map { "'" + $0 + "'" }.joined(separator: " ")
    process.arguments = [
      "-c", "ulimit \(limit) && exec '\(CloutProcess.executable.path)' \(quoted)",
    ]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test(arguments: ["7", "8", "10"])
  func aLowHardLimitIsNamed(limit: String) throws {
    let directory = try TemporaryDirectory()
    let input = "\(CloutProcess.fixtures.path)/posts.csv"
    for command in [["ingest", "--db", directory.path("f.db"), input], ["rank", "--db", "x.db"]] {
      let (status, stderr) = try Self.run(limit: "-n \(limit)", command, in: directory)
      #expect(status == 74, "\(command[0]) at \(limit): \(stderr)")
      #expect(stderr.contains("open-file limit (ulimit -n) is \(limit)"), "\(stderr)")
    }
  }

  @Test func aLowSoftLimitIsRaised() throws {
    let directory = try TemporaryDirectory()
    let input = "\(CloutProcess.fixtures.path)/posts.csv"
    let (status, stderr) = try Self.run(
      limit: "-S -n 8 && ulimit -H -n 256", ["ingest", "--db", directory.path("f.db"), input],
      in: directory)
    #expect(status == 0, "\(stderr)")
  }
}
