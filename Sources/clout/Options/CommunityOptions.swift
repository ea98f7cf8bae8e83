import ArgumentParser
import CloutCore

/// `--resolution` and `--seed`: the community detection options shared by `communities`,
/// `map` and every command that shows an account's community or bridges.
struct CommunityOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Leiden resolution: higher finds more, smaller communities; lower fewer, larger ones.",
      valueName: "number"))
  var resolution = CommunityAnalysis.defaultResolution

  @Option(
    help: ArgumentHelp(
      "Random seed of the community detection; the same seed gives the same communities.",
      valueName: "integer"))
  var seed = CommunityAnalysis.defaultSeed

  func validate() throws {
    do throws(CommunityAnalysis.ParameterError) {
      try CommunityAnalysis.checkResolution(resolution)
    } catch {
      throw ValidationError("--" + error.description + ".")
    }
  }

  /// Detects the communities of a ranking's graph.
  func analyze(_ ranking: InfluenceRanking) throws -> CommunityAnalysis {
    return try CommunityAnalysis(ranking: ranking, resolution: resolution, seed: seed)
  }
}
