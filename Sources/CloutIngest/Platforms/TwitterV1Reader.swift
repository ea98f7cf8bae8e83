import CloutCore

/// Reads `twitter-v1`: one Twitter API v1.1 tweet object per line. A retweet's
/// `retweeted_status` and a quote's `quoted_status` are posts too and are yielded after the
/// tweet that embeds them.
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
    do {
      pending.append(.record(.post(try post(tweet)), line: line))
    } catch {
      pending.append(.bad(error))
    }
    // Embedded tweets nest at most a level or two in real data; the bound keeps it so.
    guard depth < 3 else { return }
    for key in ["retweeted_status", "quoted_status"] {
      if let embedded = tweet.object(key) { convert(embedded, depth: depth + 1) }
    }
  }

  private static func account(_ user: JSONObject?) -> AccountRef? {
    guard let user else { return nil }
    return AccountRef(
      userID: user.nonEmptyString("id_str") ?? user.nonEmptyString("id"),
      handle: user.nonEmptyString("screen_name"), displayName: user.nonEmptyString("name"))
  }

  private static func identifier(_ object: JSONObject, _ key: String) -> String? {
    object.nonEmptyString(key + "_str") ?? object.nonEmptyString(key)
  }

  private func post(_ tweet: JSONObject) throws(RecordError) -> PostRecord {
    guard let id = Self.identifier(tweet, "id") else {
      throw bad("id_str", "missing: a tweet needs an id")
    }
    let user = tweet.object("user")
    guard let author = Self.account(user) else {
      throw bad("user", "missing: tweet \(id) names no user (id_str or screen_name)")
    }
    guard let timeText = tweet.string("created_at") else {
      throw bad("created_at", "missing: tweet \(id) has no time")
    }
    guard let time = TimestampParser.parseTwitterV1(timeText) ?? TimestampParser.parse(timeText)
    else {
      throw bad(
        "created_at",
        "not a Twitter time like \"Wed Oct 10 20:19:24 +0000 2018\": \(Quoting.show(timeText))")
    }
    let extended = tweet.object("extended_tweet")
    let text =
      extended?.string("full_text") ?? tweet.string("full_text") ?? tweet.string("text")

    var replyTo: PostReference?
    let parentAuthor = AccountRef(
      userID: Self.identifier(tweet, "in_reply_to_user_id"),
      handle: tweet.nonEmptyString("in_reply_to_screen_name"))
    if let parentID = Self.identifier(tweet, "in_reply_to_status_id") {
      replyTo = PostReference(postID: parentID, author: parentAuthor)
    } else if let parentAuthor {
      replyTo = PostReference(author: parentAuthor)
    }

    var repostOf: PostReference?
    if let original = tweet.object("retweeted_status") {
      repostOf = PostReference(
        postID: Self.identifier(original, "id"), author: Self.account(original.object("user")))
    }
    var quoteOf: PostReference?
    if let quoted = tweet.object("quoted_status") {
      quoteOf = PostReference(
        postID: Self.identifier(quoted, "id"), author: Self.account(quoted.object("user")))
    } else if let quotedID = Self.identifier(tweet, "quoted_status_id") {
      quoteOf = PostReference(postID: quotedID)
    }

    var mentions: [AccountRef] = []
    var seen = AccountRefIndex()
    // A retweet's mentions are the original's: the retweeter only reposts.
    if repostOf == nil {
      let entities = extended?.object("entities") ?? tweet.object("entities")
      for mention in entities?.objects("user_mentions") ?? [] {
        guard let account = Self.account(mention),
          seen.insertIfNew(account)
        else { continue }
        mentions.append(account)
      }
    }
    return PostRecord(
      platform: platform, id: id, author: author, createdAt: time, text: text, replyTo: replyTo,
      repostOf: repostOf, quoteOf: quoteOf, mentions: mentions,
      authorFollowers: user?.followerCount("followers_count"))
  }
}
