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
    var ages = data.interactionTimes.map { max(0, reference - $0) }
    let middle = ages.count / 2
    // Selecting the median is linear; a full sort of 10M ages would cost a second per rank.
    ages.withUnsafeMutableBufferPointer { buffer in
      var low = 0
      var high = buffer.count - 1
      while low < high {
        let pivot = buffer[(low + high) / 2]
        var i = low
        var j = high
        while i <= j {
          while buffer[i] < pivot { i += 1 }
          while buffer[j] > pivot { j -= 1 }
          if i <= j {
            buffer.swapAt(i, j)
            i += 1
            j -= 1
          }
        }
        if middle <= j { high = j } else if middle >= i { low = i } else { break }
      }
    }
    return max(minimumHalfLife, Double(ages[middle]))
  }

  /// `90d`, `6h`, `45m`, `30s` when whole, else days or hours with up to 2 decimals.
  public static func text(_ seconds: Double) -> String {
    for (unit, size) in [("w", 604_800.0), ("d", 86_400.0), ("h", 3_600.0), ("m", 60.0)]
    where seconds >= size && (seconds / size).rounded() == seconds / size {
      return "\(Int(seconds / size))\(unit)"
    }
    if seconds >= 86_400 { return DecimalFormat.short2(seconds / 86_400) + "d" }
    if seconds >= 3_600 { return DecimalFormat.short2(seconds / 3_600) + "h" }
    return seconds.rounded() == seconds ? "\(Int(seconds))s" : DecimalFormat.short2(seconds) + "s"
  }
}

extension DecimalFormat {
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
