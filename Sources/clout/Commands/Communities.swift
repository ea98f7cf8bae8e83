import ArgumentParser
import CloutCore
import CloutRender
import CloutReports

struct Communities: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the communities of the interaction graph and the bridges between them.",
    discussion: """
      Communities are groups of accounts that interact more with each other than with the \
      rest: Leiden on the interaction graph treated as undirected, with the same edge \
      weights as the ranking (same options as 'clout rank'). --resolution tunes their size \
      and --seed fixes the random choices, so the same data and options always give the \
      same communities.

      Community 1 is the community with the highest total score, 2 the next, and so on; \
      ids do not change when --min-size hides small communities. 'inside' is the share of \
      the interaction weight touching a community that stays inside it. A bridge is an \
      account whose interactions spread over several communities (participation \
      coefficient of at least 0.5, with at least a typical account's interaction weight): \
      the people who carry conversations from one group to another.

      Formats: the table and json list communities (id, size, total score, inside share, \
      top accounts, bridges), the table the first --top (25) of them; csv lists accounts: \
      account,community,score,platform,bridge, one row per account of the communities \
      shown, by community then score.

      Examples:
        clout communities
        clout communities --min-size 10 --top-accounts 8
        clout communities --format csv --min-size 1 > communities.csv
        clout communities --resolution 2 --since 2026-10-01
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var ranking: RankingOptions
  @OptionGroup var community: CommunityOptions

  @Option(help: "Output format: table, csv or json.")
  var format: OutputFormat = .table

  @Option(
    help: ArgumentHelp(
      "Hide communities with fewer accounts than this (1 shows all).", valueName: "n"))
  var minSize = 2

  @Option(help: ArgumentHelp("How many top accounts to name per community.", valueName: "n"))
  var topAccounts = 5

  // A week of news-event tweets has 13,277 communities of two or more accounts: a table of
  // them all is 13,281 lines, so the table stops at 25 like `rank`; csv and json, read by
  // scripts, keep every community.
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "How many communities the table lists; 0 lists all. csv and json list every community"
        + " of --min-size accounts or more.", valueName: "n"))
  var top = 25

  func validate() throws {
    if minSize < 1 { throw ValidationError("--min-size must be at least 1 (1 shows all).") }
    if topAccounts < 1 { throw ValidationError("--top-accounts must be at least 1.") }
    if top < 0 { throw ValidationError("--top takes a count of communities, or 0 for all.") }
  }

  func run() throws {
    let result = try RankingRun.compute(store: store, ranking: ranking)
    let analysis = try community.analyze(result)
    let report = CommunitiesReport(
      result: result, analysis: analysis, minSize: minSize, topAccounts: topAccounts,
      tableLimit: top == 0 ? nil : top)
    switch format {
    case .csv: try Console.output(report.csv)
    case .json: try Console.output(try report.json())
    case .table: try Console.output(report.table + "\n" + report.footer + "\n")
    }
  }
}
