import ArgumentParser
import CloutCore
import CloutReports

@main
struct Clout: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clout",
    abstract: "Find who makes others engage in a conversation ecosystem.",
    discussion: """
      Clout reads mention data (who replies to, reposts, quotes and mentions whom, and when) \
      into a local SQLite store, then ranks accounts by the engagement they cause: not by \
      audience size, but by how much and how deeply other people respond to them.

      A first session:
        clout ingest Fixtures/posts.csv Fixtures/twitter-v1.jsonl
        clout stats

      Every command reads and writes the store named by --db (default: ./clout.db). \
      Exit codes: 0 ok, 64 usage error, 65 bad input data, 74 file or store I/O error, \
      75 store busy (another clout process is writing; try again).
      """,
    version: CloutCore.version,
    subcommands: [
      Ingest.self, Stats.self, Rank.self, Explain.self, Shortlist.self, Communities.self,
      Map.self, Export.self, Evaluate.self, Calibrate.self, Campaign.self, Report.self,
      Topics.self,
    ]
  )

  /// argument-parser's `main()`, with every error of a command's `run()` mapped to its
  /// message and exit code in one place (`ErrorExit`). The open-file limit is checked before
  /// parsing: too few descriptors fail deep inside SQLite or libdispatch (a trap at
  /// `ulimit -n 8`), so the limit is named up front (exit 74).
  static func main() {
    if let problem = OpenFileLimit.check() {
      Console.error(problem)
      Self.exit(withError: CloutExit.ioError)
    }
    if let problem = unknownCommand(Array(CommandLine.arguments.dropFirst())) {
      Console.error(problem)
      Self.exit(withError: CloutExit.usage)
    }
    var command: any ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      exit(withError: error)
    }
    do {
      try command.run()
    } catch {
      exit(withError: ErrorExit.handle(error))
    }
  }

  /// argument-parser answers a mistyped command (`clout ranks`) with "unexpected argument"
  /// and no hint; when the first word is near a command's name, say which one.
  static func unknownCommand(_ arguments: [String]) -> String? {
    guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
    let names = configuration.subcommands.map { $0._commandName } + ["help"]
    guard !names.contains(first) else { return nil }
    let near = Suggestions.nearest(to: first, among: names, limit: 1)
    guard let suggestion = near.first else { return nil }
    return "unknown command '\(first)'; did you mean '\(suggestion)'? (clout --help lists them)"
  }
}
