import CloutCore

/// Reads `hackernews`: items as the Hacker News API (`/v0/item/<id>.json`) returns them, one
/// JSON object per line (or in JSON arrays).
///
/// Choices:
/// - Post ids are the item ids as decimal text; a comment replies to `parent` (a story,
///   a poll or another comment). `kids` is not needed: every child names its parent.
/// - Accounts are keyed by `by` (no user ids on Hacker News).
/// - `deleted` items carry no `by` and no text: they are kept as posts (their replies still
///   hang from them) with `AccountRef.deletedPlaceholder` as author, which the store must
///   never turn into an account. `dead` items (flagged or killed) keep author and text:
///   they were written and read, and replies still credit them.
/// - Text: a comment's `text`; a story's, job's or poll's `title`, then a blank line and
///   `text` when there is one; HTML made plain (see `HTMLText`).
/// - `conversationID`: a story's, job's or poll's own id; a poll option's `poll`.
/// - Hacker News has no mentions.
struct HackerNewsReader: RecordStream {
  private var objects: JSONObjectReader
  private let platform: String

  static let itemTypes: Set<String> = ["story", "comment", "job", "poll", "pollopt"]

  init(input: ByteInput, platform: String?) throws(RecordError) {
    objects = try JSONObjectReader(input: input)
    self.platform = platform.flatMap { PlatformName.normalize($0) } ?? "hackernews"
  }

  var bytesRead: Int64 { objects.bytesRead }

  mutating func next() throws -> StreamItem? {
    guard let parsed = try objects.nextObject() else { return nil }
    return .onePost(from: parsed, line: objects.line) { object throws(RecordError) in
      try post(object)
    }
  }

  static func looksLikeItem(_ object: JSONObject) -> Bool {
    guard let type = object.string("type"), itemTypes.contains(type), object["id"] != nil else {
      return false
    }
    return object["by"] != nil || object["time"] != nil || object["parent"] != nil
  }

  private func bad(_ field: String?, _ message: String, _ object: JSONObject) -> RecordError {
    RecordError(
      file: objects.input.displayName, line: objects.line, field: field,
      message: message + FormatDetector.mixedFormatHint(object, reading: .hackernews))
  }

  private func post(_ item: JSONObject) throws(RecordError) -> PostRecord {
    guard let id = item.nonEmptyString("id") else {
      throw bad("id", "missing: an item needs an id", item)
    }
    let type = item.string("type") ?? "comment"
    guard Self.itemTypes.contains(type) else {
      throw bad(
        "type",
        "not an item type: \(Quoting.show(type)) (item \(id)); expected story, comment, job, "
          + "poll or pollopt", item)
    }
    guard item["time"] != nil else { throw bad("time", "missing: item \(id) has no time", item) }
    guard let time = item.unixSeconds("time") else {
      throw bad("time", "not a Unix time: \(item.shown("time")) (item \(id))", item)
    }
    let deleted = item.flag("deleted")
    let author: AccountRef
    if let by = item.nonEmptyString("by"), let account = AccountRef(handle: by) {
      author = account
    } else if deleted {
      author = .deletedPlaceholder
    } else {
      throw bad("by", "missing: item \(id) names no author and is not deleted", item)
    }

    var text: String?
    if !deleted {
      let body = item.string("text").map(HTMLText.plainText).flatMap { $0.isEmpty ? nil : $0 }
      if type == "comment" || type == "pollopt" {
        text = body
      } else {
        let parts = [item.nonEmptyString("title"), body].compactMap { $0 }
        text = parts.isEmpty ? nil : parts.joined(separator: "\n\n")
      }
    }

    var replyTo: PostReference?
    var conversationID: String?
    switch type {
    case "comment":
      replyTo = item.nonEmptyString("parent").flatMap { PostReference(postID: $0) }
      conversationID = item.nonEmptyString("story_id")
    case "pollopt":
      conversationID = item.nonEmptyString("poll")
    default:
      conversationID = id
    }
    return PostRecord(
      platform: platform, id: id, author: author, createdAt: time, text: text, replyTo: replyTo,
      conversationID: conversationID)
  }
}
