/// One interaction a post gives, before the store resolves accounts.
public struct DerivedInteraction: Equatable, Sendable {
  public var type: InteractionType
  /// The target account when the record names it.
  public var target: AccountRef?
  /// The referenced post when the target must be found through it (a reply whose
  /// `reply_to_author` is absent is credited to the parent post's author).
  public var viaPostID: String?
}

extension PostRecord {
  /// The interactions this post gives, by the rules every format shares:
  /// - a reply gives one `reply` to the parent's author, a repost one `repost` to the
  ///   original's author, a quote one `quote` to the quoted author;
  /// - every other mentioned account gets one `mention`;
  /// - per post each target gets at most one interaction, the strongest by
  ///   `InteractionType.precedence` (a reply that also mentions its parent's author is one
  ///   reply);
  /// - self-interactions are kept here: the store records them, the graph leaves them out.
  ///
  /// A reference without a known author yields an interaction with `target == nil` and
  /// `viaPostID` set; the store completes it when the referenced post is known.
  public func derivedInteractions() -> [DerivedInteraction] {
    var derived = DerivedInteractions()
    derived.derive(from: self)
    return derived.interactions
  }
}

/// The interactions of one post after another (`PostRecord.derivedInteractions`), in storage
/// that each post reuses: the store's writer derives them for every post it writes, and three
/// arrays allocated and freed per post were 7% of its instructions (callgrind, the first
/// 50,000 rows of `gen.py 1000000 100000 7`).
public struct DerivedInteractions: Sendable {
  /// The last post's interactions.
  public private(set) var interactions: [DerivedInteraction] = []
  // Targets seen so far and where each sits in `interactions` (a post may name 100,000
  // accounts).
  private var targets = AccountRefIndex()
  private var positions: [Int] = []

  public init() {}

  /// Replaces `interactions` with those of `post`.
  public mutating func derive(from post: PostRecord) {
    interactions.removeAll(keepingCapacity: true)
    targets.removeAll()
    positions.removeAll(keepingCapacity: true)
    add(.reply, post.replyTo)
    add(.quote, post.quoteOf)
    add(.repost, post.repostOf)
    for mention in post.mentions {
      add(.mention, PostReference(author: mention))
    }
  }

  private mutating func add(_ type: InteractionType, _ reference: PostReference?) {
    guard let reference else { return }
    if let author = reference.author {
      if let match = targets.firstMatch(of: author) {
        let index = positions[match]
        if type < interactions[index].type { interactions[index].type = type }
        return
      }
      targets.append(author)
      positions.append(interactions.count)
      interactions.append(DerivedInteraction(type: type, target: author, viaPostID: nil))
    } else if let postID = reference.postID {
      interactions.append(DerivedInteraction(type: type, target: nil, viaPostID: postID))
    }
  }
}
