/// Per-account reply statistics, from `ReplyForest.accountStatistics(accountCount:)`; each
/// array is indexed by account.
public struct ReplyStatistics: Sendable, Equatable {
  /// The largest height of a post by the account: how deep the deepest conversation under one
  /// of its posts went.
  public var maxReplyDepth: [Int32]
  /// The mean height over the account's posts that have height ≥ 1; 0 when there are none.
  public var meanReplyDepth: [Double]
  /// Distinct known accounts, other than the account, that wrote any post in the reply
  /// subtrees of its posts. Posts by unknown authors are not counted.
  public var distinctRepliers: [Int32]
  /// Direct replies to the account's posts written by other accounts (unknown authors
  /// included: they are not the account).
  public var repliesReceived: [Int32]

  public init(
    maxReplyDepth: [Int32], meanReplyDepth: [Double], distinctRepliers: [Int32],
    repliesReceived: [Int32]
  ) {
    self.maxReplyDepth = maxReplyDepth
    self.meanReplyDepth = meanReplyDepth
    self.distinctRepliers = distinctRepliers
    self.repliesReceived = repliesReceived
  }
}
