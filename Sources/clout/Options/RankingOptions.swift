import ArgumentParser
import CloutCore
import CloutIngest
import CloutRender
import CloutReports
import CloutStore

/// The graph and score options shared by `rank`, `explain`, and every command that ranks.
struct RankingOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Only data at or after this time: 2017, 2017-10, 2017-10-01, an ISO time (UTC) or"
        + " @unix-seconds.", valueName: "date"))
  var since: TimeArgument?

  @Option(
    help: ArgumentHelp(
      "Only data at or before this time; a bare year, month or date includes all of it"
        + " (evaluate: the end of the window measured after --split-at).",
      valueName: "date"))
  var until: TimeArgument?

  @Option(help: ArgumentHelp("Only this platform (e.g. twitter, reddit).", valueName: "name"))
  var platform: String?

  @Option(
    help: ArgumentHelp(
      "Interaction type weights; types left out keep their default.",
      discussion: "Default: reply=1,quote=0.8,repost=0.6,mention=0.4",
      valueName: "type=w,..."))
  var weights: TypeWeightsArgument?

  @Option(
    help: ArgumentHelp(
      "Half-life of an interaction's weight (e.g. 30d, 12h, 2w), or 'none' for no decay.",
      discussion:
        "Default: the saved calibration's, else the median age of the selected interactions"
        + " (at least 1h).",
      valueName: "duration"))
  var halfLife: DurationArgument?

  @Option(
    help: ArgumentHelp(
      "'saved' uses the store's calibration (clout calibrate) when it has one; 'none' the"
        + " uncalibrated default.", valueName: "saved|none"))
  var calibration: String = "saved"

  @Option(
    help: ArgumentHelp(
      "Measure ages from this time (default: the newest selected interaction).",
      valueName: "date"))
  var asOf: TimeArgument?

  @Option(help: "PageRank damping factor, between 0 and 1.")
  var damping = 0.85

  @Option(help: "PageRank stops when no score changes by more than this.")
  var tolerance = 1e-10

  @Option(
    help: ArgumentHelp(
      "Share of the score given to reply engagement (0 = none, 1 = replies only).",
      discussion:
        "Default: the saved calibration's, else 0.5; the other parts share the rest in"
        + " proportion.", valueName: "0..1"))
  var depthWeight: Double?

  @Option(
    help: ArgumentHelp(
      "File of accounts (one handle or platform:handle per line) that personalize PageRank,"
        + " e.g. the brand's own accounts.", valueName: "file"))
  var seedAccounts: String?

  @Flag(help: "With --seed-accounts, list the seed accounts too (by default they are left out).")
  var includeSeeds = false

  @Flag(name: .shortAndLong, help: "Print how the ranking was computed on standard error.")
  var verbose = false

  @Flag(
    help: ArgumentHelp(
      "Skip the check for coordinated engagement: no flags, no discount.",
      discussion:
        "By default engagement from accounts in a coordinated group is left out of the score"
        + " and the accounts are flagged (see 'clout rank --help')."))
  var noCoordinationCheck = false

  @Option(
    help: ArgumentHelp(
      "Only the conversations about this topic: every reply tree holding a post whose text"
        + " matches this full-text query (words, \"a phrase\", OR, NOT, prefix*, #hashtag).",
      valueName: "query"))
  var topic: TopicArgument?

  func validate() throws {
    for (name, value) in [("--since", since), ("--until", until), ("--as-of", asOf)] {
      if let problem = value?.problem(option: name) { throw ValidationError(problem) }
    }
    if let since = since?.seconds, let until = until?.lastSecond, since > until {
      throw ValidationError("--since is after --until; the window would be empty.")
    }
    do {
      _ = try weighting()
    } catch {
      throw ValidationError(error.description)
    }
    // The ranges are the core's, checked by the core's own typed errors.
    do throws(PageRank.ParameterError) {
      try PageRank.checkParameters(damping: damping, tolerance: tolerance)
    } catch {
      throw ValidationError("--" + error.description + ".")
    }
    if let depthWeight {
      do throws(InfluenceScore.ParameterError) {
        _ = try InfluenceScore(depthWeight: depthWeight)
      } catch {
        throw ValidationError("--depth-weight: " + error.description + ".")
      }
    }
    if calibration != "saved" && calibration != "none" {
      throw ValidationError("--calibration must be 'saved' or 'none', not '\(calibration)'.")
    }
    if let problem = topic?.problem { throw ValidationError(problem) }
  }

  /// The accounts to leave out of lists: the seeds, unless --include-seeds. They are in the
  /// graph and in the walk all the same; listing the brand first in its own ecosystem says
  /// nothing.
  func hiddenSeeds(_ result: InfluenceRanking) -> Set<Int> {
    guard !includeSeeds, let seeds = result.parameters.seedAccounts else { return [] }
    return Set(seeds)
  }

  var filter: EngagementFilter {
    EngagementFilter(
      since: since?.seconds, until: until?.lastSecond,
      platform: platform.flatMap(PlatformName.normalize))
  }

  /// `filter` narrowed to the `--topic`'s conversations in `store`; a topic no post matches
  /// is a data error (65), said on standard error.
  func filter(in store: Store) throws -> EngagementFilter {
    guard let topic, case .success(let query) = topic.parsed else { return filter }
    let selection = try store.select(topic: query)
    try check(selection, in: store)
    return filter.restricted(to: selection.posts)
  }

  /// The data to rank: `filter`'s window of `store`, narrowed to the `--topic`'s
  /// conversations (a topic no post matches is a data error, 65). `postRowIDs`: whether the
  /// command reads `EngagementData.postRowIDs` (a topic's data always has them).
  func data(in store: Store, snapshotMinimumRows: Int?, postRowIDs: Bool) throws
    -> EngagementData
  {
    let warning: (String) -> Void = { Console.note("warning: " + $0) }
    guard let topic, case .success(let query) = topic.parsed else {
      return try store.loadEngagementData(
        filter, warning: warning, snapshotMinimumRows: snapshotMinimumRows,
        postRowIDs: postRowIDs)
    }
    let loaded = try store.loadEngagementData(
      topic: query, filter, warning: warning, snapshotMinimumRows: snapshotMinimumRows)
    try check(loaded.selection, in: store)
    return loaded.data
  }

  /// Says how much a topic matched (with -v); a topic no post matches is a data error.
  private func check(_ selection: TopicSelection, in store: Store) throws {
    let topic = selection.query
    guard selection.matchedPosts > 0 else {
      Console.error(
        "no post in \(store.path) matches the topic '\(topic)'; try fewer words, OR, or a"
          + " prefix such as word*; 'clout topics' lists the store's hashtags and terms")
      throw CloutExit.dataError
    }
    if verbose {
      Console.note(
        "topic '\(topic)': \(NumberFormatting.count(selection.matchedPosts, "matching post")), "
          + "\(NumberFormatting.count(selection.posts.rowIDs.count, "post")) in their conversations"
      )
    }
  }

  /// The weighting with the explicit half-life, or 90 days when none is given (only its
  /// type weights matter then: `parameters(for:calibration:)` chooses the half-life).
  func weighting() throws(InteractionWeighting.ParseError) -> InteractionWeighting {
    try InteractionWeighting(
      typeWeights: weights?.parsed.get() ?? [:],
      halfLife: halfLife?.parsed.get() ?? InteractionWeighting.defaultHalfLife)
  }

  /// `--half-life` as given: nil when left out, `.some(nil)` for `none`.
  var explicitHalfLife: Double?? {
    guard let halfLife else { return nil }
    return .some(try? halfLife.parsed.get())
  }

  var usesCalibration: Bool { calibration != "none" }

  /// The parameters for a ranking over `data` (seed accounts are resolved against it), with
  /// the half-life and weights from the options, else `calibration`, else the default.
  func parameters(
    for data: EngagementData, calibration: Calibration? = nil, calibrationSource: String? = nil
  ) throws -> RankingParameters {
    let asOfTime = asOf?.seconds
    let settings = ScoreSettings(
      calibration: calibration, calibrationDisabled: !usesCalibration,
      explicitHalfLife: explicitHalfLife, explicitDepthWeight: depthWeight,
      explicitTypeWeights: weights != nil, data: data, asOf: asOfTime, date: TimeText.iso8601,
      count: NumberFormatting.grouped, calibrationSource: calibrationSource)
    var parameters = RankingParameters(
      weighting: try InteractionWeighting(
        typeWeights: weights?.parsed.get() ?? [:], halfLife: settings.halfLife),
      asOf: asOfTime, damping: damping, tolerance: tolerance)
    parameters.scoreWeights = settings.weights
    parameters.activityHalfLife = settings.activityHalfLife
    parameters.notes = settings.notes
    parameters.discountsCoordination = !noCoordinationCheck
    parameters.adaptsHalfLife = calibration == nil && explicitHalfLife == nil
    if let warning = settings.staleWarning {
      parameters.notes.append(warning)
      Console.note(warning)
    }
    if let seedAccounts {
      // Absent seeds are warned about (and none at all is an error) by `resolve`.
      parameters.seedAccounts = try SeedAccounts.resolve(file: seedAccounts, in: data)
    }
    return parameters
  }
}
