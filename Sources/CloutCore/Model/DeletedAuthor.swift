extension AccountRef {
  /// The handle given as author of a post whose author is gone: Reddit's `[deleted]` and
  /// `[removed]` authors, Hacker News items with `deleted` and no `by`. `PostRecord.author` is
  /// not optional, and such posts are kept because they hold reply trees together (their
  /// replies still name them as parent).
  ///
  /// The store and graph must never create an account for it: it is no person, and crediting
  /// it would pool every deleted author of a platform into one influential node. Square
  /// brackets cannot occur in a Reddit or Hacker News user name, so no real account has it.
  public static let deletedPlaceholderHandle = "[deleted]"

  /// The author of a post whose author is gone (see `deletedPlaceholderHandle`).
  public static let deletedPlaceholder = AccountRef(handle: deletedPlaceholderHandle)!

  /// True for `deletedPlaceholder`: the store must not make an account of it, nor credit it.
  public var isDeletedPlaceholder: Bool {
    userID == nil && handle == AccountRef.deletedPlaceholderHandle
  }
}
