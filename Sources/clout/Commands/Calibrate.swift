import ArgumentParser
import CloutCore
import CloutIngest
import CloutRender
import CloutReports
import CloutStore
import Foundation

struct Calibrate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fit the score's half-life and weights on the store's own history, and save them.",
    discussion: """
      Backtests the score on the store's own history. --folds + 1 origins lie from a \
      quarter of the selected span to an eighth before its end (from + span × (1/4 + 5/8 × \
      j/folds)). At each the score's parts are computed from the data before it, and the \
      target is log2(1 + distinct accounts that reply to, repost or quote the account) in \
      the origin's horizon, the gain of 'clout evaluate'. The horizon of an origin is its \
      own history (a forecast as long as the past it stands on), capped at the end of the \
      data; --horizon fixes it. The candidate half-lives are fractions of that horizon \
      (1/256, 1/64, 1/16, 1/4, 1 and none), so a choice made on a short past scales to the \
      whole span: the saved half-lives are those fractions of the span (or of --horizon). \
      The score has two time scales: the half-life (PageRank, reach, reply engagement, \
      outreach) and the activity half-life (activity, freshness), no longer than the \
      first; every such pair, with every weight vector of a quarter-step grid over the \
      parts (outreach at most 0.25) and the uncalibrated weights, is a candidate. The \
      candidate whose worst origin ranks best by ndcg@k wins (ties: the better mean). When \
      its worst origin does not beat the uncalibrated default's, the default is saved \
      instead, and the output says so. Below a floor nothing is fitted or saved (exit 65, \
      one line saying why): at least 2 folds whose origin and an earlier origin whose \
      horizon ends before it each have min(k, 20) accounts replied to, reposted or quoted \
      in their horizon, min(k, 10) of them already in the data before it (a newcomer \
      cannot be ranked, so only these tell candidates apart).

      Prints every pair's best mean and worst ndcg@k over the origins, with the weights \
      that scored them, then per fold, out of sample, the ndcg@k, precision@k and spearman \
      of the calibrated score and of every baseline (the uncalibrated score, in-degree, \
      distinct engagers, plain PageRank, in-degree weighted by recency at the chosen \
      activity half-life, distinct engagers in the last eighth of the history) in the \
      fold's horizon, with the choice made on the \
      earlier origins whose horizons end before it: data before the fold's origin only. \
      For a fully nested measurement use 'clout evaluate --split-at'. Then saves the \
      calibration in the store: 'rank', 'explain', 'shortlist', 'communities' and 'map' use \
      it by default (-v says so; --calibration none does not). 'evaluate' re-fits it on the \
      data before --split-at.

      With --topic the calibration is fitted on that topic's conversations and printed, \
      not saved. Same store and options, same output, byte for byte.

      Examples:
        clout calibrate
        clout calibrate --horizon 1d --folds 4 --format json
        clout calibrate --platform mastodon --since 2026-09-01
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @OptionGroup var store: StoreOptions
  @OptionGroup var ranking: RankingOptions

  @Option(
    help: ArgumentHelp(
      "How far ahead the score forecasts (e.g. 1d, 12h, 2w): each origin's target window,"
        + " and what the half-lives are fractions of; default: each origin's own history, and"
        + " the whole span for the saved calibration.", valueName: "duration"))
  var horizon: String?

  @Option(help: "How many rolling-origin folds to validate on.")
  var folds = 3

  @Option(help: "Cut-off of ndcg@k and precision@k (ndcg@k chooses the half-life).")
  var k = 50

  @Option(help: "Output format: table or json.")
  var format: Format = .table

  func validate() throws {
    if folds < 1 || folds > 20 { throw ValidationError("--folds must be between 1 and 20.") }
    if k < 1 { throw ValidationError("--k must be at least 1.") }
    if ranking.depthWeight != nil {
      throw ValidationError(
        "calibrate fits the part weights itself; leave out --depth-weight (it overrides the"
          + " calibration when given to rank, explain and the other commands).")
    }
    // Options a ranking reads but a calibration cannot: refused, not silently ignored.
    if !ranking.usesCalibration {
      throw ValidationError(
        "calibrate fits a new calibration and saves it; --calibration none is for rank, explain"
          + " and the other commands, to rank without the saved one.")
    }
    if ranking.asOf != nil {
      throw ValidationError(
        "calibrate measures ages at each of its origins, and the saved calibration at the"
          + " newest interaction; leave out --as-of (rank and the others take it).")
    }
    if ranking.seedAccounts != nil || ranking.includeSeeds {
      throw ValidationError(
        "calibrate fits the store's score without personalization; leave out --seed-accounts"
          + " and --include-seeds here and give them to rank, shortlist or map, which use the"
          + " saved half-lives and weights with the seeds.")
    }
    _ = try horizonSeconds()
  }

  func horizonSeconds() throws -> Int64? {
    guard let horizon else { return nil }
    guard let seconds = (try? ArgumentSyntax.duration(horizon)) ?? nil, seconds >= 1 else {
      throw ValidationError(
        "--horizon must be a positive duration such as 1d, 12h or 2w, not '\(horizon)'.")
    }
    return Int64(seconds.rounded())
  }

  func run() throws {
    // It reads a store to calibrate on: a missing one is the error `rank` gives, not a new
    // empty store left behind (opening for writing, to save, would create it).
    guard FileManager.default.fileExists(atPath: store.db) else {
      throw StoreError.notFound(path: store.db)
    }
    let database = try CommandSupport.openStore(path: store.db)
    let filter = try ranking.filter(in: database)
    let span = try database.interactionSpan(filter)
    guard let span else {
      Console.error(RankingRun.emptyMessage(ranking))
      throw CloutExit.dataError
    }
    let calibration: Calibration
    var calibrator = try Self.calibrator(
      ranking: ranking, horizon: try horizonSeconds(), folds: folds, k: k)
    let progress = Self.report(&calibrator, label: "calibrate", verbose: ranking.verbose)
    do {
      defer { progress?.finish() }
      calibration = try calibrator.run(
        from: span.from, to: span.to, since: filter.since, platform: filter.platform,
        interactions: span.count
      ) { since, until in
        try database.loadEngagementData(
          EngagementFilter(since: since, until: until, platform: filter.platform)
            .restricted(to: filter.posts))
      }
    } catch let failure as Calibrator.Failure {
      // The same line says what the rankings use instead, the question a refusal leaves.
      let saved = try? database.latestCalibration(platform: filter.platform)
      let fallback =
        saved.map {
          $0.belowFloor == nil
            ? "rank and the other commands keep the calibration saved by Clout "
              + "\($0.cloutVersion) on data to \(TimeText.iso8601($0.dataTo))"
            : "rank and the other commands use the uncalibrated default (the saved "
              + "calibration is below the floor)"
        } ?? "rank and the other commands use the uncalibrated default"
      Console.error(failure.description + "; " + fallback)
      throw CloutExit.dataError
    }
    // A topic's conversations are a sample of the store chosen by their text: its half-life and
    // weights say nothing about the store as a whole, which every later ranking would inherit.
    if ranking.topic == nil {
      try database.saveCalibration(calibration)
    } else {
      Console.note(
        "note: not saved: a calibration fitted on one topic's conversations would become the"
          + " store's default for every ranking; it is printed only")
    }
    if format == .json {
      let data = try Store.calibrationJSON(calibration)
      try Console.output(String(decoding: data, as: UTF8.self) + "\n")
    } else {
      try Console.output(CalibrationReport.table(calibration))
    }
  }

  /// Wires `calibrator`'s reports: on a terminal, a progress line titled `label` (returned, to
  /// be finished before the output); with `verbose`, a line per origin (`originLine`, after
  /// `linePrefix`).
  static func report(
    _ calibrator: inout Calibrator, label: String, verbose: Bool, linePrefix: String = ""
  ) -> ProgressLine? {
    let progress = Console.stderrIsTerminal ? ProgressLine(label: label) : nil
    if let progress { calibrator.progress = { progress.show($0) } }
    if verbose {
      let k = calibrator.k
      calibrator.originReport = { summary in
        progress?.finish()
        Console.note(linePrefix + originLine(summary, k: k))
      }
    }
    return progress
  }

  /// `-v`'s line for one origin: its window, what it stood on, and whether it counted.
  static func originLine(_ summary: Calibrator.OriginSummary, k: Int) -> String {
    let g = NumberFormatting.grouped
    let verdict =
      summary.used
      ? "used"
      : "not used: it needs \(Calibrator.minimumEngaged(k: k)) engaged, "
        + "\(Calibrator.minimumRankable(k: k)) of them known before"
    return
      "origin \(TimeText.iso8601(summary.origin)), target to \(TimeText.iso8601(summary.end)): "
      + "\(g(summary.interactionsBefore)) interactions and \(g(summary.accountsBefore)) accounts "
      + "before; \(g(summary.engaged)) engaged, \(g(summary.knownEngaged)) of them known before; "
      + verdict
  }

  /// The calibrator for the ranking options: their type weights, damping and tolerance, and
  /// --half-life, when given, as the only candidate.
  static func calibrator(ranking: RankingOptions, horizon: Int64?, folds: Int, k: Int) throws
    -> Calibrator
  {
    var base = RankingParameters(
      weighting: try ranking.weighting(), damping: ranking.damping, tolerance: ranking.tolerance)
    base.asOf = nil
    return Calibrator(
      folds: folds, k: k, horizon: horizon, base: base,
      halfLives: ranking.explicitHalfLife.map { [$0] })
  }
}
