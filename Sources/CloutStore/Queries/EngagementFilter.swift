/// Which part of the store a ranking looks at.
public struct EngagementFilter: Sendable, Equatable {
  /// Interactions and posts at or after this time (unix seconds, UTC); nil = from the start.
  public var since: Int64?
  /// Interactions and posts at or before this time; nil = to the end.
  public var until: Int64?
  /// Only this platform; nil = every platform.
  public var platform: String?

  public init(since: Int64? = nil, until: Int64? = nil, platform: String? = nil) {
    self.since = since
    self.until = until
    self.platform = platform
  }
}
