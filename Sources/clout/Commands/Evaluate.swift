import ArgumentParser
import CloutCore
import CloutReports
import CloutIngest
import CloutStore

struct Evaluate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure whether the ranking predicts who gets engaged later.",
    discussion: """
      Ranks accounts using only interactions and posts before --split-at (from --since, if \
      given), then measures the engagement each account actually received after the split \
      (up to --horizon or --until, whichever comes first): the number of distinct accounts that replied to, reposted or \
      quoted it. Mentions do not count as engagement received.

      Clout's score is calibrated honestly: 'clout calibrate' is re-run on the data before \
      --split-at only (never the saved calibration, which may have seen the future), with \
      --horizon as its horizon when given; --calibration none uses the uncalibrated default. \
      It is compared side by side with baselines computed on the same training window: \
      in-degree (interactions received), distinct-engagers (distinct accounts that interacted \
      in any way), distinct-mentioners, pagerank (every type weight 1, no decay), \
      pagerank-no-depth (Clout's type weights and half-life, PageRank alone: no reach, no \
      reply depth), reply-depth (Clout's score with depth weight 1), clout-uncalibrated (the \
      default score), recent-in-degree (interactions received, each weighted 0.5^(age / \
      half-life) at the calibrated half-life) and recent-engagers (distinct engagers in the \
      last --horizon before the split, or the last eighth of the data before it). The best value of each column is marked with '*'.

      Metrics, with gain = log2(1 + distinct engagers after the split):
        ndcg@k       DCG of the method's top k / DCG of the true top k over all
                     accounts
        precision@k  share of the method's top k that are in the true top k
                     (accounts engaged after the split, most engagers first, ties
                     by name)
        spearman     rank correlation between training score and future engagers
                     over every account ranked or engaged; unranked accounts share
                     the lowest rank
      Accounts engaged after the split that were absent before it ("newcomers") are misses \
      for every method alike; the report says how many there were.

      --sweep (optimistic) also tries a small grid of type weights (default, equal, no-mentions), \
      half-lives (7d, 30d, 90d, none) and depth weights (0, 0.25, 0.5, 0.75; only 0 when the \
      data before the split has no reply trees, where they all rank alike) and prints the best \
      setting by ndcg@50. It is tuned on the evaluation window itself, so it is optimistic.

      Examples:
        clout evaluate --split-at 2026-10-01
        clout evaluate --split-at 2026-10-01 --horizon 7d --k 10,50 --format json
        clout evaluate --split-at 2026-10-01 --platform mastodon --sweep
        clout evaluate --split-at 2026-10-01 --depth-weight 0.25 --half-life 7d
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @OptionGroup var store: StoreOptions
  @OptionGroup var ranking: RankingOptions

  @Option(
    help: ArgumentHelp(
      "Rank with data before this time; measure engagement from it on (ISO date or time, UTC).",
      valueName: "date"))
  var splitAt: TimeArgument

  @Option(
    help: ArgumentHelp(
      "How long after the split to measure engagement (e.g. 7d, 12h, 2w), or 'none' for up to"
        + " the end of the data.", valueName: "duration"))
  var horizon = DurationArgument(argument: "none")

  @Option(help: ArgumentHelp("Cut-offs for ndcg@k and precision@k.", valueName: "k,..."))
  var k = CutoffsArgument(argument: "10,50,100")

  @Option(help: "Output format: table or json.")
  var format: Format = .table

  @Flag(help: "Also try a small grid of score settings (tuned on the evaluation window).")
  var sweep = false

  func validate() throws {
    if let problem = splitAt.problem(option: "--split-at") { throw ValidationError(problem) }
    if let until = ranking.until?.lastSecond, until < splitSeconds {
      throw ValidationError(
        "--until ends the window measured after --split-at, so it must be at or after"
          + " --split-at.")
    }
    if let since = ranking.since?.seconds, since >= splitSeconds {
      throw ValidationError("--since must be before --split-at, or the training window is empty.")
    }
    _ = try horizonSeconds()
    _ = try cutoffs()
  }

  var splitSeconds: Int64 { splitAt.seconds ?? 0 }

  func horizonSeconds() throws -> Int64? {
    let seconds: Double?
    do {
      seconds = try horizon.parsed.get()
    } catch {
      throw ValidationError(
        "--horizon must be a positive duration such as 7d, 12h or 2w, or 'none', not '\(horizon)'.")
    }
    // A horizon past Int64's range (`--horizon 1e300d`) means "no end", not a trap.
    return seconds.map { $0 < 9.0e18 ? Int64($0.rounded()) : Int64.max }
  }

  /// `clout calibrate` on the data before the split only: every load ends before it.
  func refit(
    _ database: Store, split: Int64, training: EngagementData, topic: PostSelection?
  ) throws -> Calibration? {
    let since = ranking.since?.seconds
    let platform = ranking.filter.platform
    guard let from = training.interactionTimes.min(), let to = training.newestInteraction else {
      return nil
    }
    var calibrator = try Calibrate.calibrator(
      ranking: ranking, horizon: try horizonSeconds(), folds: 3, k: 50)
    let progress = Calibrate.report(
      &calibrator, label: "evaluate: calibrating before the split", verbose: ranking.verbose,
      linePrefix: "calibration ")
    do {
      defer { progress?.finish() }
      return try calibrator.run(
        from: from, to: to, since: since, platform: platform,
        interactions: training.interactionCount
      ) { lower, upper in
        try database.loadEngagementData(
          EngagementFilter(
            since: lower, until: min(upper ?? split - 1, split - 1), platform: platform
          ).restricted(to: topic))
      }
    } catch let failure as Calibrator.Failure {
      Console.note("note: cannot calibrate before the split (\(failure)); using the default")
      return nil
    }
  }

  func cutoffs() throws -> [Int] {
    guard let values = k.values else {
      throw ValidationError("--k takes positive whole numbers separated by commas, e.g. 10,50,100.")
    }
    return values
  }

  /// The last second measured after the split: --horizon after it and --until, whichever
  /// comes first; nil for the end of the data. (--until used to be listed and then refused;
  /// now it bounds this window, as it bounds the data everywhere else.)
  private func futureWindowEnd(split: Int64) throws -> Int64? {
    let horizonEnd = try horizonSeconds().map { horizon in
      let (end, overflow) = split.addingReportingOverflow(horizon - 1)
      return overflow ? Int64.max : end
    }
    guard let until = ranking.until?.lastSecond else { return horizonEnd }
    return min(horizonEnd ?? Int64.max, until)
  }

  func run() throws {
    let ks = try cutoffs()
    let split = splitSeconds
    let horizonEnd = try futureWindowEnd(split: split)
    let database = try CommandSupport.openStore(path: store.db, readOnly: true)
    let platform = ranking.filter.platform
    let topic = try ranking.filter(in: database).posts
    let training: EngagementData
    let future: EngagementData
    training = try database.loadEngagementData(
      EngagementFilter(
        since: ranking.since?.seconds, until: split - 1, platform: platform
      ).restricted(to: topic),
      warning: { Console.note("warning: " + $0) })
    future = try database.loadEngagementData(
      EngagementFilter(since: split, until: horizonEnd, platform: platform).restricted(to: topic))
    guard training.interactionCount > 0 else {
      Console.error(
        "no interactions between accounts before --split-at \(splitAt)"
          + (ranking.since.map { " (since \($0))" } ?? "")
          + "; pick a later split (see the from/to columns of: clout stats)")
      throw CloutExit.dataError
    }
    let futureCounts = EngagementCounts.distinctActors(future, types: EngagementCounts.futureTypes)
    guard futureCounts.contains(where: { $0 > 0 }) else {
      Console.error(
        "no replies, reposts or quotes after --split-at \(splitAt)"
          + ((try? horizon.parsed.get()) == nil ? "" : " within --horizon \(horizon)")
          + "; pick an earlier split or a longer horizon (see: clout stats)")
      throw CloutExit.dataError
    }
    let evaluation: RankingEvaluation
    var settings: [EvaluationSweep.Setting] = []
    var calibration: Calibration?
    if ranking.usesCalibration {
      calibration = try refit(database, split: split, training: training, topic: topic)
    }
    let parameters = try ranking.parameters(
      for: training, calibration: calibration,
      calibrationSource: "calibration of the data before the split (re-fitted, not the saved one)")
    if ranking.verbose { for note in parameters.notes { Console.note(note) } }
    let uncalibrated = try ranking.parameters(for: training, calibration: nil)
    evaluation = try RankingEvaluation(
      training: training, future: future, parameters: parameters, ks: ks,
      extras: RankingEvaluation.Extras(
        uncalibrated: calibration != nil ? uncalibrated : nil,
        recentWindow: try horizonSeconds()
          ?? Calibrator.recentWindow(
            from: training.interactionTimes.min() ?? 0, to: training.newestInteraction ?? 0)))
    if sweep {
      settings = try EvaluationSweep.run(training: training, future: future, base: parameters)
    }
    if let calibration {
      Console.note(
        "calibrated on the data before the split: half-life "
          + (calibration.halfLife.map(TimeScale.text) ?? "none")
          + (calibration.activity.map {
            ", activity half-life " + ($0.halfLife.map(TimeScale.text) ?? "none")
          } ?? "") + ", weights " + calibration.weights.text)
    }
    let report = EvaluateReport(
      evaluation: evaluation, split: split, horizonEnd: horizonEnd,
      trainingInteractions: training.interactionCount,
      futureInteractions: future.interactionCount, sweep: sweep ? settings : nil)
    try Console.output(format == .json ? try report.json() : report.table())
  }
}
