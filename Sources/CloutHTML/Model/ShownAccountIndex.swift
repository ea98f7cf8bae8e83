import CloutCore

/// The explanation inputs of every shown account, from one pass over the window's
/// interactions and one over its posts.
///
/// `InfluenceRanking.counterparts(of:)` and `ReplyForest.topConversations(startedBy:limit:)`
/// each scan the whole window for one account: right for `explain`, but 500 accounts × 1M
/// interactions is half a billion steps. These give the same values and order (the same
/// weight function, strongest first with ties by account; deepest first by the same `TopK`
/// key) for all shown accounts at once; `ReportModelTests` checks them against the
/// per-account queries.
struct ShownAccountIndex {
  /// One engager of a shown account: `InfluenceRanking.Counterpart`'s fields.
  struct Engager: Equatable {
    var account: Int
    var weight: Double
    var counts: [InteractionType: Int]
  }

  /// Per shown account: who engages it, strongest first.
  var incoming: [[Engager]]
  /// Per shown account: its deepest conversations with replies from others, deepest first.
  var conversations: [[Int32]]

  init(result: InfluenceRanking, shown: [Int], conversationLimit: Int) {
    var position = [Int: Int](minimumCapacity: shown.count)
    for (index, node) in shown.enumerated() { position[node] = index }
    let data = result.data
    var incoming = [[Int: Engager]](repeating: [:], count: shown.count)
    for index in 0..<data.interactionCount {
      guard let target = position[Int(data.interactionTargets[index])] else { continue }
      let actor = Int(data.interactionActors[index])
      let weight = data.weight(
        ofInteraction: index, weighting: result.parameters.weighting, asOf: result.asOf)
      incoming[target][actor, default: .init(account: actor, weight: 0, counts: [:])].weight +=
        weight
      incoming[target][actor]!.counts[data.interactionTypes[index], default: 0] += 1
    }
    self.incoming = incoming.map { summaries in
      summaries.values.sorted { lhs, rhs in
        lhs.weight != rhs.weight ? lhs.weight > rhs.weight : lhs.account < rhs.account
      }
    }

    let forest = result.forest
    var posts = [[Int]](repeating: [], count: shown.count)
    for post in 0..<forest.postCount where forest.heights[post] > 0 {
      if let author = position[Int(forest.authors[post])] { posts[author].append(post) }
    }
    conversations = posts.map { list in
      TopK.select(
        conversationLimit, count: list.count,
        score: {
          (Int64(forest.heights[list[$0]]) << 32) | Int64(forest.subtreeRepliers[list[$0]])
        },
        key: { list[$0] }
      ).map { Int32(list[$0]) }
    }
  }
}
