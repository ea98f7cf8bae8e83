import CloutCore

/// Reads `bluesky`: `app.bsky.feed.defs` post views as the AppView endpoints return them, one
/// JSON object per line or in JSON arrays. Each object may be a post view (`uri`, `author`,
/// `record`), a feed item (`post`, optional `reply`, optional `reason`), or a whole response:
/// `feed[]` (getTimeline, getAuthorFeed, getFeed), `posts[]` (searchPosts, getPosts) or
/// `thread` (getPostThread, walked through `parent` and `replies`).
///
/// Choices:
/// - Post ids are the `at://` URIs; accounts have the DID as `userID` and `author.handle` as
///   handle (`handle.invalid` is no handle).
/// - A reply names its parent as `record.reply.parent.uri`, whose authority is the parent
///   author's DID: the reply is credited without needing the parent post.
/// - Quotes: `record.embed` of `$type` `app.bsky.embed.record`, or `recordWithMedia` (its
///   `record.record`), pointing at a post; the author's handle comes from the view's embed.
///   The quoted post, when the view embeds it, and a feed item's `reply.parent`/`reply.root`
///   are yielded as posts too.
/// - Mentions: `app.bsky.richtext.facet#mention` features by DID, with the handle read from
///   the text the facet spans (`@handle`).
/// - A feed item with `reason` `app.bsky.feed.defs#reasonRepost` yields a repost post by
///   `reason.by`, with the stable id `<post uri>#repost-by-<reposter did>` and the time
///   `reason.indexedAt`, then the original post.
struct BlueskyReader: RecordStream {
  private var objects: JSONObjectReader
  private let platform: String
  private var pending = ItemQueue()

  init(input: ByteInput, platform: String?) throws(RecordError) {
    objects = try JSONObjectReader(input: input)
    self.platform = platform.flatMap { PlatformName.normalize($0) } ?? "bluesky"
  }

  var bytesRead: Int64 { objects.bytesRead }

  mutating func next() throws -> StreamItem? {
    while true {
      if let item = pending.next() { return item }
      guard let parsed = try objects.nextObject() else { return nil }
      switch parsed {
      case .failure(let error): return .bad(error)
      case .success(let object): convert(object)
      }
    }
  }

  static let postCollection = "app.bsky.feed.post"

  /// How an object is laid out, when it is Bluesky at all (used by format detection).
  static func layout(of object: JSONObject) -> String? {
    func isPostView(_ view: JSONObject?) -> Bool {
      guard let view, let uri = view.string("uri") else { return false }
      return uri.hasPrefix("at://") && view.object("author") != nil
    }
    if isPostView(object) { return "post views" }
    if isPostView(object.object("post")) { return "feed items" }
    for key in ["feed", "posts"] {
      guard let list = object.array(key) else { continue }
      let first = list.first?.object
      if list.isEmpty || isPostView(first) || isPostView(first?.object("post")) {
        return "`\(key)` responses"
      }
    }
    if isPostView(object.object("thread")?.object("post")) { return "thread responses" }
    return nil
  }

  private func bad(_ field: String?, _ message: String, _ object: JSONObject) -> RecordError {
    RecordError(
      file: objects.input.displayName, line: objects.line, field: field,
      message: message + FormatDetector.mixedFormatHint(object, reading: .bluesky))
  }

  private mutating func convert(_ object: JSONObject) {
    if object.array("feed") != nil {
      for item in object.objects("feed") { feedItem(item) }
    } else if object.array("posts") != nil {
      for view in object.objects("posts") { postView(view) }
    } else if let thread = object.object("thread") {
      walkThread(thread)
    } else if object.object("post") != nil {
      feedItem(object)
    } else if object["uri"] != nil || object["record"] != nil {
      postView(object)
    } else if object["cursor"] != nil && object.count == 1 {
      return  // A last page with nothing but a cursor.
    } else {
      let keys = object.keys.sorted().prefix(8).joined(separator: ", ")
      pending.append(
        .bad(
          bad(
            nil,
            "not a Bluesky post view, feed item or response (keys \(keys)); "
              + "expected `uri`+`author`+`record`, `post`, `feed`, `posts` or `thread`", object)))
    }
  }

  private mutating func feedItem(_ item: JSONObject) {
    guard let view = item.object("post") else {
      pending.append(.bad(bad("post", "missing: a feed item needs a post view", item)))
      return
    }
    if let reason = item.object("reason"),
      reason.string("$type")?.hasSuffix("#reasonRepost") == true
    {
      pending.append(record { () throws(RecordError) in try repost(of: view, reason: reason) })
    }
    postView(view)
    // The thread context a feed gives for replies: full posts that name their authors.
    if let reply = item.object("reply") {
      for key in ["parent", "root"] {
        if let context = reply.object(key), context.object("record") != nil { postView(context) }
      }
    }
  }

  private mutating func postView(_ view: JSONObject) {
    pending.append(
      record { () throws(RecordError) in
        try post(view, record: view.object("record"), embedView: view.object("embed"))
      })
    // The quoted post as the view embeds it (`value` is its record).
    if let quoted = Self.embeddedRecordView(view.object("embed")), quoted.object("value") != nil,
      let uri = quoted.string("uri"), Self.isPost(uri)
    {
      pending.append(
        record { () throws(RecordError) in
          try post(quoted, record: quoted.object("value"), embedView: nil)
        })
    }
  }

  private mutating func walkThread(_ root: JSONObject) {
    // Threads can be deep: an explicit stack instead of recursion.
    var stack: [JSONObject] = [root]
    var seen = 0
    while let node = stack.popLast(), seen < 100_000 {
      seen += 1
      if let view = node.object("post") { postView(view) }
      // Ancestors first, then replies in the order given.
      stack.append(contentsOf: node.objects("replies").reversed())
      if let parent = node.object("parent") { stack.append(parent) }
    }
  }

  private func record(_ make: () throws(RecordError) -> PostRecord) -> StreamItem {
    do {
      return .record(.post(try make()), line: objects.line)
    } catch {
      return .bad(error)
    }
  }

  /// The authority of an `at://` URI: the DID (or, rarely, handle) of the record's owner.
  static func authority(_ uri: String) -> String? {
    guard uri.hasPrefix("at://") else { return nil }
    let authority = uri.dropFirst(5).prefix { $0 != "/" }
    return authority.isEmpty ? nil : String(authority)
  }

  /// True for the URI of a post record (not a feed generator, list or profile).
  static func isPost(_ uri: String) -> Bool {
    uri.hasPrefix("at://") && uri.contains("/\(postCollection)/")
  }

  /// The account owning the record at `uri`.
  static func owner(_ uri: String, handle: String? = nil) -> AccountRef? {
    guard let authority = authority(uri) else { return nil }
    if authority.hasPrefix("did:") { return AccountRef(userID: authority, handle: handle) }
    return AccountRef(handle: authority)
  }

  static func account(_ profile: JSONObject?) -> AccountRef? {
    guard let profile else { return nil }
    var handle = profile.nonEmptyString("handle")
    if handle == "handle.invalid" { handle = nil }
    return AccountRef(
      userID: profile.nonEmptyString("did"), handle: handle,
      displayName: profile.nonEmptyString("displayName"))
  }

  /// The record view a post view's embed shows: `app.bsky.embed.record#view` holds it as
  /// `record`, `recordWithMedia#view` as `record.record`.
  static func embeddedRecordView(_ embed: JSONObject?) -> JSONObject? {
    guard let embed, let type = embed.string("$type") else { return nil }
    if type.hasPrefix("app.bsky.embed.recordWithMedia") {
      return embed.object("record")?.object("record")
    }
    if type.hasPrefix("app.bsky.embed.record") { return embed.object("record") }
    return nil
  }

  private func repost(of view: JSONObject, reason: JSONObject) throws(RecordError)
    -> PostRecord
  {
    guard let uri = view.nonEmptyString("uri") else {
      throw bad("post.uri", "missing: a reposted post needs a uri", view)
    }
    guard let reposter = Self.account(reason.object("by")), let did = reposter.userID else {
      throw bad("reason.by", "missing: the repost of \(uri) names no reposter DID", reason)
    }
    guard let timeText = reason.string("indexedAt") else {
      throw bad("reason.indexedAt", "missing: the repost of \(uri) has no time", reason)
    }
    guard let time = TimestampParser.parse(timeText) else {
      throw bad(
        "reason.indexedAt", "not an ISO 8601 time: \(Quoting.show(timeText)) (repost of \(uri))",
        reason)
    }
    let original = Self.account(view.object("author")) ?? Self.owner(uri)
    return PostRecord(
      platform: platform, id: "\(uri)#repost-by-\(did)", author: reposter, createdAt: time,
      repostOf: PostReference(postID: uri, author: original),
      authorFollowers: reason.object("by")?.followerCount("followersCount"))
  }

  private func post(_ view: JSONObject, record: JSONObject?, embedView: JSONObject?)
    throws(RecordError) -> PostRecord
  {
    guard let uri = view.nonEmptyString("uri") else {
      throw bad("uri", "missing: a post view needs a uri", view)
    }
    guard let author = Self.account(view.object("author")) ?? Self.owner(uri) else {
      throw bad("author", "missing: post \(uri) names no author (`author.did`)", view)
    }
    guard let record else {
      throw bad("record", "missing: post \(uri) has no record (blocked or not found?)", view)
    }
    guard let timeText = record.string("createdAt") ?? view.string("indexedAt") else {
      throw bad("record.createdAt", "missing: post \(uri) has no time", view)
    }
    guard let time = TimestampParser.parse(timeText) else {
      throw bad(
        "record.createdAt", "not an ISO 8601 time: \(Quoting.show(timeText)) (post \(uri))", view)
    }
    let text = record.string("text")

    var replyTo: PostReference?
    var conversationID: String?
    if let reply = record.object("reply") {
      if let parent = reply.object("parent")?.nonEmptyString("uri") {
        replyTo = PostReference(postID: parent, author: Self.owner(parent))
      }
      conversationID = reply.object("root")?.nonEmptyString("uri")
    }

    var quoteOf: PostReference?
    if let embed = record.object("embed"), let type = embed.string("$type") {
      var quoted: String?
      if type == "app.bsky.embed.record" {
        quoted = embed.object("record")?.nonEmptyString("uri")
      } else if type == "app.bsky.embed.recordWithMedia" {
        quoted = embed.object("record")?.object("record")?.nonEmptyString("uri")
      }
      if let quoted, Self.isPost(quoted) {
        var quotedAuthor = Self.owner(quoted)
        if let shown = Self.embeddedRecordView(embedView), shown.string("uri") == quoted,
          let viewAuthor = Self.account(shown.object("author"))
        {
          quotedAuthor = viewAuthor
        }
        quoteOf = PostReference(postID: quoted, author: quotedAuthor)
      }
    }

    var mentions: [AccountRef] = []
    var seen = AccountRefIndex()
    let textBytes = text.map { Array($0.utf8) } ?? []
    for facet in record.objects("facets") {
      for feature in facet.objects("features")
      where feature.string("$type") == "app.bsky.richtext.facet#mention" {
        guard let did = feature.nonEmptyString("did") else { continue }
        let handle = Self.spannedHandle(facet.object("index"), in: textBytes)
        guard let ref = AccountRef(userID: did, handle: handle),
          seen.insertIfNew(ref)
        else { continue }
        mentions.append(ref)
      }
    }
    // Only detailed profile views carry `followersCount`; post views' authors rarely do.
    return PostRecord(
      platform: platform, id: uri, author: author, createdAt: time, text: text, replyTo: replyTo,
      quoteOf: quoteOf, mentions: mentions, conversationID: conversationID,
      authorFollowers: view.object("author")?.followerCount("followersCount"))
  }

  /// The handle a mention facet spans (`@alice.example.com`), from its UTF-8 byte range.
  static func spannedHandle(_ index: JSONObject?, in text: [UInt8]) -> String? {
    guard let index, let start = index.string("byteStart").flatMap({ Int($0) }),
      let end = index.string("byteEnd").flatMap({ Int($0) }), start >= 0, end <= text.count,
      start + 1 < end, text[start] == UInt8(ascii: "@")
    else { return nil }
    let handle = String(decoding: text[(start + 1)..<end], as: UTF8.self)
    return handle.contains(where: { $0.isWhitespace }) ? nil : handle
  }
}
