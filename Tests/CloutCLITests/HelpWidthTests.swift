import Foundation
import Testing

/// Issue 14 point 12: every `--help` text fits an 80-column terminal (`ingest --help` had a
/// 146-column usage line). Counted in Characters, as a terminal shows them.
@Suite struct HelpWidthTests {
  static let commands = [
    "", "ingest", "stats", "rank", "explain", "shortlist", "communities", "map", "export",
    "evaluate", "calibrate", "campaign", "report", "topics",
  ]

  /// `clout COMMAND --help` on an 80-column terminal.
  static func help(_ command: String) throws -> String {
    try CloutProcess.run(
      (command.isEmpty ? [] : [command]) + ["--help"], environment: ["COLUMNS": "80"]
    ).stdout
  }

  @Test(arguments: commands) func helpFitsEightyColumns(command: String) throws {
    let text = try Self.help(command)
    #expect(text.contains("USAGE:"))
    let long = text.split(separator: "\n").filter { $0.count > 80 }
    #expect(long.isEmpty, "clout \(command) --help: \(long.map { "\($0.count): \($0)" })")
  }

  /// The discussion is wrapped once: a paragraph hard-wrapped in the source at more than 80
  /// columns was wrapped again by the parser, leaving a line of a few words in mid-sentence
  /// ("(from\n--since, if\ngiven)" in `evaluate --help`). A paragraph line is broken that
  /// way when it is short (under 60 columns) and the next line's first word, in lowercase,
  /// would have fit after it; lists and examples (indented) keep their own line breaks.
  @Test(arguments: commands) func paragraphsAreWrappedOnce(command: String) throws {
    let discussion = try Self.help(command).components(separatedBy: "USAGE:")[0]
    let lines = discussion.split(separator: "\n", omittingEmptySubsequences: false)
    var broken: [String] = []
    for (line, next) in zip(lines, lines.dropFirst()) {
      guard !line.isEmpty, line.count < 60, line.first != " ", let first = next.first,
        first.isLowercase
      else { continue }
      let word = next.prefix { $0 != " " }
      if line.count + 1 + word.count <= 80 { broken.append("\(line) / \(word)") }
    }
    #expect(broken.isEmpty, "clout \(command) --help: \(broken)")
  }
}
