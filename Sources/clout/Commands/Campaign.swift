import ArgumentParser
import CloutCore
import CloutRender
import CloutReports

struct Campaign: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure what outreach brought: contacted accounts against a matched comparison.",
    discussion: """
      Compares the period before the outreach, [--on − --window, --on), with the period \
      after it, [--on, --on + --window), for the accounts in --contacted and for a \
      comparison group: for each contacted account, the --comparison (default 5) accounts \
      of its platform nearest to it before the outreach by ln(1 + interactions received), \
      ln(1 + distinct engagers) and ln(1 + interactions given) (Euclidean distance; \
      each comparison serves one contacted account, matched in rounds, closest pairs first; \
      ties broken at random with --seed). The brand's accounts and the contacted accounts \
      are never comparisons.

      Metrics, per account and period: brand_interactions (its interactions with the \
      --brand accounts), brand_engagers (distinct accounts that engaged the brand at or \
      after engaging it, in the same period), engagers (distinct accounts that engaged it) \
      and score (its Clout score in a ranking of that period alone, with the ranking \
      options). Without --brand only engagers and score are measured.

      effect = (contacted after − before) − (comparison after − before): a change that \
      every account shared (a trend, a news event) cancels out. ci_low and ci_high are a \
      95% bootstrap interval: 2,000 resamples of the contacted accounts (each together with \
      its comparisons), percentiles 2.5 and 97.5, the same with the same --seed. The columns \
      are means per account; contacted and comparison count the accounts in each group.

      Under the table: one sentence per metric, the pre-period means of both groups \
      (balance) and warnings when a group has fewer than 10 accounts or a feature's \
      standardized difference exceeds 0.25. With --format csv or json, standard output \
      holds only the rows and the rest goes to standard error.

      --contacted and --brand take one handle or platform:handle per line ('#' comments), \
      or a CSV written by 'clout shortlist' (its handles and user_id columns). Contacted \
      accounts with no interaction in either period are listed and skipped.

      Examples:
        clout campaign --contacted c.txt --brand brand.txt --on 2026-10-01
        clout campaign --contacted shortlist.csv --on 2026-10-01 --format csv
        clout campaign --contacted contacted.txt --on 2026-10-01 --window 14d
        clout campaign --contacted c.txt --on 2026-10-01 --comparison 10 --seed 7
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var ranking: RankingOptions

  @Option(help: ArgumentHelp("The accounts that were contacted.", valueName: "file"))
  var contacted: String

  @Option(
    help: ArgumentHelp(
      "When the outreach happened: 2026-10-01, an ISO time (UTC) or @unix-seconds.",
      valueName: "date"))
  var on: TimeArgument

  @Option(help: ArgumentHelp("The brand's own accounts.", valueName: "file"))
  var brand: String?

  @Option(
    help: ArgumentHelp(
      "Length of each period before and after --on (e.g. 30d, 2w, 12h).",
      valueName: "duration"))
  var window = DurationArgument(argument: CampaignRun.defaultWindow)

  @Option(
    help: ArgumentHelp("Comparison accounts matched to each contacted account.", valueName: "n"))
  var comparison = CampaignRun.defaultComparisons

  @Option(
    help: ArgumentHelp(
      "Random seed for matching ties and the bootstrap; the same seed, the same output.",
      valueName: "integer"))
  var seed: UInt64 = 42

  @Option(help: "Output format: table, csv or json.")
  var format: OutputFormat = .table

  func validate() throws {
    if let problem = on.problem(option: "--on") { throw ValidationError(problem) }
    if ranking.since != nil || ranking.until != nil {
      throw ValidationError(
        "campaign takes no --since or --until: the periods are --window before and after --on.")
    }
    _ = try windowSeconds()
    try CampaignRun.checkComparison(comparison)
  }

  func windowSeconds() throws -> Int64 { try CampaignRun.windowSeconds(window) }

  func run() throws {
    let database = try CommandSupport.openStore(path: store.db, readOnly: true)
    let run = CampaignRun(
      contacted: contacted, brand: brand, on: on, window: try windowSeconds(),
      comparison: comparison, seed: seed)
    let report = try run.report(database, ranking: ranking)
    let words = [report.header, ""] + report.sentences.map { "- " + $0 }
    switch format {
    case .table:
      try Console.output(
        report.table + "\n" + words.joined(separator: "\n") + "\n\n" + report.balanceTable
          + report.warnings.map { $0 + "\n" }.joined())
    case .csv, .json:
      try Console.output(format == .csv ? report.csv : report.json)
      Console.note((words + [""]).joined(separator: "\n") + report.balanceTable)
      for warning in report.warnings { Console.note(warning) }
    }
  }
}
