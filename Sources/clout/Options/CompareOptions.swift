import ArgumentParser
import CloutCore
import CloutIngest
import CloutRender

/// `--compare START..END`: rank an earlier period with the same options and report how each
/// account moved since then (shared by `rank` and `shortlist`).
struct CompareOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Also rank this earlier period with the same options and show each account's move"
        + " (new, up N, down N, same).", valueName: "start..end"))
  var compare: WindowArgument?

  func validate() throws {
    guard let compare else { return }
    guard let bounds = compare.bounds else {
      throw ValidationError(
        "--compare takes START..END with ISO dates, e.g. --compare 2026-09-01..2026-09-30.")
    }
    if let start = bounds.since.seconds, let end = bounds.until.lastSecond, start > end {
      throw ValidationError(
        "--compare \(compare): the start is after the end; write the earlier time first.")
    }
  }

  /// The trend of every ranked account of `current`, or nil without --compare.
  func trends(store: StoreOptions, ranking: RankingOptions, current: InfluenceRanking) throws
    -> [RankTrend]?
  {
    guard let period = compare?.bounds else { return nil }
    var earlier = ranking
    earlier.since = period.since
    earlier.until = period.until
    earlier.verbose = false
    let previous = try RankingRun.compute(store: store, ranking: earlier)
    return RankTrend.compare(current, with: previous)
  }

  static let columns = ["previous_rank", "rank_change", "score_change", "trend"]

  static func cells(_ trend: RankTrend) -> [Cell] {
    [
      trend.previousRank.map { .integer($0) } ?? .empty,
      trend.rankChange.map { .integer($0) } ?? .empty,
      trend.scoreChange.map { .decimal($0, places: 6) } ?? .empty, .text(trend.label),
    ]
  }
}
