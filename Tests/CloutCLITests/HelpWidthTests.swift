import Foundation
import Testing

/// Issue 14 point 12: every `--help` text fits an 80-column terminal (`ingest --help` had a
/// 146-column usage line). Counted in Characters, as a terminal shows them.
@Suite struct HelpWidthTests {
  static let commands = [
    "", "ingest", "stats", "rank", "explain", "shortlist", "communities", "map", "export",
    "evaluate", "calibrate",
  ]

  @Test(arguments: commands) func helpFitsEightyColumns(command: String) throws {
    let result = try CloutProcess.run(
      (command.isEmpty ? [] : [command]) + ["--help"], environment: ["COLUMNS": "80"])
    let text = result.stdout
    #expect(text.contains("USAGE:"))
    let long = text.split(separator: "\n").filter { $0.count > 80 }
    #expect(long.isEmpty, "clout \(command) --help: \(long.map { "\($0.count): \($0)" })")
  }
}
