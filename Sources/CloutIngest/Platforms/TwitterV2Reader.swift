import CloutCore

/// Reads `twitter-v2` JSON Lines in either layout twarc writes:
/// - one API response page per line: `data` (array or object), `includes.users`,
///   `includes.tweets`;
/// - one tweet per line with expansions inlined ("flat"): `author`, `in_reply_to_user`,
///   `referenced_tweets[]` holding whole tweets.
///
/// Every tweet object that is a post (data, `includes.tweets`, inlined referenced tweets) is
/// yielded; the same tweet may come more than once, the store merges by id.
struct TwitterV2Reader: RecordStream {
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
      case .success(let object): convert(object)
      }
    }
  }

  private func bad(_ field: String?, _ message: String) -> RecordError {
    RecordError(file: lines.input.displayName, line: lines.line, field: field, message: message)
  }

  /// Queues the posts of one line.
  private mutating func convert(_ object: JSONObject) {
    var users = TwitterUserDirectory()
    var tweets: [String: JSONObject] = [:]
    var primary: [JSONObject] = []
    var secondary: [JSONObject] = []
    if object["data"] != nil || object["includes"] != nil {
      if let one = object.object("data") {
        primary = [one]
      } else if object["data"] != nil && object.array("data") == nil {
        pending.append(.bad(bad("data", "expected an array or object of tweets")))
      } else {
        primary = object.objects("data")
      }
      let includes = object.object("includes")
      for user in includes?.objects("users") ?? [] { users.add(user) }
      secondary = includes?.objects("tweets") ?? []
    } else if object["id"] == nil && object["meta"] != nil {
      return  // A response page without results (`meta.result_count` 0).
    } else {
      primary = [object]
      collectInlined(object, users: &users, tweets: &secondary, depth: 0)
    }
    for tweet in primary + secondary {
      if let id = tweet.nonEmptyString("id"), tweets[id] == nil { tweets[id] = tweet }
    }
    for user in primary.compactMap({ $0.object("author") }) { users.add(user) }
    let line = lines.line
    for tweet in primary {
      pending.append(item(tweet, users: users, tweets: tweets, line: line))
    }
    for tweet in secondary where Self.isFullTweet(tweet) {
      pending.append(item(tweet, users: users, tweets: tweets, line: line))
    }
  }

  /// A referenced tweet that Twitter did not expand carries only `type` and `id`.
  private static func isFullTweet(_ tweet: JSONObject) -> Bool {
    tweet["created_at"] != nil || tweet["author_id"] != nil || tweet["text"] != nil
  }

  /// Gathers the users and tweets a flat-layout tweet carries inline.
  private func collectInlined(
    _ tweet: JSONObject, users: inout TwitterUserDirectory, tweets: inout [JSONObject],
    depth: Int
  ) {
    if let author = tweet.object("author") { users.add(author) }
    if let repliedTo = tweet.object("in_reply_to_user") { users.add(repliedTo) }
    for mention in tweet.object("entities")?.objects("mentions") ?? [] {
      users.add(
        id: mention.nonEmptyString("id"), username: mention.nonEmptyString("username"),
        name: mention.nonEmptyString("name"))
    }
    guard depth < 4 else { return }
    for referenced in tweet.objects("referenced_tweets") where Self.isFullTweet(referenced) {
      tweets.append(referenced)
      collectInlined(referenced, users: &users, tweets: &tweets, depth: depth + 1)
    }
  }

  private func item(
    _ tweet: JSONObject, users: TwitterUserDirectory, tweets: [String: JSONObject],
    line: Int
  ) -> StreamItem {
    do {
      return .record(.post(try post(tweet, users: users, tweets: tweets)), line: line)
    } catch {
      return .bad(error)
    }
  }

  private func post(
    _ tweet: JSONObject, users: TwitterUserDirectory, tweets: [String: JSONObject]
  ) throws(RecordError) -> PostRecord {
    guard let id = tweet.nonEmptyString("id") else {
      throw bad("id", "missing: a tweet needs an id")
    }
    let inlineAuthor = tweet.object("author")
    let authorID = tweet.nonEmptyString("author_id") ?? inlineAuthor?.nonEmptyString("id")
    guard
      let author = users.account(id: authorID, username: inlineAuthor?.nonEmptyString("username"))
    else { throw bad("author_id", "missing: tweet \(id) names no author") }
    guard let timeText = tweet.string("created_at") else {
      throw bad("created_at", "missing: tweet \(id) has no time")
    }
    guard let time = TimestampParser.parse(timeText) else {
      throw bad("created_at", "not an ISO 8601 time: \(Quoting.show(timeText)) (tweet \(id))")
    }
    let text = tweet.string("text")

    func authorOf(_ postID: String, inline: JSONObject) -> AccountRef? {
      let referenced = tweets[postID] ?? inline
      let inlineAuthor = referenced.object("author")
      return users.account(
        id: referenced.nonEmptyString("author_id") ?? inlineAuthor?.nonEmptyString("id"),
        username: inlineAuthor?.nonEmptyString("username"))
    }

    var replyTo: PostReference?
    var repostOf: PostReference?
    var quoteOf: PostReference?
    for reference in tweet.objects("referenced_tweets") {
      guard let referencedID = reference.nonEmptyString("id") else { continue }
      switch reference.string("type") {
      case "replied_to":
        let parentAuthor =
          users.account(id: tweet.nonEmptyString("in_reply_to_user_id"), username: nil)
          ?? authorOf(referencedID, inline: reference)
        replyTo = PostReference(postID: referencedID, author: parentAuthor)
      case "retweeted":
        let original =
          authorOf(referencedID, inline: reference) ?? Self.retweetedHandle(text, users)
        repostOf = PostReference(postID: referencedID, author: original)
      case "quoted":
        quoteOf = PostReference(
          postID: referencedID, author: authorOf(referencedID, inline: reference))
      default:
        continue
      }
    }
    if replyTo == nil, let parentUser = tweet.nonEmptyString("in_reply_to_user_id") {
      replyTo = PostReference(author: users.account(id: parentUser, username: nil))
    }

    var mentions: [AccountRef] = []
    var seen = AccountRefIndex()
    // A retweet's mentions are the original's: the retweeter only reposts.
    if repostOf == nil {
      for mention in tweet.object("entities")?.objects("mentions") ?? [] {
        guard
          let account = users.account(
            id: mention.nonEmptyString("id"), username: mention.nonEmptyString("username")),
          seen.insertIfNew(account)
        else { continue }
        mentions.append(account)
      }
    }
    // The tweet's own inlined author first (flat layout), else the line's user of that id.
    let followers =
      TwitterUserDirectory.followers(of: inlineAuthor) ?? users.followers(id: author.userID)
    return PostRecord(
      platform: platform, id: id, author: author, createdAt: time, text: text, replyTo: replyTo,
      repostOf: repostOf, quoteOf: quoteOf, mentions: mentions,
      conversationID: tweet.nonEmptyString("conversation_id"), authorFollowers: followers)
  }

  /// `RT @original: ...` names the original's author when the page did not include it.
  private static func retweetedHandle(_ text: String?, _ users: TwitterUserDirectory) -> AccountRef?
  {
    guard let text, text.hasPrefix("RT @") else { return nil }
    let handle = text.dropFirst(4).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
    return users.account(id: nil, username: String(handle))
  }
}
