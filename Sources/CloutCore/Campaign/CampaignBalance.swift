/// One pre-period feature of both groups: the balance the matching reached.
public struct CampaignBalance: Sendable, Equatable {
  public var feature: CampaignFeature
  public var contactedMean: Double
  /// Each contacted account's comparisons weigh 1 / (number of them) in total, as in the
  /// estimate.
  public var comparisonMean: Double
  /// (contacted mean − comparison mean) / √((contacted variance + comparison variance) / 2):
  /// the sample variance of the contacted accounts, the weighted variance of the comparisons.
  /// 0 when both are constant and equal; infinite when they are constant and differ.
  public var standardizedDifference: Double

  /// Above this |standardized difference| the groups differ before the outreach by more than
  /// matching can be trusted with (the usual rule of thumb for matched studies, 0.25).
  public static let poorThreshold = 0.25

  public var isPoor: Bool { !(standardizedDifference.magnitude <= Self.poorThreshold) }

  /// - Parameters:
  ///   - contacted: one value per contacted account.
  ///   - comparisons: per contacted account, its comparisons' values (none left out).
  public init(feature: CampaignFeature, contacted: [Double], comparisons: [[Double]]) {
    self.feature = feature
    let n = Double(contacted.count)
    let contactedMean = contacted.reduce(0, +) / n
    var weighted: [(value: Double, weight: Double)] = []
    for group in comparisons {
      for value in group { weighted.append((value, 1 / (n * Double(group.count)))) }
    }
    let comparisonMean = weighted.reduce(0) { $0 + $1.value * $1.weight }
    self.contactedMean = contactedMean
    self.comparisonMean = comparisonMean
    let contactedVariance =
      contacted.count > 1
      ? contacted.reduce(0) { $0 + ($1 - contactedMean) * ($1 - contactedMean) } / (n - 1) : 0
    let comparisonVariance = weighted.reduce(0) {
      $0 + $1.weight * ($1.value - comparisonMean) * ($1.value - comparisonMean)
    }
    let spread = ((contactedVariance + comparisonVariance) / 2).squareRoot()
    let difference = contactedMean - comparisonMean
    if spread > 0 {
      standardizedDifference = difference / spread
    } else {
      standardizedDifference = difference == 0 ? 0 : (difference > 0 ? .infinity : -.infinity)
    }
  }
}
