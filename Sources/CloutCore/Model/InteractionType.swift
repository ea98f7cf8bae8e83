/// The ways one account engages another. Credit always flows from the actor to the target.
///
/// The order of the cases is the precedence used when one post engages the same target in
/// several ways (a reply that also quotes and mentions its parent's author counts once, as a
/// reply): the strongest form of engagement wins.
public enum InteractionType: String, CaseIterable, Comparable, Sendable, Codable {
  case reply
  case quote
  case repost
  case mention

  /// Lower is stronger. Used to keep one interaction per target and post.
  public var precedence: Int {
    switch self {
    case .reply: 0
    case .quote: 1
    case .repost: 2
    case .mention: 3
    }
  }

  public static func < (lhs: InteractionType, rhs: InteractionType) -> Bool {
    lhs.precedence < rhs.precedence
  }
}
