import Foundation

/// The named parts of the influence score. This is the one definition of the score: the
/// scorer computes each part's feature as written here, and `rank --help`, `explain --help`,
/// `explain`, the map legend and the README read the names and formula text from it.
public enum ScorePart: String, CaseIterable, Sendable, Codable {
  case pagerank
  case reach
  case engagement
  case activity
  case outreach
  case freshness

  /// What `explain` and help text call the part.
  public var label: String {
    switch self {
    case .pagerank: "PageRank"
    case .reach: "reach"
    case .engagement: "reply engagement"
    case .activity: "activity"
    case .outreach: "outreach"
    case .freshness: "freshness"
    }
  }

  /// The feature the part scales, as a formula.
  public var formula: String {
    switch self {
    case .pagerank: "ln(1 + n × PageRank)"
    case .reach: "ln(1 + Σ distinct engagers' min(1, weight) / log2(2 + accounts they engage))"
    case .engagement: "ln(1 + reply recency × max reply depth × distinct repliers)"
    case .activity: "ln(1 + weighted, decayed interactions received)"
    case .outreach: "ln(1 + Σ distinct accounts it engaged, each min(1, weight))"
    case .freshness: "0.5^(time since the last engagement it received / activity half-life)"
    }
  }

  /// True for the parts measured at the activity half-life, the score's second time scale
  /// (what happened lately); the others use the main half-life.
  public var followsActivityHalfLife: Bool { self == .activity || self == .freshness }

  /// One sentence on what the feature measures.
  public var meaning: String {
    switch self {
    case .pagerank:
      "attention flowing to the account through the weighted interaction graph; attention "
        + "from accounts that get attention counts more (n accounts, so 1 is average)"
    case .reach:
      "distinct accounts that engaged it, each discounted by how indiscriminately it engages"
    case .engagement:
      "conversations that go deep and draw many people; reply recency is the mean decay of "
        + "the replies it received, so old threads fade like every other part"
    case .activity:
      "how much it was engaged, each interaction by type weight and decay (recency-weighted "
        + "in-degree), at the activity half-life"
    case .outreach:
      "how many accounts it engages itself: accounts that reply and join conversations are "
        + "answered back"
    case .freshness:
      "how recently anyone engaged it (1 = just now, 0 = never)"
    }
  }
}

/// The weight of each part of the score: non-negative, summing to 1, so the score is in
/// [0, 1] and the account at every part's maximum scores 1.
public struct ScoreWeights: Sendable, Equatable, Codable {
  /// One weight per part, in `ScorePart.allCases` order.
  public private(set) var values: [Double]

  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)
    public var description: String {
      switch self {
      case .invalid(let message): message
      }
    }
  }

  /// Weights normalized to sum 1; each must be finite and ≥ 0, and one > 0.
  public init(_ weights: [ScorePart: Double]) throws(Failure) {
    var values = ScorePart.allCases.map { weights[$0] ?? 0 }
    guard values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
      throw .invalid("score part weights must be finite numbers ≥ 0")
    }
    let total = values.reduce(0, +)
    guard total > 0 else { throw .invalid("at least one score part needs a weight above 0") }
    values = values.map { $0 / total }
    self.values = values
  }

  /// The two-share spelling: β to reply engagement, the rest split ρ : 1 − ρ between
  /// PageRank and reach, nothing to activity.
  public init(depthWeight beta: Double, pagerankShare rho: Double) {
    values = ScorePart.allCases.map { part in
      switch part {
      case .pagerank: (1 - beta) * rho
      case .reach: (1 - beta) * (1 - rho)
      case .engagement: beta
      case .activity, .outreach, .freshness: 0
      }
    }
  }

  /// Uncalibrated default: β = 0.5, ρ = 0.5, activity 0 (PageRank 0.25, reach 0.25, reply
  /// engagement 0.5), measured with `clout evaluate` (see `InfluenceScore`).
  public static let uncalibrated = ScoreWeights(
    depthWeight: InfluenceScore.defaultDepthWeight,
    pagerankShare: InfluenceScore.defaultPagerankShare)

  private enum CodingKeys: String, CodingKey { case values }

  /// Reads weights saved by any build: a calibration saved before the outreach and freshness
  /// parts existed holds four values, and the parts it lacks weigh 0.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    var values = try container.decode([Double].self, forKey: .values)
    guard values.count <= ScorePart.allCases.count,
      values.allSatisfy({ $0.isFinite && $0 >= 0 }), values.contains(where: { $0 > 0 })
    else {
      throw DecodingError.dataCorruptedError(
        forKey: .values, in: container,
        debugDescription: "expected at most \(ScorePart.allCases.count) finite weights ≥ 0")
    }
    values += [Double](repeating: 0, count: ScorePart.allCases.count - values.count)
    let total = values.reduce(0, +)
    self.values = values.map { $0 / total }
  }

  public subscript(part: ScorePart) -> Double {
    values[ScorePart.allCases.firstIndex(of: part)!]
  }

  /// β: the share of reply engagement.
  public var depthWeight: Double { self[.engagement] }

  /// ρ: PageRank's share of PageRank plus reach (0.5 when both are 0).
  public var pagerankShare: Double {
    let both = self[.pagerank] + self[.reach]
    return both > 0 ? self[.pagerank] / both : InfluenceScore.defaultPagerankShare
  }

  /// Reply engagement set to β, the other parts scaled to share 1 − β in their current
  /// proportions (PageRank and reach equally when they are all 0).
  public func withDepthWeight(_ beta: Double) -> ScoreWeights {
    let rest = 1 - self[.engagement]
    var copy = self
    copy.values = ScorePart.allCases.map { part in
      if part == .engagement { return beta }
      if rest > 0 { return self[part] / rest * (1 - beta) }
      return part == .pagerank || part == .reach ? (1 - beta) / 2 : 0
    }
    return copy
  }

  /// The weights with `parts` left out and the rest scaled back to sum 1; unchanged when
  /// nothing else has weight.
  public func dropping(_ parts: Set<ScorePart>) -> ScoreWeights {
    let kept = ScorePart.allCases.map { parts.contains($0) ? 0 : self[$0] }
    let total = kept.reduce(0, +)
    guard total > 0 else { return self }
    var copy = self
    copy.values = kept.map { $0 / total }
    return copy
  }

  /// `PageRank 0.25, reach 0.25, reply engagement 0.5`: the parts that weigh, in definition
  /// order, as prose reads them (it wraps between parts, not inside a number).
  public var weighingLabels: String {
    ScorePart.allCases.filter { self[$0] > 0 }.map { "\($0.label) \(text(of: $0))" }
      .joined(separator: ", ")
  }

  /// `part`'s weight as the other texts print it: `0.25`, `1`, `0.083`.
  public func text(of part: ScorePart) -> String { DecimalFormat.short(self[part]) }

  /// `pagerank=0.25,reach=0.25,engagement=0.5`: the parts that weigh, in definition order.
  public var weighingText: String { assignments(ScorePart.allCases.filter { self[$0] > 0 }) }

  /// `pagerank=0.25,reach=0.25,engagement=0.5,activity=0`, parts in definition order.
  public var text: String { assignments(ScorePart.allCases) }

  private func assignments(_ parts: [ScorePart]) -> String {
    parts.map { "\($0.rawValue)=\(text(of: $0))" }.joined(separator: ",")
  }
}

/// How the score is put together, as text for help, captions and the README.
public enum ScoreDefinition {
  /// The sum in one line: `score = Σ weight × feature / highest feature over the window`.
  public static let summary =
    "score = Σ over the parts of weight × feature / highest feature in the window; the weights"
    + " sum to 1, so the score is in [0, 1]"

  /// One line per part: `  label  formula: meaning`.
  public static var partLines: [String] {
    ScorePart.allCases.map { "\($0.label): \($0.formula), \($0.meaning)." }
  }

  /// The paragraph `rank --help` and the README print.
  public static var helpText: String {
    "The score is one sum of named parts, each a feature scaled so the best account gets 1 and"
      + " multiplied by its weight:\n\n"
      + partLines.map { "  " + $0 }.joined(separator: "\n") + "\n\n" + summary
      + ". Without a saved calibration ('clout calibrate') the weights are "
      + ScoreWeights.uncalibrated.text + ". A part that is 0 for every account in the window"
      + " (no post ids, so no reply trees) leaves the mix and its weight goes to the others."
      + " Every part decays: activity and freshness with the activity half-life (a"
      + " calibration may choose a shorter one, for what happened lately), the others with the"
      + " half-life. Outreach weighs at most \(DecimalFormat.short(outreachCap)): it counts what"
      + " the account does, not what others do for it."
  }

  /// The most weight `clout calibrate` gives outreach. It measures what an account does, not
  /// what others do for it: on the 10M-post store of `shared/bench/gen.py 10000000 1000000 7`,
  /// where active accounts are also the engaged ones, an uncapped fit gave it 0.75, a ranking
  /// of the busiest repliers that an account replying to everyone could climb. At a quarter it
  /// still helps where replying brings replies (held-out reply threads: no fit there gave it
  /// more than 0.25).
  public static let outreachCap = 0.25

  /// The map legend's words for the score with `weights` (those the ranking applied): the
  /// parts that weigh, each with its weight. A calibration often sets some parts to 0, and
  /// the legend listed all six, as if each counted.
  public static func legendText(weights: ScoreWeights) -> String {
    "the account's score (" + weights.weighingLabels + ", as in 'clout rank')"
  }
}

/// Short decimal text without trailing zeros, for weights in notes (`0.25`, `1`, `0.083`).
enum DecimalFormat {
  static func short(_ value: Double) -> String {
    var text = String(format: "%.3f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }
}
