import HeapModule

/// Selects the best `k` of `count` items without sorting them all: a min-heap of the `k` best
/// seen so far, O(count · log k) time and O(k) memory.
///
/// Order: higher score first; equal scores by the caller's key, ascending; equal keys by item
/// index, ascending — so the result never depends on anything but the inputs.
public enum TopK {
  /// Indices in `0..<count` of the best `k` items, best first. Scores must not be NaN.
  public static func select<Score: Comparable, Key: Comparable>(
    _ k: Int, count: Int, score: (Int) -> Score, key: (Int) -> Key
  ) -> [Int] {
    guard k > 0, count > 0 else { return [] }
    var heap = Heap<Candidate<Score, Key>>(minimumCapacity: min(k, count))
    for index in 0..<count {
      let candidate = Candidate(score: score(index), key: key(index), index: index)
      if heap.count < k {
        heap.insert(candidate)
      } else if heap.min! < candidate {
        _ = heap.replaceMin(with: candidate)
      }
    }
    var result = [Int]()
    result.reserveCapacity(heap.count)
    while let worst = heap.popMin() { result.append(worst.index) }
    result.reverse()
    return result
  }

  /// Indices of the best `k` scores, best first; ties by index ascending.
  public static func select(_ k: Int, scores: [Double]) -> [Int] {
    select(k, count: scores.count, score: { scores[$0] }, key: { $0 })
  }
}

/// Ordered from worst to best, so the heap's minimum is the candidate to evict.
private struct Candidate<Score: Comparable, Key: Comparable>: Comparable {
  var score: Score
  var key: Key
  var index: Int

  static func < (lhs: Self, rhs: Self) -> Bool {
    if lhs.score != rhs.score { return lhs.score < rhs.score }
    if lhs.key != rhs.key { return lhs.key > rhs.key }
    return lhs.index > rhs.index
  }

  static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.score == rhs.score && lhs.key == rhs.key && lhs.index == rhs.index
  }
}
