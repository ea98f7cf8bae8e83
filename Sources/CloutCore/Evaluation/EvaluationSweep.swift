/// A small grid over the score's knobs (type weights, half-life, depth weight), each setting
/// scored by NDCG@k of Clout's ranking on the future window. The best setting is tuned on the
/// very window it is measured on, so its figure is optimistic: use it to see how much the
/// knobs matter, not as a promise.
public enum EvaluationSweep {
  public struct Setting: Sendable, Equatable {
    /// Name of the type-weight preset.
    public var weights: String
    /// Text of the half-life (`7d`, `30d`, `90d`, `none`).
    public var halfLife: String
    public var depthWeight: Double
    public var ndcg: Double
  }

  /// Type-weight presets: the defaults, all equal, and the defaults without mentions.
  public static let weightPresets: [(name: String, weights: [InteractionType: Double])] = [
    ("default", InteractionWeighting.defaultTypeWeights),
    ("equal", [.reply: 1, .quote: 1, .repost: 1, .mention: 1]),
    ("no-mentions", [.reply: 1, .quote: 0.8, .repost: 0.6, .mention: 0]),
  ]
  /// Half-lives as the sweep reports them, with their seconds (nil: no decay).
  public static let halfLives: [(text: String, seconds: Double?)] = [
    ("7d", 7 * 86_400), ("30d", 30 * 86_400), ("90d", 90 * 86_400), ("none", nil),
  ]
  public static let depthWeights: [Double] = [0, 0.25, 0.5, 0.75]

  /// The depth weights worth trying on `training`: all of them, or only the first when reply
  /// engagement is 0 for every account (no reply trees, as on edges without post ids). Its
  /// weight then goes to the other parts, so every depth weight ranks alike: on a reply
  /// network ingested as edges, 36 of the 48 settings repeated others.
  public static func depthWeights(
    training: EngagementData, base: RankingParameters
  ) throws -> [Double] {
    let ranking = try InfluenceRanking(data: training, parameters: base)
    let engagement = ScorePart.allCases.firstIndex(of: .engagement)!
    return ranking.scoring.maxima[engagement] > 0 ? depthWeights : [depthWeights[0]]
  }

  /// Every setting of the grid on top of `base` (its damping, seeds, as-of, …), in grid
  /// order, with the depth weights of `depthWeights(training:base:)`; the best is the first
  /// with the highest NDCG.
  public static func run(
    training: EngagementData, future: EngagementData, base: RankingParameters, k: Int = 50
  ) throws -> [Setting] {
    let depthWeights = try Self.depthWeights(training: training, base: base)
    var settings: [Setting] = []
    for preset in weightPresets {
      for halfLife in halfLives {
        for depthWeight in depthWeights {
          var parameters = base
          parameters.weighting = try InteractionWeighting(
            typeWeights: preset.weights, halfLife: halfLife.seconds)
          parameters.depthWeight = depthWeight
          let ndcg = try RankingEvaluation.cloutNDCG(
            training: training, future: future, parameters: parameters, k: k)
          settings.append(
            Setting(
              weights: preset.name, halfLife: halfLife.text, depthWeight: depthWeight, ndcg: ndcg))
        }
      }
    }
    return settings
  }

  /// The first setting with the highest NDCG.
  public static func best(_ settings: [Setting]) -> Setting? {
    settings.reduce(nil) { best, setting in
      guard let best else { return setting }
      return setting.ndcg > best.ndcg ? setting : best
    }
  }
}
