/// An account as scoring and output need it.
public struct AccountInfo: Sendable, Equatable {
  public var platform: String
  public var handle: String?
  public var userID: String?
  public var displayName: String?
  /// First and last time the store saw the account (unix seconds, UTC), over all data.
  public var firstSeen: Int64?
  public var lastSeen: Int64?
  /// The latest follower count the data gave (`FollowerCount`'s rule), and the time of the
  /// post that carried it; nil when no record did. Context only: no score reads it.
  public var followers: Int64?
  public var followersAt: Int64?

  public init(
    platform: String, handle: String?, userID: String?, displayName: String?,
    firstSeen: Int64? = nil, lastSeen: Int64? = nil, followers: Int64? = nil,
    followersAt: Int64? = nil
  ) {
    self.platform = platform
    self.handle = handle
    self.userID = userID
    self.displayName = displayName
    self.firstSeen = firstSeen
    self.lastSeen = lastSeen
    self.followers = followers
    self.followersAt = followersAt
  }

  /// What users type and see: the normalized handle, else the platform's user id.
  public var name: String { handle ?? userID ?? "?" }

  /// Canonical order: platform, then name, then user id. Node ids follow it, so results do
  /// not depend on the order in which data was ingested.
  public static func canonicallyOrdered(_ lhs: AccountInfo, _ rhs: AccountInfo) -> Bool {
    if lhs.platform != rhs.platform { return lhs.platform < rhs.platform }
    if lhs.name != rhs.name { return lhs.name < rhs.name }
    return (lhs.userID ?? "") < (rhs.userID ?? "")
  }
}

/// Everything scoring needs from a time window of the store, as flat arrays over dense
/// account indices. Built by the store's scan; pure data, so the core is testable without a
/// store.
///
/// Account indices `0..<graphAccountCount` are the graph's nodes: the accounts with at least
/// one interaction with another account in the window, in canonical order. Indices from
/// `graphAccountCount` on are accounts that only author posts in the reply trees (they can
/// count as repliers but are not ranked).
public struct EngagementData: Sendable {
  public var accounts: [AccountInfo]
  public var graphAccountCount: Int

  /// One entry per interaction between two different accounts, in store order.
  public var interactionActors: [UInt32]
  public var interactionTargets: [UInt32]
  public var interactionTypes: [InteractionType]
  /// Unix seconds, UTC.
  public var interactionTimes: [Int64]
  /// The per-interaction weight multiplier from the data (edges-csv `weight`; 1 otherwise).
  public var interactionMultipliers: [Float]

  /// Posts of the reply forest: author account index (`ReplyForest.unknownAuthor` when not
  /// known) and parent post index (`ReplyForest.noParent` for roots). Placeholders for
  /// parents missing from the store are ordinary entries.
  public var postAuthors: [Int32]
  public var postParents: [Int32]
  /// The store's row id of each post, for `explain` to look up post ids; -1 for
  /// placeholders, whose platform post id is in `placeholderKeys`. Empty when the load left
  /// them out (a ranking never reads them; `storedRowID(ofPost:)` is nil then).
  public var postRowIDs: [Int64]
  public var placeholderKeys: [Int32: String]

  /// The window the data was selected with (unix seconds; nil = open).
  public var since: Int64?
  public var until: Int64?

  public init(
    accounts: [AccountInfo], graphAccountCount: Int, interactionActors: [UInt32],
    interactionTargets: [UInt32], interactionTypes: [InteractionType],
    interactionTimes: [Int64], interactionMultipliers: [Float], postAuthors: [Int32],
    postParents: [Int32], postRowIDs: [Int64], placeholderKeys: [Int32: String] = [:],
    since: Int64? = nil, until: Int64? = nil
  ) {
    self.accounts = accounts
    self.graphAccountCount = graphAccountCount
    self.interactionActors = interactionActors
    self.interactionTargets = interactionTargets
    self.interactionTypes = interactionTypes
    self.interactionTimes = interactionTimes
    self.interactionMultipliers = interactionMultipliers
    self.postAuthors = postAuthors
    self.postParents = postParents
    self.postRowIDs = postRowIDs
    self.placeholderKeys = placeholderKeys
    self.since = since
    self.until = until
    precondition(
      interactionTargets.count == interactionActors.count
        && interactionTypes.count == interactionActors.count
        && interactionTimes.count == interactionActors.count
        && interactionMultipliers.count == interactionActors.count,
      "EngagementData: the interaction arrays differ in length")
    precondition(
      postParents.count == postAuthors.count
        && (postRowIDs.count == postAuthors.count || postRowIDs.isEmpty),
      "EngagementData: the post arrays differ in length")
    assert(invariantViolation == nil, "EngagementData: \(invariantViolation ?? "")")
  }

  /// The first way the arrays disagree with each other, or nil. `init` checks the lengths
  /// always and the indices in debug builds; `InfluenceRanking` checks everything before it
  /// builds a graph, so inconsistent data is an error, not an out-of-bounds trap.
  public var invariantViolation: String? {
    let count = interactionActors.count
    guard
      interactionTargets.count == count, interactionTypes.count == count,
      interactionTimes.count == count, interactionMultipliers.count == count
    else { return "the interaction arrays differ in length" }
    guard graphAccountCount >= 0, graphAccountCount <= accounts.count else {
      return "graphAccountCount \(graphAccountCount) is not within the \(accounts.count) accounts"
    }
    // Each check first takes the extremes of its arrays in one unchecked pass (a reduction
    // the compiler vectorizes) and looks for the offending index only when they are out of
    // range: `InfluenceRanking` and the snapshot reader both run it on every load, 2 × 27M
    // instructions at 1M posts before (callgrind, `clout rank` on the `gen.py` store).
    if Self.largest(interactionActors, interactionTargets).map({ Int($0) >= graphAccountCount })
      ?? false
    {
      for index in 0..<count
      where Int(interactionActors[index]) >= graphAccountCount
        || Int(interactionTargets[index]) >= graphAccountCount
      {
        return "interaction \(index) names an account outside the graph"
      }
    }
    let posts = postAuthors.count
    guard postParents.count == posts, postRowIDs.count == posts || postRowIDs.isEmpty else {
      return "the post arrays differ in length"
    }
    let authorRange = Self.extremes(postAuthors)
    let parentRange = Self.extremes(postParents)
    let inRange =
      authorRange.min >= ReplyForest.unknownAuthor && Int(authorRange.max) < accounts.count
      && parentRange.min >= ReplyForest.noParent && Int(parentRange.max) < posts
    if !inRange {
      for post in 0..<posts {
        let author = postAuthors[post]
        guard author == ReplyForest.unknownAuthor || (author >= 0 && Int(author) < accounts.count)
        else { return "post \(post) has author \(author), not an account index" }
        let parent = postParents[post]
        guard parent == ReplyForest.noParent || (parent >= 0 && Int(parent) < posts) else {
          return "post \(post) has parent \(parent), not a post index"
        }
      }
    }
    if let key = placeholderKeys.keys.first(where: { $0 < 0 || Int($0) >= posts }) {
      return "placeholder \(key) is not a post index"
    }
    return nil
  }

  /// The largest value in either array (of equal length), nil when they are empty.
  private static func largest(_ first: [UInt32], _ second: [UInt32]) -> UInt32? {
    guard !first.isEmpty else { return nil }
    var result: UInt32 = 0
    first.withUnsafeBufferPointer { first in
      second.withUnsafeBufferPointer { second in
        for i in 0..<first.count { result = Swift.max(result, Swift.max(first[i], second[i])) }
      }
    }
    return result
  }

  /// The smallest and largest value (0 and -1 for an empty array, which is never out of range).
  private static func extremes(_ values: [Int32]) -> (min: Int32, max: Int32) {
    guard !values.isEmpty else { return (0, -1) }
    var low = Int32.max
    var high = Int32.min
    values.withUnsafeBufferPointer { values in
      for value in values {
        low = Swift.min(low, value)
        high = Swift.max(high, value)
      }
    }
    return (low, high)
  }

  public var interactionCount: Int { interactionActors.count }

  /// The store row id of post `post`; nil for a placeholder (its key is in
  /// `placeholderKeys`) and when the load left the row ids out.
  public func storedRowID(ofPost post: Int32) -> Int64? {
    guard postRowIDs.count == postAuthors.count else { return nil }
    let rowID = postRowIDs[Int(post)]
    return rowID >= 0 ? rowID : nil
  }

  /// The weight interaction `index` adds to its edge: type weight × decay of its age at
  /// `asOf` × the data's own multiplier. The graph and `explain` both use it.
  public func weight(ofInteraction index: Int, weighting: InteractionWeighting, asOf: Int64)
    -> Double
  {
    // The age in Double: `asOf - time` in Int64 traps for times at opposite ends of the range
    // (a store holding Int64.min and Int64.max). The multiplier is clamped like the store's
    // reader clamps it, so a NaN or infinite multiplier never reaches the graph.
    weighting.weight(
      type: interactionTypes[index], age: Double(asOf) - Double(interactionTimes[index]))
      * InteractionWeighting.clampedMultiplier(Double(interactionMultipliers[index]))
  }

  /// The newest interaction time, the default reference time for decay.
  public var newestInteraction: Int64? { OrderStatistic.largest(interactionTimes) }
}
