/// Every candidate score of a calibration scored at every origin: each pair of time scales
/// with each weight vector, NDCG@k against the origin's target, computed once so that the
/// final choice and every fold's choice read the same table.
///
/// Weight vectors: the uncalibrated weights, then a grid over the simplex of the parts that
/// are not 0 everywhere, in steps of 1/4, outreach at most `ScoreDefinition.outreachCap`. A
/// grid, not a regression: NDCG@k rewards the order of the top k, and least squares over
/// every account, most of them never engaged, does not (on the 1M-post synthetic store,
/// shared/bench/gen.py 1000000 100000 7, ridge weights lost to the uncalibrated ones on a
/// fold, 0.973 vs 0.999; on the held-out timelines no split chose them when they competed).
struct CandidateSearch: Sendable {
  let pairs: [Calibrator.TimeScalePair]
  let weights: [[Double]]
  /// [window][pair][weights]: NDCG@k; empty for an unusable window.
  let table: [[[Double]]]

  struct Choice: Sendable, Equatable {
    var pair: Calibrator.TimeScalePair
    var weights: Int
    var worst: Double
    var mean: Double
    /// NDCG@k at each origin chosen on, in their order.
    var perWindow: [Double]
  }

  init(pairs: [Calibrator.TimeScalePair], weights: [[Double]], table: [[[Double]]]) {
    self.pairs = pairs
    self.weights = weights
    self.table = table
  }

  init(windows: [Calibrator.Window], ladder: [Double?], k: Int) throws {
    let pairs = Calibrator.timeScalePairs(ladder)
    let parts = ScorePart.allCases.indices
    // A part that is 0 for every account (no reply trees on edges without post ids) only
    // rescales the others: the grid leaves it out instead of trying each order again.
    let active = parts.filter { p in
      windows.contains { window in window.features.contains { $0[p].contains { $0 > 0 } } }
    }
    var weights = [ScorePart.allCases.map { ScoreWeights.uncalibrated[$0] }]
    for point in active.isEmpty ? [] : Self.simplexGrid(parts: active.count, steps: 4) {
      var vector = [Double](repeating: 0, count: parts.count)
      for (slot, p) in active.enumerated() { vector[p] = point[slot] }
      if Self.respectsCaps(vector) && vector != weights[0] { weights.append(vector) }
    }
    let candidates = weights
    table = try windows.map { window in
      guard window.usable else { return [] }
      return try Calibrator.Window.inParallel(pairs.count) { index in
        candidates.map { window.ndcg(window.combine(pairs[index], $0), k: k) }
      }
    }
    self.pairs = pairs
    self.weights = weights
  }

  /// The candidate whose worst NDCG@k over `windows` is highest; ties: the higher mean, then
  /// the first in pair and weight order; `among`: the pair indices to choose from (nil: all).
  ///
  /// The worst is taken over the windows that tell candidates apart: one where every
  /// candidate scores the same (none ranks an engaged account in its top k) would be the
  /// worst of all of them and tie the choice, leaving it to the mean. On the RumourEval-2019
  /// Twitter train store the first origin scored 0 for every candidate (its 3 engaged accounts
  /// that the data before it knew ranked below 50 for all). The mean is over the same windows
  /// (a tying window adds the same to every candidate's sum, so the choice is the same either
  /// way, and the worst is never above the mean); `perWindow` has every window.
  func best(on windows: [Int], among pairIndices: [Int]? = nil) -> Choice {
    let judged = judged(windows)
    var best: Choice?
    for p in pairIndices ?? Array(pairs.indices) {
      for w in weights.indices {
        let values = windows.map { table[$0][p][w] }
        let judgedValues = judged.map { table[$0][p][w] }
        let worst = judgedValues.min() ?? 0
        let mean = judgedValues.reduce(0, +) / Double(max(1, judgedValues.count))
        if let current = best,
          worst < current.worst || (worst == current.worst && mean <= current.mean)
        {
          continue
        }
        best = Choice(pair: pairs[p], weights: w, worst: worst, mean: mean, perWindow: values)
      }
    }
    return best!
  }

  /// The windows `best` takes the worst and mean over: those of `windows` that tell
  /// candidates apart, or all of them when none does.
  func judged(_ windows: [Int]) -> [Int] {
    let telling = windows.filter(tellsCandidatesApart)
    return telling.isEmpty ? windows : telling
  }

  /// False when every candidate scores the same at `window`.
  func tellsCandidatesApart(_ window: Int) -> Bool {
    guard let first = table[window].first?.first else { return false }
    return table[window].contains { $0.contains { $0 != first } }
  }

  /// Per pair, its best weights over `windows`, as the calibration reports its candidates.
  func summary(on windows: [Int]) -> [Choice] {
    pairs.indices.map { best(on: windows, among: [$0]) }
  }

  /// Weight vector `index` as score weights (nil only for a vector of zeros, which the grid
  /// never holds).
  func scoreWeights(_ index: Int) -> ScoreWeights? {
    try? ScoreWeights(Dictionary(uniqueKeysWithValues: zip(ScorePart.allCases, weights[index])))
  }

  static func respectsCaps(_ weights: [Double]) -> Bool {
    weights[ScorePart.allCases.firstIndex(of: .outreach)!] <= ScoreDefinition.outreachCap + 1e-12
  }

  /// Every weight vector of `parts` non-negative multiples of 1/`steps` summing to 1, in
  /// lexicographic order.
  static func simplexGrid(parts: Int, steps: Int) -> [[Double]] {
    // Integer compositions of `steps` into `parts` non-negative summands, largest first.
    func compositions(_ parts: Int, _ total: Int) -> [[Int]] {
      guard parts > 1 else { return [[total]] }
      return stride(from: total, through: 0, by: -1).flatMap { first in
        compositions(parts - 1, total - first).map { [first] + $0 }
      }
    }
    return compositions(parts, steps).map { $0.map { Double($0) / Double(steps) } }
  }
}
