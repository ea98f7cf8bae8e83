/// The score's parts on one window of data at many weightings (the calibration's candidate
/// half-lives, the adaptive default, plain PageRank), sharing what a weighting does not
/// change: the CSR structure of the graph, the reply forest and its statistics. Only the edge
/// weights, PageRank, reach, activity and reply recency are computed per weighting.
///
/// Why: `clout calibrate` ranked every window once per candidate with a full
/// `InfluenceRanking`, 8 graph builds and 8 reply forests per window; on the 10M-post
/// synthetic store (172,611 accounts, 807,056 edges, 9.9M interactions) that was 154 s of
/// CPU, most of it sorting the same 9.9M interactions into the same edges and walking the
/// same 10M-post forest again.
///
/// Exact: `parts(weighting:…)` returns the features `InfluenceRanking` computes with the same
/// weighting, bit for bit (CandidateScoringTests). Parallel interactions are summed in input
/// order as `GraphBuilder` sums them; when a weighting leaves some edge at weight 0 (a type
/// weight or multiplier of 0, a decay that underflows) or would need `GraphBuilder`'s
/// rescaling, the graph is built by `GraphBuilder` instead, so those cases are exact too.
struct CandidateScoring: Sendable {
  let data: EngagementData
  let asOf: Int64
  /// Every interaction's edge at weight 1: the offsets and endpoints of every candidate graph.
  private let structure: InteractionGraph
  /// Per interaction: its merged out-edge, or -1 for a self-interaction (never an edge).
  private let edgeOfInteraction: [Int32]
  /// Per out-edge: its position among the in-edges.
  private let inPosition: [Int32]
  /// Replies each graph account received (for the mean of their decay).
  private let repliesIn: [Int32]
  let replies: ReplyStatistics
  /// Interactions received (unweighted), the in-degree baseline.
  let interactionsIn: [Int32]
  /// When each account was last engaged: freshness at every weighting.
  private let lastEngagement: RecentEngagement.LastEngagement

  /// One weighting's parts, per graph account.
  struct Parts: Sendable {
    var pagerank: PageRank.Result
    var scoring: InfluenceScore.Result
  }

  init(data: EngagementData, asOf: Int64) {
    self.data = data
    self.asOf = asOf
    let forestTask = Concurrent { () -> ReplyStatistics in
      ReplyForest(authors: data.postAuthors, parents: data.postParents)
        .accountStatistics(accountCount: data.accounts.count)
    }
    let n = data.graphAccountCount
    let m = data.interactionCount
    let structure = GraphBuilder.build(
      actors: data.interactionActors, targets: data.interactionTargets,
      weights: [Double](repeating: 1, count: m), nodeCount: n)
    var edgeOfInteraction = [Int32](repeating: -1, count: m)
    var interactionsIn = [Int32](repeating: 0, count: n)
    var repliesIn = [Int32](repeating: 0, count: n)
    var lastEngagement = RecentEngagement.LastEngagement(accountCount: n)
    structure.outTargets.withUnsafeBufferPointer { targets in
      for index in 0..<m {
        let actor = Int(data.interactionActors[index])
        let target = data.interactionTargets[index]
        interactionsIn[Int(target)] += 1
        lastEngagement.record(actor: actor, target: Int(target), time: data.interactionTimes[index])
        if data.interactionTypes[index] == .reply { repliesIn[Int(target)] += 1 }
        guard actor != Int(target) else { continue }
        // Binary search in the actor's out-edges, sorted by target.
        var low = structure.outOffsets[actor]
        var high = structure.outOffsets[actor + 1]
        while low < high {
          let middle = (low + high) / 2
          if targets[middle] < target { low = middle + 1 } else { high = middle }
        }
        edgeOfInteraction[index] = Int32(truncatingIfNeeded: low)
      }
    }
    // The transpose's own order: sources ascending, each source's edges by target.
    var next = structure.inOffsets
    var inPosition = [Int32](repeating: 0, count: structure.edgeCount)
    for u in 0..<n {
      for edge in structure.outOffsets[u]..<structure.outOffsets[u + 1] {
        let v = Int(structure.outTargets[edge])
        inPosition[edge] = Int32(truncatingIfNeeded: next[v])
        next[v] += 1
      }
    }
    self.structure = structure
    self.edgeOfInteraction = edgeOfInteraction
    self.inPosition = inPosition
    self.interactionsIn = interactionsIn
    self.repliesIn = repliesIn
    self.lastEngagement = lastEngagement
    replies = forestTask.wait()
  }

  /// PageRank and the score's features with `weighting`, as `InfluenceRanking` computes them
  /// with these parameters at `asOf`.
  func parts(
    weighting: InteractionWeighting, weights: ScoreWeights, damping: Double, tolerance: Double,
    maxIterations: Int, seeds: [Int]?
  ) throws -> Parts {
    let n = data.graphAccountCount
    let (graph, recencySum) = self.graph(weighting: weighting)
    let personalization = seeds.map { SeedTeleport.vector(graph: graph, seeds: $0) }
    let pagerank: PageRank.Result
    do {
      pagerank = try PageRank(
        graph: graph, damping: damping, tolerance: tolerance, maxIterations: maxIterations,
        personalization: personalization
      ).run()
    } catch {
      throw InfluenceRanking.Failure.invalidParameter(error.description)
    }
    let recency = (0..<n).map { node in
      weighting.halfLife != nil && repliesIn[node] > 0
        ? recencySum[node] / Double(repliesIn[node]) : 1
    }
    let scoring = InfluenceScore(weights: weights).score(
      pagerank: pagerank.scores, maxReplyDepth: Array(replies.maxReplyDepth.prefix(n)),
      distinctRepliers: Array(replies.distinctRepliers.prefix(n)),
      reach: InfluenceScore.reach(graph: graph), activity: InfluenceScore.activity(graph: graph),
      replyRecency: recency, outreach: InfluenceScore.outreach(graph: graph),
      freshness: lastEngagement.freshness(weighting: weighting, asOf: asOf))
    return Parts(pagerank: pagerank, scoring: scoring)
  }

  /// The graph `GraphBuilder` makes from the interactions weighted by `weighting`, and per
  /// graph account the summed decay of the replies it received.
  func graph(weighting: InteractionWeighting) -> (InteractionGraph, [Double]) {
    let n = data.graphAccountCount
    let m = data.interactionCount
    let decays = weighting.halfLife != nil
    var sums = [Double](repeating: 0, count: structure.edgeCount)
    var recencySum = [Double](repeating: 0, count: decays ? n : 0)
    var heaviest = 0.0
    var kept = 0
    sums.withUnsafeMutableBufferPointer { sums in
      for index in 0..<m {
        let edge = Int(edgeOfInteraction[index])
        if decays && data.interactionTypes[index] == .reply {
          recencySum[Int(data.interactionTargets[index])] += weighting.decay(
            age: Double(asOf) - Double(data.interactionTimes[index]))
        }
        guard edge >= 0 else { continue }
        let weight = data.weight(ofInteraction: index, weighting: weighting, asOf: asOf)
        if weight > 0 {
          sums[edge] += weight
          heaviest = max(heaviest, weight)
          kept += 1
        }
      }
    }
    guard GraphBuilder.scale(heaviest: heaviest, count: kept) == 1, !sums.contains(0) else {
      let weights = (0..<m).map {
        data.weight(ofInteraction: $0, weighting: weighting, asOf: asOf)
      }
      let graph = GraphBuilder.build(
        actors: data.interactionActors, targets: data.interactionTargets, weights: weights,
        nodeCount: n)
      return (graph, recencySum)
    }
    // As GraphBuilder stores them: a positive sum stays positive in Float.
    let outWeights = sums.map { max(EdgeWeight($0), .leastNonzeroMagnitude) }
    var outStrength = [Double](repeating: 0, count: n)
    var inWeights = [EdgeWeight](repeating: 0, count: structure.edgeCount)
    for u in 0..<n {
      var strength = 0.0
      for edge in structure.outOffsets[u]..<structure.outOffsets[u + 1] {
        strength += Double(outWeights[edge])
        inWeights[Int(inPosition[edge])] = outWeights[edge]
      }
      outStrength[u] = strength
    }
    let graph = InteractionGraph(
      nodeCount: n, outOffsets: structure.outOffsets, outTargets: structure.outTargets,
      outWeights: outWeights, inOffsets: structure.inOffsets, inSources: structure.inSources,
      inWeights: inWeights, outStrength: outStrength)
    return (graph, recencySum)
  }
}
