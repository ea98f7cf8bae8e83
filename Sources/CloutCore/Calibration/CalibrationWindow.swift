import Foundation

extension Calibrator {
  /// One origin: the parts at every candidate half-life, the baselines, and the target: the
  /// engagement in the origin's horizon, as `clout evaluate` measures after its split.
  struct Window: Sendable {
    var origin: Int64
    /// The last second of the target: origin + horizon − 1, at most the end of the data.
    var end: Int64
    var usable: Bool
    var trainingInteractions = 0
    var trainingAccounts = 0
    /// [half-life][part][account]: the part's feature / its maximum, every part at every
    /// candidate half-life (a pair takes the activity parts from its second one).
    /// Float: 4 windows × 6 half-lives × 6 parts of a 172k-account store are 100 MB so, twice
    /// that in Double; the ranking order of a sum of six parts in [0, 1] does not need more.
    var features: [[[Float]]] = []
    var goal: Goal
    var baselines: [[Double]] = []
    var recentEngagers: [Double] = []
    /// Per candidate half-life: the recency-weighted in-degree baseline.
    var recentInDegrees: [[Double]] = []

    /// A target and its gains per training account, with the DCG@k of the ideal order,
    /// computed once: the search scores thousands of orders.
    struct Goal: Sendable {
      var target: RankingEvaluation.Target
      var gains: [Double]
      var idealDCG: Double

      /// The accounts engaged in the horizon that were already in the training data: the
      /// only ones any ranking can place. Newcomers count in the ideal DCG, but an origin
      /// whose engaged accounts are all new scores 0 for every candidate: it cannot choose,
      /// and as the worst origin it would tie every candidate at 0. (Near it: a RumourEval-2019
      /// Twitter train store fold with 59 engaged accounts, 56 of them new.)
      ///
      /// The floor for these is lower than for all engaged (`Calibrator.minimumRankable`): on
      /// digg cut at 2008-11-02 the first origin has 20+ engaged accounts but 13 it can rank,
      /// and requiring 20 of those left no fold to calibrate on (NDCG@50 0.810 calibrated,
      /// 0.734 with the default).
      var rankableEngaged: Int { target.futureEngaged - target.newcomers }

      init(training: EngagementData, future: EngagementData, k: Int) {
        target = RankingEvaluation.Target(training: training, future: future)
        gains = Array(target.gains.prefix(training.graphAccountCount))
        idealDCG = RankingMetrics.dcg(
          order: RankingMetrics.idealOrder(gains: target.gains), gains: target.gains, at: k)
      }
    }

    init(
      training: EngagementData, target targetData: EngagementData, origin: Int64, end: Int64,
      calibrator: Calibrator, ladder: [Double?], recentWindow: Int64
    ) throws {
      self.origin = origin
      self.end = end
      goal = Goal(training: training, future: targetData, k: calibrator.k)
      usable =
        training.interactionCount > 0 && training.graphAccountCount > 0
        && goal.target.futureEngaged >= Calibrator.minimumEngaged(k: calibrator.k)
        && goal.rankableEngaged >= Calibrator.minimumRankable(k: calibrator.k)
      guard usable else { return }
      trainingInteractions = training.interactionCount
      trainingAccounts = training.graphAccountCount
      let asOf = origin - 1
      let base = calibrator.base
      let shared = CandidateScoring(data: training, asOf: asOf)
      let typeWeights = Dictionary(
        uniqueKeysWithValues: InteractionType.allCases.map { ($0, base.weighting.typeWeight($0)) })
      // Every weighting the window needs: the candidates, the uncalibrated default (default
      // type weights, adaptive half-life) and plain PageRank (every type 1, no decay).
      let candidates = ladder.count
      let plain = candidates + 1
      let weightings =
        try ladder.map { try InteractionWeighting(typeWeights: typeWeights, halfLife: $0) } + [
          try InteractionWeighting(
            typeWeights: [:], halfLife: TimeScale.adaptiveHalfLife(training, asOf: asOf)),
          try InteractionWeighting(
            typeWeights: Dictionary(
              uniqueKeysWithValues: InteractionType.allCases.map { ($0, 1.0) }),
            halfLife: nil),
        ]
      // Each keeps only what the window needs of its parts (the normalized features of a
      // candidate, the uncalibrated score, plain PageRank), not 8 sets of contributions.
      let computed = try Self.inParallel(weightings.count) { index -> [[Double]] in
        let parts = try shared.parts(
          weighting: weightings[index],
          weights: index >= candidates ? .uncalibrated : base.scoreWeights,
          damping: base.damping, tolerance: base.tolerance,
          maxIterations: index == plain ? RankingParameters().maxIterations : base.maxIterations,
          seeds: index == plain ? nil : base.seedAccounts)
        if index == plain { return [parts.pagerank.scores] }
        if index == candidates { return [parts.scoring.contributions.map(\.score)] }
        return ScorePart.allCases.map { part in
          let maximum = parts.scoring.maximum(part)
          return parts.scoring.contributions.map { maximum > 0 ? $0.feature(part) / maximum : 0 }
        }
      }
      features = computed.prefix(candidates).map { parts in parts.map { $0.map(Float.init) } }
      baselines = [
        computed[candidates][0],
        shared.interactionsIn.map(Double.init),
        EngagementCounts.distinctActors(training).map(Double.init),
        computed[plain][0],
      ]
      recentEngagers = EngagementCounts.distinctActors(training, since: origin - recentWindow)
        .map(Double.init)
      // Computed now for every candidate, so the window's data need not be kept.
      recentInDegrees = ladder.map {
        EngagementCounts.decayedInDegree(training, halfLife: $0, asOf: asOf)
      }
    }

    /// `body(0..<count)` on both cores (even indices on one thread, odd on another), in
    /// index order.
    static func inParallel<Value: Sendable>(
      _ count: Int, _ body: @escaping @Sendable (Int) throws -> Value
    ) throws -> [Value] {
      let odd = Concurrent { () -> [Result<Value, any Error>] in
        stride(from: 1, to: count, by: 2).map { index in Result { try body(index) } }
      }
      let even = stride(from: 0, to: count, by: 2).map { index in Result { try body(index) } }
      let other = odd.wait()
      return try (0..<count).map { index in
        try (index % 2 == 0 ? even[index / 2] : other[index / 2]).get()
      }
    }

    /// Part `p`'s column at `pair`: the activity parts at its activity half-life, the others
    /// at its main one.
    func column(_ pair: TimeScalePair, _ p: Int) -> [Float] {
      features[ScorePart.allCases[p].followsActivityHalfLife ? pair.activity : pair.main][p]
    }

    func combine(_ pair: TimeScalePair, _ weights: [Double]) -> [Double] {
      var total = [Double](repeating: 0, count: trainingAccounts)
      for p in ScorePart.allCases.indices where weights[p] != 0 {
        let column = column(pair, p)
        for a in 0..<trainingAccounts { total[a] += weights[p] * Double(column[a]) }
      }
      return total
    }

    /// NDCG@k of `scores` against the target, from the top k alone.
    func ndcg(_ scores: [Double], k: Int) -> Double {
      guard goal.idealDCG > 0 else { return 0 }
      let order = TopK.select(k, scores: scores)
      return RankingMetrics.dcg(order: order, gains: goal.target.gains, at: k) / goal.idealDCG
    }

    /// Every metric against the target.
    func measure(_ name: String, _ scores: [Double], k: Int) -> Calibration.Metric {
      let result = goal.target.measure(name: name, scores: scores, ks: [k])
      return Calibration.Metric(
        name: name, ndcg: result.ndcg[0], precision: result.precision[0],
        spearman: result.spearman)
    }
  }
}

extension EngagementData {
  /// The same accounts and interactions, without the posts.
  func interactionsOnly() -> EngagementData {
    var copy = self
    copy.postAuthors = []
    copy.postParents = []
    copy.postRowIDs = []
    copy.placeholderKeys = [:]
    return copy
  }

  /// The interactions at `from`…`through` (every account kept, no posts): what a target
  /// window needs, as a load of that window would give it (accounts without interactions
  /// there count nothing).
  func interactions(from: Int64, through: Int64) -> EngagementData {
    var copy = interactionsOnly()
    let keep = interactionTimes.indices.filter {
      interactionTimes[$0] >= from && interactionTimes[$0] <= through
    }
    copy.interactionActors = keep.map { interactionActors[$0] }
    copy.interactionTargets = keep.map { interactionTargets[$0] }
    copy.interactionTypes = keep.map { interactionTypes[$0] }
    copy.interactionTimes = keep.map { interactionTimes[$0] }
    copy.interactionMultipliers = keep.map { interactionMultipliers[$0] }
    copy.since = from
    copy.until = through
    return copy
  }
}
