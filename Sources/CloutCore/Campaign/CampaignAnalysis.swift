/// `clout campaign`'s whole computation: the matched comparison group, the balance it
/// reached and the difference-in-differences estimate of every metric, from the rankings of
/// the window before the outreach and the window after it.
public struct CampaignAnalysis: Sendable {
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// None of the contacted accounts is in either window.
    case noContactedAccount
    /// No contacted account has a non-contacted account of its platform to compare with.
    case noComparison

    public var description: String {
      switch self {
      case .noContactedAccount:
        "none of the contacted accounts has interactions in either window"
      case .noComparison:
        "no account outside the contacted and brand accounts shares a platform with a"
          + " contacted account, so there is nothing to compare with"
      }
    }
  }

  public struct Row: Sendable, Equatable {
    public var metric: CampaignMetric
    public var estimate: DifferenceInDifferences.Estimate
  }

  /// One row per metric measured (the brand metrics only when there are brand accounts).
  public let rows: [Row]
  public let balance: [CampaignBalance]
  /// The contacted accounts measured, each with its comparisons (nearest first).
  public let matches: [(account: CampaignAccount, comparisons: [CampaignAccount])]
  /// Contacted accounts with no interaction in either window: skipped.
  public let absent: [CampaignAccount]
  /// Contacted accounts whose platform has no comparison candidate: skipped.
  public let unmatched: [CampaignAccount]
  /// The distinct comparison accounts.
  public let comparisonCount: Int
  public let requestedComparisons: Int
  public let resamples: Int
  public let seed: UInt64

  public var contactedCount: Int { matches.count }

  /// - Parameters:
  ///   - contacted: the contacted accounts (duplicates and brand accounts are dropped).
  ///   - comparisons: how many comparison accounts to match to each contacted account.
  ///   - excluded: accounts never used as comparisons besides the contacted and the brand
  ///     (those another campaign reached: a placebo check leaves the treated out this way).
  public init(
    before: CampaignWindow, after: CampaignWindow, contacted: [CampaignAccount],
    brand: Set<CampaignAccount>, excluded: Set<CampaignAccount> = [], comparisons: Int,
    seed: UInt64,
    resamples: Int = DifferenceInDifferences.defaultResamples
  ) throws(Failure) {
    // One index over the accounts of both windows: an account missing from a window has
    // zero of everything there.
    let accounts = Array(Set(before.accounts).union(after.accounts)).sorted()
    var index: [CampaignAccount: Int] = [:]
    for (position, account) in accounts.enumerated() { index[account] = position }
    func spread(_ window: CampaignWindow, _ values: [Double]) -> [Double] {
      var all = [Double](repeating: 0, count: accounts.count)
      for (node, account) in window.accounts.enumerated() { all[index[account]!] = values[node] }
      return all
    }

    var seen = Set<CampaignAccount>()
    var present: [Int] = []
    var absent: [CampaignAccount] = []
    for account in contacted where !brand.contains(account) && seen.insert(account).inserted {
      if let position = index[account] { present.append(position) } else { absent.append(account) }
    }
    self.absent = absent
    guard !present.isEmpty else { throw .noContactedAccount }
    let excluded = Set(present).union(brand.union(excluded).compactMap { index[$0] })
    let pool = accounts.indices.filter { !excluded.contains($0) }

    let featureColumns = CampaignFeature.allCases.map { spread(before, before.features[$0]!) }
    let features = accounts.indices.map { account in featureColumns.map { $0[account] } }
    let matched = CampaignMatching.match(
      contacted: present, pool: pool, platforms: accounts.map(\.platform), features: features,
      count: comparisons, seed: seed)
    let units = zip(present, matched).filter { !$0.1.isEmpty }
    unmatched = zip(present, matched).filter { $0.1.isEmpty }.map { accounts[$0.0] }
    guard !units.isEmpty else { throw .noComparison }
    matches = units.map { (accounts[$0.0], $0.1.map { accounts[$0] }) }
    comparisonCount = Set(units.flatMap(\.1)).count
    requestedComparisons = comparisons
    self.resamples = resamples
    self.seed = seed

    balance = CampaignFeature.allCases.enumerated().map { column, feature in
      CampaignBalance(
        feature: feature, contacted: units.map { featureColumns[column][$0.0] },
        comparisons: units.map { $0.1.map { featureColumns[column][$0] } })
    }
    let draws = DifferenceInDifferences.draws(
      units: units.count, resamples: resamples, seed: seed)
    let metrics = CampaignMetric.allCases.filter { !$0.needsBrand || !brand.isEmpty }
    rows = metrics.map { metric in
      let early = spread(before, before.metrics[metric]!)
      let late = spread(after, after.metrics[metric]!)
      return Row(
        metric: metric,
        estimate: DifferenceInDifferences.estimate(
          contactedBefore: units.map { early[$0.0] }, contactedAfter: units.map { late[$0.0] },
          comparisonBefore: units.map { $0.1.map { early[$0] } },
          comparisonAfter: units.map { $0.1.map { late[$0] } }, draws: draws))
    }
  }
}
