import Foundation

/// How much one interaction contributes to the weight of its edge in the interaction graph:
/// a weight per interaction type, decayed by age with a half-life.
///
///     weight(type, age) = typeWeight(type) × 0.5^(age / halfLife)
///
/// Ages are in seconds; a negative age (an interaction dated after the reference time, e.g.
/// clock skew between platforms) counts as age 0. Without a half-life there is no decay.
///
/// Default type weights: reply 1, quote 0.8, repost 0.6, mention 0.4. A reply costs the most
/// effort and opens a conversation, a quote adds the actor's own words, a repost only
/// amplifies, and a mention is the cheapest to produce in bulk (and the most spammed), so the
/// order follows effort and spam resistance; the gaps are kept moderate so that a heavily
/// reposted account is not buried under a lightly replied-to one.
///
/// Default half-life: 90 days. Recency matters (who matters now, not two years ago: a year-old
/// interaction weighs 1/16), but a short half-life threw away too much of the evidence. With
/// `clout evaluate` (NDCG@50, scripts/evaluate-datasets.sh) on the RumourEval Twitter splits
/// 2014-12-01 / 2015-01-01: 30 days 0.190 / 0.316 (losing the December split to distinct
/// engagers, 0.205), 90 days 0.206 / 0.306, none 0.208 / 0.314; on the 14-day synthetic
/// timelines every choice scores within 0.001 (0.970, 0.916, 0.989). 90 days is the shortest
/// tested half-life that beats every baseline on every data set.
public struct InteractionWeighting: Sendable, Equatable {
  /// The default weights, in `InteractionType.allCases` order.
  public static let defaultTypeWeights: [InteractionType: Double] = [
    .reply: 1, .quote: 0.8, .repost: 0.6, .mention: 0.4,
  ]
  /// 90 days, in seconds.
  public static let defaultHalfLife: Double = 90 * 86_400

  /// The largest type weight and the largest per-interaction multiplier (edges-csv `weight`)
  /// accepted. Edge weights are stored as `Float` (max ~3.4e38); with both factors at most
  /// 1e12 and at most 2^31 interactions per graph, no edge sum can pass 1e12 × 1e12 × 2^31 ≈
  /// 2.1e33, so no sum overflows to infinity and PageRank never divides infinity by infinity
  /// (the NaN a 1e39 weight produced). 1e12 is far above any count of real interactions.
  public static let maximumWeight: Double = 1e12

  /// `value` moved into 0…`maximumWeight`, NaN as 0: how a stored multiplier that slipped past
  /// the ingest check (an older store, a hand edit) is read.
  public static func clampedMultiplier(_ value: Double) -> Double {
    guard value >= 0 else { return 0 }  // also NaN
    return Swift.min(value, maximumWeight)
  }

  /// Weights indexed by `InteractionType.precedence`.
  private var typeWeights: [Double]
  /// Half-life in seconds; nil means no decay.
  public private(set) var halfLife: Double?

  /// Creates a weighting. `typeWeights` overrides the defaults for the types it names.
  /// Every weight must be finite, ≥ 0 and ≤ `maximumWeight`; the half-life, when given, finite
  /// and > 0.
  public init(
    typeWeights: [InteractionType: Double] = [:],
    halfLife: Double? = InteractionWeighting.defaultHalfLife
  ) throws(InteractionWeighting.ParseError) {
    var weights = InteractionType.allCases.map { Self.defaultTypeWeights[$0]! }
    for (type, weight) in typeWeights {
      guard weight.isFinite, weight >= 0, weight <= Self.maximumWeight else {
        throw .invalidWeight(type: type.rawValue, value: String(weight))
      }
      weights[type.precedence] = weight
    }
    if let halfLife {
      guard halfLife.isFinite, halfLife > 0 else {
        throw .invalidHalfLife(String(halfLife))
      }
    }
    self.typeWeights = weights
    self.halfLife = halfLife
  }

  /// The same type weights at another half-life (checked as `init` checks it).
  public func withHalfLife(_ halfLife: Double?) throws(InteractionWeighting.ParseError)
    -> InteractionWeighting
  {
    if let halfLife {
      guard halfLife.isFinite, halfLife > 0 else { throw .invalidHalfLife(String(halfLife)) }
    }
    var copy = self
    copy.halfLife = halfLife
    return copy
  }

  /// The weight of one interaction of `type`, before decay.
  public func typeWeight(_ type: InteractionType) -> Double {
    typeWeights[type.precedence]
  }

  /// The weight of one interaction of `type` that is `age` seconds old.
  public func weight(type: InteractionType, age: Double) -> Double {
    typeWeights[type.precedence] * decay(age: age)
  }

  /// The factor the half-life gives an interaction `age` seconds old: 1 without decay or for
  /// an age of 0 or less.
  public func decay(age: Double) -> Double {
    guard let halfLife, age > 0 else { return 1 }
    return exp2(-age / halfLife)
  }

  /// Why a weighting could not be made (or, for the syntax cases, why the command line's
  /// spelling of one could not be read); the description says what to type instead.
  public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownType(String)
    case invalidWeight(type: String, value: String)
    case malformedTypeWeight(String)
    case duplicateType(String)
    case invalidHalfLife(String)

    public var description: String {
      let types = InteractionType.allCases.map(\.rawValue).joined(separator: ", ")
      switch self {
      case .unknownType(let name):
        return "unknown interaction type '\(name)'; expected one of \(types)"
      case .invalidWeight(let type, let value):
        return "weight for '\(type)' must be a number from 0 to 1e12, not '\(value)'"
      case .malformedTypeWeight(let item):
        return "expected TYPE=WEIGHT (e.g. reply=1,quote=0.8), not '\(item)'"
      case .duplicateType(let name):
        return "interaction type '\(name)' is given more than once"
      case .invalidHalfLife(let text):
        return
          "half-life must be a positive number with a unit s, m, h, d, w or y (e.g. 30d, 12h) or "
          + "'none', not '\(text)'"
      }
    }
  }
}
