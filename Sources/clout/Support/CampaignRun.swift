import ArgumentParser
import CloutCore
import CloutRender
import CloutReports
import CloutStore
import Dispatch

/// What `clout campaign` and `clout report --contacted` both compute: the rankings of the
/// period before and after `--on`, the contacted and brand accounts resolved among them, and
/// the `CampaignReport` built from them. One computation, so the report's campaign section
/// shows the numbers the command prints.
struct CampaignRun {
  var contacted: String
  var brand: String?
  var on: TimeArgument
  /// Seconds, from `--window`.
  var window: Int64
  var comparison: Int
  var seed: UInt64

  /// The defaults of `--window` and `--comparison`, for both commands.
  static let defaultWindow = "30d"
  static let defaultComparisons = 5

  /// `--window` as seconds: a positive duration, capped at a century.
  static func windowSeconds(_ window: DurationArgument) throws -> Int64 {
    guard case .success(let seconds?) = window.parsed, seconds >= 1 else {
      throw ValidationError(
        "--window must be a positive duration such as 30d, 2w or 12h, not '\(window)'.")
    }
    // A window past a century is the whole of any store; it also keeps on ± window in range.
    return Int64(min(seconds, 3.2e9).rounded())
  }

  /// `--comparison`: at least one comparison account per contacted account.
  static func checkComparison(_ comparison: Int) throws {
    if comparison < 1 {
      throw ValidationError("--comparison takes a count of at least 1 (e.g. --comparison 5).")
    }
  }

  /// The report, or exit 65 with a message on standard error (`--on` outside the data, a
  /// period without interactions, no contacted account found, nothing to compare with).
  /// Contacted and brand entries found in neither period are listed on standard error and
  /// kept in `CampaignReport.skipped`.
  func report(_ database: Store, ranking: RankingOptions) throws -> CampaignReport {
    let on = self.on.seconds ?? 0
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
      rankings.append(
        try rank(database, ranking, name: name, since: since, until: until, span: spanText))
    }
    var union: [CampaignAccount: AccountInfo] = [:]
    for result in rankings {
      for info in result.data.accounts.prefix(result.data.graphAccountCount) {
        union[CampaignAccount(info)] = info
      }
    }
    let infos = union.keys.sorted().map { union[$0]! }
    let lookup = AccountLookup(infos)
    var skipped: [String] = []
    let contactedAccounts = try resolve(contacted, lookup, infos, role: "contacted", &skipped)
    var brandAccounts = Set<CampaignAccount>()
    if let brand {
      brandAccounts = Set(try resolve(brand, lookup, infos, role: "brand", &skipped))
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
    return CampaignReport(analysis: analysis, on: on, window: window, skipped: skipped)
  }

  /// The ranking of one period alone, with the ranking options and the saved calibration.
  func rank(
    _ database: Store, _ ranking: RankingOptions, name: String, since: Int64, until: Int64,
    span: String
  ) throws -> InfluenceRanking {
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
    // One warning about an unusable calibration, not one per period.
    let calibration = try RankingRun.savedCalibration(
      database, ranking: ranking, warns: name == "before")
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

  /// The accounts a list names among both periods' accounts; the rest are listed (on
  /// standard error and in `skipped`, as `file:line: entry`), and a list naming none at all
  /// is an error.
  func resolve(
    _ path: String, _ lookup: AccountLookup, _ infos: [AccountInfo], role: String,
    _ skipped: inout [String]
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
    skipped += missing
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
