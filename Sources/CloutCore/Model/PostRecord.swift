/// A post referenced by another post: a reply's parent, a repost's or a quote's original.
public struct PostReference: Hashable, Sendable {
  /// The referenced post's id on the same platform, when the record gives it.
  public var postID: String?
  /// Its author, when the record names it. When absent, the store credits the author of the
  /// referenced post once that post is in the store (also if it arrives in a later ingest).
  public var author: AccountRef?

  public init?(postID: String? = nil, author: AccountRef? = nil) {
    let id = postID.flatMap { $0.isEmpty ? nil : $0 }
    guard id != nil || author != nil else { return nil }
    self.postID = id
    self.author = author
  }
}

/// One post as read from any input format, normalized: the unit of ingest.
public struct PostRecord: Sendable, Equatable {
  /// Lowercased platform name (`twitter`, `reddit`, ...).
  public var platform: String
  /// The platform's post id. Unique per platform; ingest merges by it.
  public var id: String
  public var author: AccountRef
  /// Unix seconds, UTC.
  public var createdAt: Int64
  public var text: String?
  public var replyTo: PostReference?
  public var repostOf: PostReference?
  public var quoteOf: PostReference?
  /// Accounts mentioned in the post, in the order the record lists them.
  public var mentions: [AccountRef]
  /// The thread root, when the platform reports one (Twitter's `conversation_id`).
  public var conversationID: String?
  /// The author's follower count as this record gives it (see `FollowerCount`), when it does.
  public var authorFollowers: Int64?

  public init(
    platform: String, id: String, author: AccountRef, createdAt: Int64, text: String? = nil,
    replyTo: PostReference? = nil, repostOf: PostReference? = nil,
    quoteOf: PostReference? = nil, mentions: [AccountRef] = [], conversationID: String? = nil,
    authorFollowers: Int64? = nil
  ) {
    self.platform = platform
    self.id = id
    self.author = author
    self.createdAt = createdAt
    self.text = text
    self.replyTo = replyTo
    self.repostOf = repostOf
    self.quoteOf = quoteOf
    self.mentions = mentions
    self.conversationID = conversationID
    self.authorFollowers = authorFollowers
  }
}

/// One interaction given directly as an edge (the `edges-csv` format), without a post.
public struct EdgeRecord: Sendable, Equatable {
  public var platform: String
  public var source: AccountRef
  public var target: AccountRef
  public var type: InteractionType
  /// Unix seconds, UTC.
  public var createdAt: Int64
  public var postID: String?
  /// A multiplier on the type weight; 1 when the file gives none. Finite and ≥ 0.
  public var weight: Double

  public init(
    platform: String, source: AccountRef, target: AccountRef, type: InteractionType,
    createdAt: Int64, postID: String? = nil, weight: Double = 1
  ) {
    self.platform = platform
    self.source = source
    self.target = target
    self.type = type
    self.createdAt = createdAt
    self.postID = postID
    self.weight = weight
  }
}

/// What a reader yields: a post, or an interaction given as an edge.
public enum IngestRecord: Sendable, Equatable {
  case post(PostRecord)
  case edge(EdgeRecord)
}
