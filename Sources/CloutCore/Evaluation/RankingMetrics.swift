import Foundation

/// How well a predicted ranking agrees with what happened later: NDCG@k, precision@k and
/// Spearman's rank correlation, as pure functions over item indices.
///
/// Items are indices `0..<gains.count` into one shared universe (in `clout evaluate`: every
/// account ranked on the training window plus every account engaged after the split). The
/// predicted order may leave items out (accounts that did not exist before the split): those
/// are never in a method's top-k, so they count as misses for every method alike.
///
/// Definitions (k ≥ 1):
///
///     DCG@k(order)  = Σ_{i=1..min(k, |order|)} gain(order[i]) / log2(i + 1)
///     NDCG@k        = DCG@k(predicted) / DCG@k(items by gain, descending)      (0 when the
///                     ideal DCG is 0)
///     precision@k   = |predicted top-k ∩ true top-k| / k, where the true top-k are the k
///                     items with the highest gain, ties broken by item index, leaving out
///                     items whose gain is 0 (nobody engaged them: not a hit to find)
///     spearman      = Pearson correlation of the average ranks (ties share the mean of
///                     the positions they span) of the two value lists
///
/// `clout evaluate` uses gain = log2(1 + distinct engagers after the split); the ideal DCG is
/// taken over *all* items, newcomers included.
public enum RankingMetrics {
  /// The gain `clout evaluate` gives an account engaged by `engagers` distinct accounts.
  public static func gain(engagers: Int) -> Double {
    log2(1 + Double(max(0, engagers)))
  }

  /// Discounted cumulative gain of the first k items of `order`.
  public static func dcg(order: [Int], gains: [Double], at k: Int) -> Double {
    var total = 0.0
    for (position, item) in order.prefix(max(0, k)).enumerated() {
      total += gains[item] / log2(Double(position + 2))
    }
    return total
  }

  /// Items by gain descending, ties by index: the ideal order.
  public static func idealOrder(gains: [Double]) -> [Int] {
    gains.indices.sorted { gains[$0] != gains[$1] ? gains[$0] > gains[$1] : $0 < $1 }
  }

  /// NDCG@k of `predicted` against `gains` (one per item of the universe).
  public static func ndcg(predicted: [Int], gains: [Double], at k: Int) -> Double {
    precondition(k >= 1, "k must be at least 1")
    let ideal = dcg(order: idealOrder(gains: gains), gains: gains, at: k)
    guard ideal > 0 else { return 0 }
    return dcg(order: predicted, gains: gains, at: k) / ideal
  }

  /// The true top-k: items with gain > 0, by gain descending, ties by index.
  public static func trueTop(gains: [Double], k: Int) -> [Int] {
    Array(idealOrder(gains: gains).prefix(k).filter { gains[$0] > 0 })
  }

  /// Share of the k predicted places taken by items of the true top-k.
  public static func precision(predicted: [Int], gains: [Double], at k: Int) -> Double {
    precondition(k >= 1, "k must be at least 1")
    let relevant = Set(trueTop(gains: gains, k: k))
    let hits = predicted.prefix(k).filter { relevant.contains($0) }.count
    return Double(hits) / Double(k)
  }

  /// 1-based ranks with the highest value first; tied values share the mean of their
  /// positions (so ranks always sum to n(n+1)/2).
  public static func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted {
      values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1
    }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
      let shared = Double(start + end) / 2 + 1
      for position in start...end { ranks[order[position]] = shared }
      start = end + 1
    }
    return ranks
  }

  /// Spearman's ρ with average ranks for ties; 0 when either list is constant or has fewer
  /// than two items.
  public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "one value per item in both lists")
    guard x.count >= 2 else { return 0 }
    return pearson(averageRanks(x), averageRanks(y))
  }

  static func pearson(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count)
    let meanX = x.reduce(0, +) / n
    let meanY = y.reduce(0, +) / n
    var covariance = 0.0
    var varianceX = 0.0
    var varianceY = 0.0
    for (a, b) in zip(x, y) {
      covariance += (a - meanX) * (b - meanY)
      varianceX += (a - meanX) * (a - meanX)
      varianceY += (b - meanY) * (b - meanY)
    }
    guard varianceX > 0, varianceY > 0 else { return 0 }
    return covariance / (varianceX * varianceY).squareRoot()
  }
}
