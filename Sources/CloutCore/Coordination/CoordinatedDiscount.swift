/// The discount for coordinated engagement, a separate step after the graph is built and the
/// detector has run: the ranking is scored on the window's data without the interactions and
/// replies of flagged engagers (`CoordinationReport.isFlaggedEngager`). Their interactions
/// leave the graph, so they add no PageRank, reach or activity to anyone; their posts stay in
/// the reply trees with an unknown author, so they count as no one's distinct replier while
/// the depth of replies others wrote below them is kept.
///
/// Removing the engagement, rather than scaling it, is the TrustRank view (Gyöngyi et al.,
/// VLDB 2004) taken to its end for accounts the detector found: no credit flows from them.
/// What an account lost is shown by `explain` as its own line: the score without the discount
/// minus the score with it.
public enum CoordinatedDiscount {
  /// `data` without the flagged engagers' interactions, their posts' authors unknown.
  public static func data(_ data: EngagementData, without report: CoordinationReport)
    -> EngagementData
  {
    var clean = data
    let keep = (0..<data.interactionCount).filter {
      !report.isFlaggedEngager(Int(data.interactionActors[$0]))
    }
    clean.interactionActors = keep.map { data.interactionActors[$0] }
    clean.interactionTargets = keep.map { data.interactionTargets[$0] }
    clean.interactionTypes = keep.map { data.interactionTypes[$0] }
    clean.interactionTimes = keep.map { data.interactionTimes[$0] }
    clean.interactionMultipliers = keep.map { data.interactionMultipliers[$0] }
    let graphAccounts = data.graphAccountCount
    clean.postAuthors = data.postAuthors.map { author in
      author >= 0 && Int(author) < graphAccounts && report.isFlaggedEngager(Int(author))
        ? ReplyForest.unknownAuthor : author
    }
    return clean
  }

  /// The adaptive half-life measured on the data without the flagged engagers: a ring's
  /// thousands of interactions in its last hours would otherwise make the median age, and so
  /// the half-life of everyone's score, a matter of hours (on RumourEval's Reddit threads a
  /// planted 1,000-account ring kept 29 of the clean top 50 until this was done).
  public static func adaptiveWeighting(
    _ weighting: InteractionWeighting, clean: EngagementData, asOf: Int64?
  ) -> InteractionWeighting? {
    guard weighting.halfLife != nil, clean.interactionCount > 0 else { return nil }
    let typeWeights = Dictionary(
      uniqueKeysWithValues: InteractionType.allCases.map {
        ($0, weighting.weight(type: $0, age: 0))
      })
    return try? InteractionWeighting(
      typeWeights: typeWeights,
      halfLife: TimeScale.adaptiveHalfLife(clean, asOf: asOf ?? clean.newestInteraction))
  }
}
