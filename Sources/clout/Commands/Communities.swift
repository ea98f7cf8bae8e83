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
      top accounts, bridges); csv lists accounts: account,community,score,platform,bridge, \
      one row per account of the communities shown, by community then score.

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

  func validate() throws {
    if minSize < 1 { throw ValidationError("--min-size must be at least 1 (1 shows all).") }
    if topAccounts < 1 { throw ValidationError("--top-accounts must be at least 1.") }
  }

  func run() throws {
    let result = try RankingRun.compute(store: store, ranking: ranking)
    let analysis = try community.analyze(result)
    let report = CommunitiesReport(
      result: result, analysis: analysis, minSize: minSize, topAccounts: topAccounts)
    switch format {
    case .csv: try Console.output(report.csv)
    case .json: try Console.output(try report.json())
    case .table: try Console.output(report.table + "\n" + report.footer + "\n")
    }
  }
}
