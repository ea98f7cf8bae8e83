/// "Did you mean …?" for handles and command names: the candidates nearest to what was typed
/// by edit distance.
public enum Suggestions {
  /// Up to `limit` candidates within a typo's reach of `typed` (edit distance at most a third
  /// of its length, at least 1, at most 3), nearest first, ties in the candidates' order.
  /// Case is ignored.
  public static func nearest(to typed: String, among candidates: [String], limit: Int = 3)
    -> [String]
  {
    let target = Array(typed.lowercased().unicodeScalars)
    let reach = min(3, max(1, target.count / 3))
    var scored: [(distance: Int, order: Int, name: String)] = []
    var seen = Set<String>()
    for (order, candidate) in candidates.enumerated() {
      let lowered = candidate.lowercased()
      let scalars = Array(lowered.unicodeScalars)
      // The length difference bounds the distance from below: most candidates stop here.
      guard abs(scalars.count - target.count) <= reach, lowered != typed.lowercased(),
        !seen.contains(candidate)
      else { continue }
      if let distance = editDistance(target, scalars, atMost: reach) {
        seen.insert(candidate)
        scored.append((distance, order, candidate))
      }
    }
    scored.sort { ($0.distance, $0.order) < ($1.distance, $1.order) }
    return scored.prefix(limit).map(\.name)
  }

  /// Levenshtein distance (insert, delete, substitute, and swapping two neighbours, so
  /// `theonoin` is one step from `theonion`), or nil when it exceeds `atMost`.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost: Int) -> Int? {
    if a.isEmpty || b.isEmpty {
      return max(a.count, b.count) <= atMost ? max(a.count, b.count) : nil
    }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, previousPrevious[j - 2] + 1)
        }
        current[j] = value
        rowMinimum = min(rowMinimum, value)
      }
      if rowMinimum > atMost { return nil }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count] <= atMost ? previous[b.count] : nil
  }
}
