import CloutCore

/// Reads `mastodon`: statuses as the Mastodon REST API returns them (timelines, account
/// statuses, context, search), as JSON arrays (streamed element by element, see
/// `JSONObjectReader`) or one status per line.
///
/// Choices:
/// - Post ids are the statuses' `id`s, which are local to the instance the statuses were
///   fetched from (the same status has another id on every other instance); `in_reply_to_id`
///   uses the same ids, so replies link within one instance's export. Merging exports of
///   several instances keeps a status seen on both as two posts.
/// - Accounts are keyed by handle `user@instance` (lowercased), never by `account.id`: account
///   ids are per instance too, so the handle is the only key that names one person across
///   exports. `userID` is always nil. A local `acct` (no `@instance`) gets the host of the
///   account's `url`, else of the status `uri`, else of the status `url`.
/// - `in_reply_to_account_id` is resolved to a handle through the status's own `mentions[]`
///   (the replied-to account is normally mentioned), the author (a self-reply), or accounts
///   seen earlier in the same input; else the reply names only the parent post and the store
///   credits that post's author.
/// - A reblog is a post of its own that reposts the original; the original (`reblog`) is
///   yielded after it with its own mentions, which are not the reblogger's. Mastodon 4.4+
///   quotes (`quote.quoted_status`, or `quote.quoted_status_id`) are quotes; a quoted status
///   given whole is yielded too.
/// - `content` is HTML: stored as plain text (see `HTMLText`).
struct MastodonReader: RecordStream {
  private var objects: JSONObjectReader
  private let platform: String
  private var pending = ItemQueue()
  /// Handles of accounts seen so far, by the account id of the exporting instance.
  private var handlesByAccountID: [String: String] = [:]

  init(input: ByteInput, platform: String?) throws(RecordError) {
    objects = try JSONObjectReader(input: input)
    self.platform = platform.flatMap { PlatformName.normalize($0) } ?? "mastodon"
  }

  var bytesRead: Int64 { objects.bytesRead }

  mutating func next() throws -> StreamItem? {
    while true {
      if let item = pending.next() { return item }
      guard let parsed = try objects.nextObject() else { return nil }
      switch parsed {
      case .failure(let error): return .bad(error)
      case .success(let object): convert(object, depth: 0)
      }
    }
  }

  private func bad(_ field: String?, _ message: String, _ status: JSONObject) -> RecordError {
    RecordError(
      file: objects.input.displayName, line: objects.line, field: field,
      message: message + FormatDetector.mixedFormatHint(status, reading: .mastodon))
  }

  private mutating func convert(_ status: JSONObject, depth: Int) {
    do {
      pending.append(.record(.post(try post(status)), line: objects.line))
    } catch {
      pending.append(.bad(error))
    }
    // Reblogs and quotes nest a level or two in real data; the bound keeps it so.
    guard depth < 3 else { return }
    if let original = status.object("reblog") { convert(original, depth: depth + 1) }
    if let quoted = status.object("quote")?.object("quoted_status") {
      convert(quoted, depth: depth + 1)
    }
  }

  /// The host of an `https://host/...` URL, lowercased.
  static func host(_ url: String?) -> String? {
    guard let url else { return nil }
    // ASCII URLs (all real ones) by bytes: Foundation's `range(of:)` below was 30% of the
    // reader's instructions (callgrind, 7,200 statuses). Other text keeps the Character rules.
    if url.utf8.allSatisfy({ $0 < 0x80 }) { return asciiHost(Array(url.utf8)) }
    guard let scheme = url.range(of: "://") else { return nil }
    let rest = url[scheme.upperBound...]
    let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }
    return host.isEmpty ? nil : host.lowercased()
  }

  private static func asciiHost(_ bytes: [UInt8]) -> String? {
    let colon = UInt8(ascii: ":")
    let slash = UInt8(ascii: "/")
    guard bytes.count >= 3,
      let scheme = (0..<(bytes.count - 2)).first(where: {
        bytes[$0] == colon && bytes[$0 + 1] == slash && bytes[$0 + 2] == slash
      })
    else { return nil }
    var host: [UInt8] = []
    for var byte in bytes[(scheme + 3)...] {
      if byte == slash || byte == colon || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
        break
      }
      if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
      host.append(byte)
    }
    return host.isEmpty ? nil : String(decoding: host, as: UTF8.self)
  }

  /// `user@instance` for an account or mention object; `fallbackHost` completes a local acct
  /// when the object's own `url` gives no host.
  static func handle(_ account: JSONObject, fallbackHost: String?) -> String? {
    guard let acct = account.nonEmptyString("acct") ?? account.nonEmptyString("username")
    else { return nil }
    let bare = acct.hasPrefix("@") ? String(acct.dropFirst()) : acct
    if bare.contains("@") { return bare }
    guard let host = host(account.nonEmptyString("url")) ?? fallbackHost else { return bare }
    return bare + "@" + host
  }

  private mutating func post(_ status: JSONObject) throws(RecordError) -> PostRecord {
    guard let id = status.nonEmptyString("id") else {
      throw bad("id", "missing: a status needs an id", status)
    }
    let statusHost =
      Self.host(status.nonEmptyString("uri")) ?? Self.host(status.nonEmptyString("url"))
    guard let account = status.object("account"),
      let authorHandle = Self.handle(account, fallbackHost: statusHost),
      let author = AccountRef(
        handle: authorHandle, displayName: account.nonEmptyString("display_name"))
    else {
      throw bad("account", "missing: status \(id) names no account (`account.acct`)", status)
    }
    guard let timeText = status.string("created_at") else {
      throw bad("created_at", "missing: status \(id) has no time", status)
    }
    guard let time = TimestampParser.parse(timeText) else {
      throw bad(
        "created_at", "not an ISO 8601 time: \(Quoting.show(timeText)) (status \(id))", status)
    }
    if let accountID = account.nonEmptyString("id") { handlesByAccountID[accountID] = authorHandle }

    var mentions: [AccountRef] = []
    var seen = AccountRefIndex()
    var mentionedByID: [String: String] = [:]
    for mention in status.objects("mentions") {
      guard let handle = Self.handle(mention, fallbackHost: statusHost) else { continue }
      if let mentionID = mention.nonEmptyString("id") {
        mentionedByID[mentionID] = handle
        handlesByAccountID[mentionID] = handle
      }
      guard let ref = AccountRef(handle: handle),
        seen.insertIfNew(ref)
      else { continue }
      mentions.append(ref)
    }

    var replyTo: PostReference?
    let parentAccountID = status.nonEmptyString("in_reply_to_account_id")
    let parentHandle = parentAccountID.flatMap {
      mentionedByID[$0] ?? ($0 == account.nonEmptyString("id") ? authorHandle : nil)
        ?? handlesByAccountID[$0]
    }
    let parentAuthor = parentHandle.flatMap { AccountRef(handle: $0) }
    if let parentID = status.nonEmptyString("in_reply_to_id") {
      replyTo = PostReference(postID: parentID, author: parentAuthor)
    } else if let parentAuthor {
      replyTo = PostReference(author: parentAuthor)
    }

    var repostOf: PostReference?
    if let original = status.object("reblog") {
      let originalHost =
        Self.host(original.nonEmptyString("uri")) ?? Self.host(original.nonEmptyString("url"))
      let originalAuthor = original.object("account").flatMap {
        Self.handle($0, fallbackHost: originalHost)
      }
      repostOf = PostReference(
        postID: original.nonEmptyString("id"),
        author: originalAuthor.flatMap { AccountRef(handle: $0) })
      // The reblog carries the original's mentions (if any): they are not the reblogger's.
      mentions = []
    }

    var quoteOf: PostReference?
    if let quote = status.object("quote") {
      if let quoted = quote.object("quoted_status") {
        let quotedHost =
          Self.host(quoted.nonEmptyString("uri")) ?? Self.host(quoted.nonEmptyString("url"))
        let quotedAuthor = quoted.object("account").flatMap {
          Self.handle($0, fallbackHost: quotedHost)
        }
        quoteOf = PostReference(
          postID: quoted.nonEmptyString("id"),
          author: quotedAuthor.flatMap { AccountRef(handle: $0) })
      } else if let quotedID = quote.nonEmptyString("quoted_status_id") {
        quoteOf = PostReference(postID: quotedID)
      }
    }

    let content = status.string("content").map(HTMLText.plainText)
    return PostRecord(
      platform: platform, id: id, author: author, createdAt: time,
      text: content?.isEmpty == false ? content : nil, replyTo: replyTo, repostOf: repostOf,
      quoteOf: quoteOf, mentions: mentions,
      authorFollowers: account.followerCount("followers_count"))
  }
}
