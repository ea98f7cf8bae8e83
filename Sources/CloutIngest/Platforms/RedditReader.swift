import CloutCore

/// Reads `reddit`: comments and submissions, one JSON object per line as in the common public
/// dumps (Pushshift and its successors), or in JSON arrays.
///
/// Choices:
/// - Post ids are `id` without a type prefix (else `name` without its `t1_`/`t3_`). Reddit's
///   base-36 ids are unique across comments and submissions, so the two share one id space
///   and a reply's parent is `parent_id` without its prefix, whichever type it names.
/// - `conversationID` is the submission: `link_id` without prefix (a submission's own id).
/// - Accounts are keyed by user name (Reddit names never change and are case-insensitive);
///   no `userID` (older dumps lack `author_fullname`, and mixing keys would split accounts).
/// - `[deleted]`, `[removed]` or missing authors: the post is kept (it holds its replies'
///   thread together) with `AccountRef.deletedPlaceholder` as author, which the store must
///   never turn into an account. A record with neither author nor time (the stubs removed
///   comments leave in some dumps, only `id`/`parent_id`) is a bad record, as is any
///   record without a time.
/// - Text: a comment's `body`; a submission's `title`, then a blank line and `selftext` when
///   there is one. `[deleted]`/`[removed]` bodies are no text.
/// - Mentions: `u/name` and `/u/name` in the text (names of 3 to 20 letters, digits, `_`,
///   `-`; a markdown-escaped `\_` counts as `_`).
struct RedditReader: RecordStream {
  private var objects: JSONObjectReader
  private let platform: String

  init(input: ByteInput, platform: String?) throws(RecordError) {
    objects = try JSONObjectReader(input: input)
    self.platform = platform.flatMap { PlatformName.normalize($0) } ?? "reddit"
  }

  var bytesRead: Int64 { objects.bytesRead }

  mutating func next() throws -> StreamItem? {
    guard let parsed = try objects.nextObject() else { return nil }
    return .onePost(from: parsed, line: objects.line) { object throws(RecordError) in
      try post(object)
    }
  }

  static func looksLikeReddit(_ object: JSONObject) -> Bool {
    func prefixed(_ key: String) -> Bool {
      guard let value = object.string(key) else { return false }
      return value.hasPrefix("t1_") || value.hasPrefix("t3_")
    }
    return prefixed("name") || prefixed("parent_id")
      || (object["subreddit"] != nil && object["id"] != nil)
  }

  /// `t1_abc` → `abc`; other values unchanged.
  static func unprefixed(_ fullname: String) -> String {
    let parts = fullname.split(separator: "_", maxSplits: 1)
    guard parts.count == 2, parts[0].count == 2, parts[0].first == "t" else { return fullname }
    return String(parts[1])
  }

  static let goneMarkers: Set<String> = ["[deleted]", "[removed]"]

  private func bad(_ field: String?, _ message: String, _ object: JSONObject) -> RecordError {
    RecordError(
      file: objects.input.displayName, line: objects.line, field: field,
      message: message + FormatDetector.mixedFormatHint(object, reading: .reddit))
  }

  private func post(_ item: JSONObject) throws(RecordError) -> PostRecord {
    guard let id = item.nonEmptyString("id") ?? item.nonEmptyString("name").map(Self.unprefixed)
    else { throw bad("id", "missing: a comment or submission needs an id", item) }
    let name = item.nonEmptyString("name")
    let authorName = item.nonEmptyString("author")
    let authorGone = authorName.map { Self.goneMarkers.contains($0) } ?? true
    let timeKey = item["created_utc"] != nil || item["created"] == nil ? "created_utc" : "created"
    guard item[timeKey] != nil else {
      if authorName == nil {
        throw bad(
          "created_utc",
          "missing: \(name ?? id) has neither author nor time (a removed item's stub?)",
          item)
      }
      throw bad("created_utc", "missing: \(name ?? id) has no time", item)
    }
    guard let time = item.unixSeconds(timeKey) else {
      throw bad(timeKey, "not a Unix time: \(item.shown(timeKey)) (\(name ?? id))", item)
    }
    let author =
      authorGone
      ? AccountRef.deletedPlaceholder
      : (AccountRef(handle: authorName) ?? AccountRef.deletedPlaceholder)

    func content(_ key: String) -> String? {
      guard let text = item.string(key), !text.isEmpty, !Self.goneMarkers.contains(text) else {
        return nil
      }
      return text
    }
    let isSubmission = name?.hasPrefix("t3_") ?? (item["title"] != nil && item["body"] == nil)
    var text: String?
    if isSubmission {
      let parts = [content("title"), content("selftext")].compactMap { $0 }
      text = parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    } else {
      text = content("body")
    }

    var replyTo: PostReference?
    if !isSubmission, let parent = item.nonEmptyString("parent_id") {
      replyTo = PostReference(postID: Self.unprefixed(parent))
    }
    let conversationID =
      isSubmission ? id : item.nonEmptyString("link_id").map(Self.unprefixed)
    return PostRecord(
      platform: platform, id: id, author: author, createdAt: time, text: text, replyTo: replyTo,
      mentions: text.map(Self.mentions) ?? [], conversationID: conversationID)
  }

  /// Accounts named `u/name` or `/u/name` in `text`, first occurrence order, no repeats.
  static func mentions(in text: String) -> [AccountRef] {
    var found: [AccountRef] = []
    var seen = AccountRefIndex()
    let bytes = Array(text.utf8)
    func isNameByte(_ byte: UInt8) -> Bool {
      (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "-")
    }
    var index = 0
    while index + 2 < bytes.count {
      defer { index += 1 }
      guard bytes[index] == UInt8(ascii: "u") || bytes[index] == UInt8(ascii: "U"),
        bytes[index + 1] == UInt8(ascii: "/")
      else { continue }
      // `u/` must start a word (`/u/` too); `menu/x` and `example.edu/x` are no mentions.
      if index > 0 {
        let before = bytes[index - 1]
        if isNameByte(before) || before == UInt8(ascii: ".") || before == UInt8(ascii: "\\") {
          continue
        }
      }
      var name: [UInt8] = []
      var position = index + 2
      while position < bytes.count {
        let byte = bytes[position]
        if isNameByte(byte) {
          name.append(byte)
          position += 1
        } else if byte == UInt8(ascii: "\\"), position + 1 < bytes.count,
          bytes[position + 1] == UInt8(ascii: "_")
        {
          name.append(UInt8(ascii: "_"))
          position += 2
        } else {
          break
        }
      }
      guard name.count >= 3 && name.count <= 20,
        let ref = AccountRef(handle: String(decoding: name, as: UTF8.self)),
        seen.insertIfNew(ref)
      else { continue }
      found.append(ref)
      index = position - 1
    }
    return found
  }
}
