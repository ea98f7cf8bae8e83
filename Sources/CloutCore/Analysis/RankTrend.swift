/// How each account of a ranking moved since an earlier ranking of the same accounts (the
/// earlier period of `rank --compare`): previous rank, rank change, score change, and a
/// label `new`, `up N`, `down N` or `same`.
public struct RankTrend: Sendable, Equatable {
  /// Rank in the earlier period; nil when the account was not ranked then (`new`).
  public var previousRank: Int?
  /// previousRank − rank: positive when the account rose.
  public var rankChange: Int?
  /// score − previous score.
  public var scoreChange: Double?

  public init(previousRank: Int?, rankChange: Int?, scoreChange: Double?) {
    self.previousRank = previousRank
    self.rankChange = rankChange
    self.scoreChange = scoreChange
  }

  public var label: String {
    guard let rankChange else { return "new" }
    if rankChange > 0 { return "up \(rankChange)" }
    if rankChange < 0 { return "down \(-rankChange)" }
    return "same"
  }

  /// The trend of every graph node of `current` against `previous`, matching accounts by
  /// platform, handle and user id.
  public static func compare(_ current: InfluenceRanking, with previous: InfluenceRanking)
    -> [RankTrend]
  {
    let previousRanks = previous.ranks()
    var earlier: [AccountKey: (rank: Int, score: Double)] = [:]
    for node in 0..<previous.graph.nodeCount {
      earlier[AccountKey(previous.data.accounts[node])] = (
        previousRanks[node], previous.contributions[node].score
      )
    }
    let ranks = current.ranks()
    return (0..<current.graph.nodeCount).map { node in
      guard let before = earlier[AccountKey(current.data.accounts[node])] else {
        return RankTrend(previousRank: nil, rankChange: nil, scoreChange: nil)
      }
      return RankTrend(
        previousRank: before.rank, rankChange: before.rank - ranks[node],
        scoreChange: current.contributions[node].score - before.score)
    }
  }
}
