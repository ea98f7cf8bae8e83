import ArgumentParser
import CloutCore
import CloutRender
import CloutReports
import CloutStore
import Dispatch

struct Campaign: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure what outreach brought: contacted accounts against a matched comparison.",
    discussion: """
      Compares the period before the outreach, [--on − --window, --on), with the period \
      after it, [--on, --on + --window), for the accounts in --contacted and for a \
      comparison group: for each contacted account, the --comparison (default 5) accounts \
      of its platform nearest to it before the outreach by ln(1 + interactions received), \
      ln(1 + distinct engagers) and ln(1 + interactions given) (Euclidean distance; a \
      comparison account may serve several contacted accounts; ties broken at random with \
      --seed). The brand's accounts and the contacted accounts are never comparisons.

      Metrics, per account and period: brand_interactions (its interactions with the \
      --brand accounts), brand_engagers (distinct accounts that engaged the brand at or \
      after engaging it, in the same period), engagers (distinct accounts that engaged it) \
      and score (its Clout score in a ranking of that period alone, with the ranking \
      options). Without --brand only engagers and score are measured.

      effect = (contacted after − before) − (comparison after − before): a change that \
      every account shared (a trend, a news event) cancels out. ci_low and ci_high are a \
      95% bootstrap interval: 2,000 resamples of the contacted accounts (each with its \
      comparisons), percentiles 2.5 and 97.5, the same with the same --seed. The columns \
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
  var window = DurationArgument(argument: "30d")

  @Option(
    help: ArgumentHelp("Comparison accounts matched to each contacted account.", valueName: "n"))
  var comparison = 5

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
    if comparison < 1 {
      throw ValidationError("--comparison takes a count of at least 1 (e.g. --comparison 5).")
    }
  }

  func windowSeconds() throws -> Int64 {
    guard case .success(let seconds?) = window.parsed, seconds >= 1 else {
      throw ValidationError(
        "--window must be a positive duration such as 30d, 2w or 12h, not '\(window)'.")
    }
    // A window past a century is the whole of any store; it also keeps on ± window in range.
    return Int64(min(seconds, 3.2e9).rounded())
  }

  func run() throws {
    let window = try windowSeconds()
    let on = self.on.seconds ?? 0
    let database = try CommandSupport.openStore(path: store.db, readOnly: true)
    let platform = ranking.filter.platform
    guard let span = try database.interactionSpan(EngagementFilter(platform: platform)) else {
      Console.error(RankingRun.emptyMessage(ranking))
      throw CloutExit.dataError
    }
    let spanText =
      "the data runs from \(TimeText.iso8601(span.from)) to \(TimeText.iso8601(span.to))"
    guard on > span.from, on <= span.to else {
      Console.error(
        "--on \(self.on) is outside the data: \(spanText); pick a date in between so that"
          + " there is data on both sides")
      throw CloutExit.dataError
    }
    let (start, _) = on.subtractingReportingOverflow(window)
    let (end, _) = on.addingReportingOverflow(window - 1)
    let periods = [("before", start, on - 1), ("after", on, end)]
    var rankings: [InfluenceRanking] = []
    for (name, since, until) in periods {
      rankings.append(try rank(database, name: name, since: since, until: until, span: spanText))
    }
    var union: [CampaignAccount: AccountInfo] = [:]
    for result in rankings {
      for info in result.data.accounts.prefix(result.data.graphAccountCount) {
        union[CampaignAccount(info)] = info
      }
    }
    let infos = union.keys.sorted().map { union[$0]! }
    let lookup = AccountLookup(infos)
    let contactedAccounts = try resolve(contacted, lookup, infos, role: "contacted")
    var brandAccounts = Set<CampaignAccount>()
    if let brand {
      brandAccounts = Set(try resolve(brand, lookup, infos, role: "brand"))
    }
    let started = DispatchTime.now()
    let analysis: CampaignAnalysis
    do {
      analysis = try CampaignAnalysis(
        before: CampaignWindow(ranking: rankings[0], brand: brandAccounts),
        after: CampaignWindow(ranking: rankings[1], brand: brandAccounts),
        contacted: contactedAccounts, brand: brandAccounts, comparisons: comparison, seed: seed)
    } catch {
      Console.error(error.description)
      throw CloutExit.dataError
    }
    if ranking.verbose {
      Console.note(
        "matched \(NumberFormatting.count(analysis.contactedCount, "contacted account")) to "
          + NumberFormatting.count(analysis.comparisonCount, "comparison account") + " and drew "
          + NumberFormatting.grouped(analysis.resamples) + " bootstrap resamples in "
          + NumberFormatting.fixed(Self.seconds(since: started), digits: 2) + " s")
    }
    let report = CampaignReport(analysis: analysis, on: on, window: window)
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

  /// The ranking of one period alone, with the ranking options and the saved calibration.
  func rank(_ database: Store, name: String, since: Int64, until: Int64, span: String) throws
    -> InfluenceRanking
  {
    let started = DispatchTime.now()
    let data = try database.loadEngagementData(
      EngagementFilter(since: since, until: until, platform: ranking.filter.platform),
      warning: { Console.note("warning: " + $0) })
    let period = "[\(TimeText.iso8601(since)), \(TimeText.iso8601(until + 1)))"
    guard data.interactionCount > 0 else {
      Console.error(
        "no interactions between accounts in the period \(name) --on, \(period); \(span):"
          + " move --on or lengthen --window")
      throw CloutExit.dataError
    }
    let calibration = try RankingRun.savedCalibration(database, ranking: ranking)
    let result = try InfluenceRanking(
      data: data, parameters: try ranking.parameters(for: data, calibration: calibration))
    if ranking.verbose {
      for note in result.droppedPartNotes { Console.note(note) }
      Console.note(
        "\(name) \(period): \(NumberFormatting.count(data.interactionCount, "interaction")), "
          + NumberFormatting.count(data.graphAccountCount, "account") + ", loaded and scored in "
          + NumberFormatting.fixed(Self.seconds(since: started), digits: 2) + " s")
    }
    return result
  }

  /// The accounts a list names among both periods' accounts; the rest are listed and
  /// skipped, and a list naming none at all is an error.
  func resolve(
    _ path: String, _ lookup: AccountLookup, _ infos: [AccountInfo], role: String
  ) throws -> [CampaignAccount] {
    var found: [CampaignAccount] = []
    var missing: [String] = []
    for entry in try CampaignAccountsFile.read(path) {
      let matches = lookup.find(entry.text)
      if matches.isEmpty { missing.append("\(path):\(entry.line): \(entry.text)") }
      found += matches.map { CampaignAccount(infos[$0]) }
    }
    if !missing.isEmpty {
      Console.note(
        "warning: skipped \(NumberFormatting.count(missing.count, "\(role) account")) with no"
          + " interactions in either period (not in the store, or inactive then):\n  "
          + missing.prefix(20).joined(separator: "\n  ")
          + (missing.count > 20 ? "\n  … and \(missing.count - 20) more" : ""))
    }
    guard !found.isEmpty else {
      Console.error(
        "none of the \(role) accounts in \(path) has interactions in either period; check the"
          + " handles (one per line, optionally platform:handle) and --on")
      throw CloutExit.dataError
    }
    return found
  }

  private static func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }
}
