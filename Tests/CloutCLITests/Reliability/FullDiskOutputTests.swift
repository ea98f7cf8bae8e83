import Foundation
import Testing

/// Every command's results go through one checked writer: standard output on a full disk
/// is exit 74 with the reason, never a silent 0 with the output lost.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
struct FullDiskOutputTests {
  static func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = CloutProcess.executable
    process.arguments = arguments
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, message)
  }

  @Test func everyCommandThatPrintsResultsFailsWith74() throws {
    let directory = try TemporaryDirectory()
    let db = try RankCommandTests.fixtureStore(directory)
    let commands: [[String]] = [
      ["communities"], ["communities", "--format", "csv"], ["communities", "--format", "json"],
      ["stats"], ["stats", "--format", "json"], ["rank"], ["rank", "--format", "json"],
      ["explain", "brianstelter"], ["shortlist", "--out", "-"],
      ["evaluate", "--split-at", "2015-06-01"],
      ["evaluate", "--split-at", "2015-06-01", "--format", "json"],
    ]
    for command in commands {
      let result = try Self.run(command + ["--db", db])
      #expect(result.status == 74, "\(command): \(result.stderr)")
      #expect(result.stderr.contains("No space left on device"), "\(command)")
    }
  }
}
