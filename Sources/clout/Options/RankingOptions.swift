import ArgumentParser
import CloutCore
import CloutIngest
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
        + " (not for evaluate, whose windows end at --split-at and --horizon).",
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
      valueName: "duration"))
  var halfLife = DurationArgument(argument: "90d")

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
      "Share of the score given to reply engagement (0 = PageRank only, 1 = replies only).",
      valueName: "0..1"))
  var depthWeight = InfluenceScore.defaultDepthWeight

  @Option(
    help: ArgumentHelp(
      "File of accounts (one handle or platform:handle per line) that personalize PageRank,"
        + " e.g. the brand's own accounts.", valueName: "file"))
  var seedAccounts: String?

  @Flag(help: "With --seed-accounts, list the seed accounts too (by default they are left out).")
  var includeSeeds = false

  @Flag(name: .shortAndLong, help: "Print how the ranking was computed on standard error.")
  var verbose = false

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
    do throws(InfluenceScore.ParameterError) {
      _ = try InfluenceScore(depthWeight: depthWeight)
    } catch {
      throw ValidationError("--depth-weight: " + error.description + ".")
    }
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

  func weighting() throws(InteractionWeighting.ParseError) -> InteractionWeighting {
    try InteractionWeighting(
      typeWeights: weights?.parsed.get() ?? [:], halfLife: halfLife.parsed.get())
  }

  /// The parameters for a ranking over `data` (seed accounts are resolved against it).
  func parameters(for data: EngagementData) throws -> RankingParameters {
    var parameters = RankingParameters(
      weighting: try weighting(), asOf: asOf?.seconds, damping: damping,
      tolerance: tolerance, depthWeight: depthWeight)
    if let seedAccounts {
      // Absent seeds are warned about (and none at all is an error) by `resolve`.
      parameters.seedAccounts = try SeedAccounts.resolve(file: seedAccounts, in: data)
    }
    return parameters
  }
}
