import ArgumentParser

/// `clout report`'s campaign section: `--contacted FILE --on DATE [--brand FILE] [--window D]
/// [--comparison N]`, as `clout campaign` takes them (the report's `--seed` seeds the
/// matching and the bootstrap too). Without `--contacted` the report has no campaign section.
struct ReportCampaignOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Add a campaign section: the accounts that were contacted (as 'clout campaign').",
      valueName: "file"))
  var contacted: String?

  @Option(
    help: ArgumentHelp(
      "With --contacted: when the outreach happened (2026-10-01, ISO time or @unix-seconds).",
      valueName: "date"))
  var on: TimeArgument?

  @Option(help: ArgumentHelp("With --contacted: the brand's own accounts.", valueName: "file"))
  var brand: String?

  @Option(
    help: ArgumentHelp(
      "With --contacted: length of each period before and after --on (default 30d).",
      valueName: "duration"))
  var window: DurationArgument?

  @Option(
    help: ArgumentHelp(
      "With --contacted: comparison accounts matched to each contacted account (default 5).",
      valueName: "n"))
  var comparison: Int?

  func validate() throws {
    guard contacted != nil else {
      let given = [
        ("--on", on != nil), ("--brand", brand != nil), ("--window", window != nil),
        ("--comparison", comparison != nil),
      ].filter(\.1).map(\.0)
      if !given.isEmpty {
        throw ValidationError(
          given.joined(separator: ", ") + " belong to the campaign section: add --contacted FILE"
            + " --on DATE (as 'clout campaign' takes them).")
      }
      return
    }
    guard let on else {
      throw ValidationError("--contacted needs --on DATE: when the outreach happened.")
    }
    if let problem = on.problem(option: "--on") { throw ValidationError(problem) }
    if let window { _ = try CampaignRun.windowSeconds(window) }
    if let comparison { try CampaignRun.checkComparison(comparison) }
  }

  /// The campaign to compute, or nil without `--contacted`.
  func run(seed: UInt64) throws -> CampaignRun? {
    guard let contacted, let on else { return nil }
    return CampaignRun(
      contacted: contacted, brand: brand, on: on,
      window: try CampaignRun.windowSeconds(
        window ?? DurationArgument(argument: CampaignRun.defaultWindow)),
      comparison: comparison ?? CampaignRun.defaultComparisons, seed: seed)
  }
}
