/// Which part of the store a ranking looks at.
public struct EngagementFilter: Sendable, Equatable {
  /// Interactions and posts at or after this time (unix seconds, UTC); nil = from the start.
  public var since: Int64?
  /// Interactions and posts at or before this time; nil = to the end.
  public var until: Int64?
  /// Only this platform; nil = every platform.
  public var platform: String?
  /// Only these posts and the interactions they made; nil = every post and interaction.
  public var posts: PostSelection?

  public init(
    since: Int64? = nil, until: Int64? = nil, platform: String? = nil,
    posts: PostSelection? = nil
  ) {
    self.since = since
    self.until = until
    self.platform = platform
    self.posts = posts
  }
}

extension EngagementFilter {
  /// The same window narrowed to `posts` (a topic's conversations): only those posts, and
  /// only the interactions they made.
  public func restricted(to posts: PostSelection?) -> EngagementFilter {
    var narrowed = self
    narrowed.posts = posts
    return narrowed
  }
}

/// A set of stored posts, by row id (`posts.id`), that a ranking is limited to: the posts and
/// the interactions they made, and nothing else (edges-csv rows, which belong to no post, are
/// left out). Applied by the store's scan and, being plain row ids, by any in-memory copy of
/// the posts as well.
public struct PostSelection: Sendable, Equatable {
  /// Ascending, without repeats.
  public let rowIDs: [Int64]

  public init(rowIDs: [Int64]) {
    self.rowIDs = Array(Set(rowIDs)).sorted()
  }

  /// Row ids known to be ascending without repeats (a cut of the snapshot's posts).
  init(ascending rowIDs: [Int64]) {
    self.rowIDs = rowIDs
  }

  public func contains(_ rowID: Int64) -> Bool {
    var low = 0
    var high = rowIDs.count
    while low < high {
      let middle = (low + high) / 2
      if rowIDs[middle] < rowID { low = middle + 1 } else { high = middle }
    }
    return low < rowIDs.count && rowIDs[low] == rowID
  }

  /// The row ids as a JSON array, for SQLite's `json_each` in the scan.
  var jsonArray: String { "[" + rowIDs.map(String.init).joined(separator: ",") + "]" }
}
