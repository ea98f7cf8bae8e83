import Foundation

/// The time scale of a ranking when no calibration chose one.
public enum TimeScale {
  /// The shortest adaptive half-life: one hour.
  public static let minimumHalfLife: Double = 3_600

  /// The uncalibrated default half-life: the median age of the window's interactions at
  /// `asOf`, at least an hour. The typical interaction then weighs 1/2, whatever the data's
  /// time scale: a one-week event store gets a half-life of days, a six-year forum one of
  /// years, instead of a fixed 90 days that means "no decay" to the first and "ignore all but
  /// the last quarter" to the second. Measured against the fixed 90 days in the README's
  /// evaluation table (scripts/evaluate-datasets.sh).
  public static func adaptiveHalfLife(_ data: EngagementData, asOf: Int64? = nil) -> Double {
    guard data.interactionCount > 0 else { return minimumHalfLife }
    let reference = asOf ?? data.newestInteraction ?? 0
    // Age is a non-increasing function of time, so the median age (position count / 2 of the
    // ages ascending) is the age of the time at position count - 1 - count / 2 of the times
    // ascending: selected in place, with no 10M-element copy of ages to fault in and
    // partition. `perf record -F 1999` of `clout rank --top 100` on the 10M-post store, mean of
    // 3 runs: 51 samples here and 42 in `Sequence.max` before, 65 in `OrderStatistic` after;
    // 298k → 279k minor page faults.
    let count = data.interactionCount
    let time = OrderStatistic.value(at: count - 1 - count / 2, in: data.interactionTimes)
    // In Double, like the edge weights' ages, only where `reference - time` overflows Int64
    // (a store holding times at both ends of the range), which trapped before.
    let (age, overflow) = reference.subtractingReportingOverflow(time)
    let median = overflow ? Double(reference) - Double(time) : Double(max(0, age))
    return max(minimumHalfLife, median)
  }

  /// A duration as people read it, in the largest unit it reaches: a whole number when it is
  /// one (`90d`, `2w`, `6h`, `45m`, `30s`, `1y`), else one decimal (weeks only when whole): `9.6y`, `6.5d`, `1.3h`. The adaptive default is a median age, never round, and
  /// printed as days with decimals it read "3491.54d". A year is 365 days, as `--half-life`
  /// parses `y`.
  public static func text(_ seconds: Double) -> String {
    let units: [(String, Double)] = [
      ("y", 31_536_000), ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60),
    ]
    for (unit, size) in units + [("s", 1)] where seconds >= size {
      let value = seconds / size
      if value.rounded() == value { return "\(Int(value))\(unit)" }
      // Weeks only when whole: 8.3d reads better than 1.2w.
      if unit != "w" { return DecimalFormat.short1(value) + unit }
    }
    return DecimalFormat.short2(seconds) + "s"
  }
}

extension DecimalFormat {
  /// One decimal, without a trailing `.0`.
  static func short1(_ value: Double) -> String {
    var text = String(format: "%.1f", value)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }

  static func short2(_ value: Double) -> String {
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}

extension EngagementCounts {
  /// Per graph account: the distinct other accounts that interacted with it at or after
  /// `since` (any type).
  public static func distinctActors(_ data: EngagementData, since: Int64) -> [Int] {
    var recent = data
    let keep = data.interactionTimes.indices.filter { data.interactionTimes[$0] >= since }
    recent.interactionActors = keep.map { data.interactionActors[$0] }
    recent.interactionTargets = keep.map { data.interactionTargets[$0] }
    recent.interactionTypes = keep.map { data.interactionTypes[$0] }
    recent.interactionTimes = keep.map { data.interactionTimes[$0] }
    recent.interactionMultipliers = keep.map { data.interactionMultipliers[$0] }
    return distinctActors(recent)
  }

  /// Per graph account: interactions received, each weighing 0.5^(age / half-life) at
  /// `asOf` (every type 1; no decay without a half-life).
  public static func decayedInDegree(_ data: EngagementData, halfLife: Double?, asOf: Int64)
    -> [Double]
  {
    var totals = [Double](repeating: 0, count: data.graphAccountCount)
    for index in 0..<data.interactionCount {
      // In Double: `asOf - time` traps in Int64 for times at opposite ends of the range.
      let age = max(0, Double(asOf) - Double(data.interactionTimes[index]))
      totals[Int(data.interactionTargets[index])] += halfLife.map { exp2(-age / $0) } ?? 1
    }
    return totals
  }
}
