import CloutCore

/// Reads `twitter-v1`: one Twitter API v1.1 tweet object per line. A retweet's
/// `retweeted_status` and a quote's `quoted_status` are posts too and are yielded after the
/// tweet that embeds them.
///
/// Each tweet and user object is scanned once for all the fields read (`JSONFieldTable`), and
/// Twitter's time layout is read from the parsed bytes without a `String`: callgrind, 5,568
/// RumourEval tweets, reader thread 316M → 257M instructions (simdjson 104M of them); the
/// store writer thread takes 1,589M on the same input, so ingest waits on the store.
struct TwitterV1Reader: RecordStream {
  private var lines: JSONLineReader
  private let platform: String
  private var pending = ItemQueue()

  init(input: ByteInput, platform: String?) {
    lines = JSONLineReader(input: input)
    self.platform = platform.flatMap { PlatformName.normalize($0) } ?? "twitter"
  }

  var bytesRead: Int64 { lines.bytesRead }

  mutating func next() throws -> StreamItem? {
    while true {
      if let item = pending.next() { return item }
      guard let parsed = try lines.nextObject() else { return nil }
      switch parsed {
      case .failure(let error): return .bad(error)
      case .success(let object): convert(object, depth: 0)
      }
    }
  }

  private func bad(_ field: String?, _ message: String) -> RecordError {
    RecordError(file: lines.input.displayName, line: lines.line, field: field, message: message)
  }

  private mutating func convert(_ tweet: JSONObject, depth: Int) {
    let line = lines.line
    let fields = tweet.fields(Self.tweetKeys)
    do {
      pending.append(.record(.post(try post(fields)), line: line))
    } catch {
      pending.append(.bad(error))
    }
    // Embedded tweets nest at most a level or two in real data; the bound keeps it so.
    guard depth < 3 else { return }
    if let embedded = fields[TweetKey.retweetedStatus]?.object {
      convert(embedded, depth: depth + 1)
    }
    if let embedded = fields[TweetKey.quotedStatus]?.object { convert(embedded, depth: depth + 1) }
  }

  /// The tweet fields the reader reads, found in one scan of the tweet (see `JSONFieldTable`).
  private enum TweetKey: Int, CaseIterable {
    case idStr, id, user, createdAt, extendedTweet, fullText, text
    case inReplyToUserIDStr, inReplyToUserID, inReplyToScreenName
    case inReplyToStatusIDStr, inReplyToStatusID
    case retweetedStatus, quotedStatus, quotedStatusIDStr, quotedStatusID, entities

    var key: String {
      switch self {
      case .idStr: "id_str"
      case .id: "id"
      case .user: "user"
      case .createdAt: "created_at"
      case .extendedTweet: "extended_tweet"
      case .fullText: "full_text"
      case .text: "text"
      case .inReplyToUserIDStr: "in_reply_to_user_id_str"
      case .inReplyToUserID: "in_reply_to_user_id"
      case .inReplyToScreenName: "in_reply_to_screen_name"
      case .inReplyToStatusIDStr: "in_reply_to_status_id_str"
      case .inReplyToStatusID: "in_reply_to_status_id"
      case .retweetedStatus: "retweeted_status"
      case .quotedStatus: "quoted_status"
      case .quotedStatusIDStr: "quoted_status_id_str"
      case .quotedStatusID: "quoted_status_id"
      case .entities: "entities"
      }
    }
  }

  private static let tweetKeys = JSONFieldTable(TweetKey.allCases.map(\.key))

  /// The fields of a user object (and of a mention entity) the reader reads.
  private enum UserKey: Int, CaseIterable {
    case idStr, id, screenName, name, followersCount
  }

  private static let userKeys = JSONFieldTable([
    "id_str", "id", "screen_name", "name", "followers_count",
  ])

  private static func account(_ user: JSONFields) -> AccountRef? {
    AccountRef(
      userID: user[UserKey.idStr]?.nonEmptyText ?? user[UserKey.id]?.nonEmptyText,
      handle: user[UserKey.screenName]?.nonEmptyText,
      displayName: user[UserKey.name]?.nonEmptyText)
  }

  private static func account(_ user: JSONObject?) -> AccountRef? {
    guard let user else { return nil }
    return account(user.fields(userKeys))
  }

  /// `key_str`, else `key`: the tweet's id text (v1.1 gives both).
  private static func identifier(_ fields: JSONFields, _ text: TweetKey, _ number: TweetKey)
    -> String?
  {
    fields[text]?.nonEmptyText ?? fields[number]?.nonEmptyText
  }

  /// A referenced tweet's id: only its `id_str` or `id` is read, so a plain lookup.
  private static func identifier(_ object: JSONObject) -> String? {
    object.nonEmptyString("id_str") ?? object.nonEmptyString("id")
  }

  /// The tweet's time: Twitter's own layout read from the bytes where they are (no `String`
  /// for the common case), any other layout as before.
  private func time(_ field: JSONValue?, id: String) throws(RecordError) -> Int64 {
    if let canonical = field?.stringBytes.flatMap(TimestampParser.parseCanonicalTwitterV1) {
      return canonical
    }
    guard let timeText = field?.text else {
      throw bad("created_at", "missing: tweet \(id) has no time")
    }
    guard let time = TimestampParser.parseTwitterV1(timeText) ?? TimestampParser.parse(timeText)
    else {
      throw bad(
        "created_at",
        "not a Twitter time like \"Wed Oct 10 20:19:24 +0000 2018\": \(Quoting.show(timeText))")
    }
    return time
  }

  private func post(_ tweet: JSONFields) throws(RecordError) -> PostRecord {
    guard let id = Self.identifier(tweet, .idStr, .id) else {
      throw bad("id_str", "missing: a tweet needs an id")
    }
    let user = tweet[TweetKey.user]?.object?.fields(Self.userKeys)
    guard let user, let author = Self.account(user) else {
      throw bad("user", "missing: tweet \(id) names no user (id_str or screen_name)")
    }
    let time = try time(tweet[TweetKey.createdAt], id: id)
    let extended = tweet[TweetKey.extendedTweet]?.object
    let text =
      extended?.string("full_text") ?? tweet[TweetKey.fullText]?.text ?? tweet[TweetKey.text]?.text

    var replyTo: PostReference?
    let parentAuthor = AccountRef(
      userID: Self.identifier(tweet, .inReplyToUserIDStr, .inReplyToUserID),
      handle: tweet[TweetKey.inReplyToScreenName]?.nonEmptyText)
    if let parentID = Self.identifier(tweet, .inReplyToStatusIDStr, .inReplyToStatusID) {
      replyTo = PostReference(postID: parentID, author: parentAuthor)
    } else if let parentAuthor {
      replyTo = PostReference(author: parentAuthor)
    }

    var repostOf: PostReference?
    if let original = tweet[TweetKey.retweetedStatus]?.object {
      repostOf = PostReference(
        postID: Self.identifier(original), author: Self.account(original.object("user")))
    }
    var quoteOf: PostReference?
    if let quoted = tweet[TweetKey.quotedStatus]?.object {
      quoteOf = PostReference(
        postID: Self.identifier(quoted), author: Self.account(quoted.object("user")))
    } else if let quotedID = Self.identifier(tweet, .quotedStatusIDStr, .quotedStatusID) {
      quoteOf = PostReference(postID: quotedID)
    }

    var mentions: [AccountRef] = []
    // A retweet's mentions are the original's: the retweeter only reposts.
    if repostOf == nil,
      let entities = extended?.object("entities") ?? tweet[TweetKey.entities]?.object,
      let list = entities["user_mentions"]?.array
    {
      var seen = AccountRefIndex()
      for element in list {
        guard let mention = element.object, let account = Self.account(mention),
          seen.insertIfNew(account)
        else { continue }
        mentions.append(account)
      }
    }
    return PostRecord(
      platform: platform, id: id, author: author, createdAt: time, text: text, replyTo: replyTo,
      repostOf: repostOf, quoteOf: quoteOf, mentions: mentions,
      authorFollowers: user[UserKey.followersCount]?.followerCount)
  }
}
