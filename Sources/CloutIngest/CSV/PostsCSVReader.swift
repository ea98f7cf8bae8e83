import CloutCore

/// Reads `posts-csv`: a header row, then one post per row.
///
/// Required columns `id, author, created_at`; optional `text, reply_to_id, reply_to_author,
/// repost_of_id, repost_of_author, quote_of_id, quote_of_author, mentions, platform,
/// display_name, followers`. Other columns are ignored. `followers` is the author's follower
/// count when the post was collected (a whole number; empty = not known). Without a
/// `mentions` column, the `@handle`s in `text` are the mentions (exports that keep only the
/// text are common).
struct PostsCSVReader: RecordStream {
  static let requiredColumns = ["id", "author", "created_at"]

  private var tokenizer: CSVTokenizer
  private let defaultPlatform: String
  private let columnCount: Int
  private let id, author, createdAt, text, displayName, platform: Int
  private let replyToID, replyToAuthor, repostOfID, repostOfAuthor: Int
  private let quoteOfID, quoteOfAuthor, mentions, followers: Int
  /// The mentions column is a JSON list (twarc-csv's `["@a", "@b"]`): its `@handle`s count.
  private let mentionsAsText: Bool

  init(
    input: ByteInput, platform: String?, mapping: ColumnMapping = .none,
    mentionsAsText: Bool = false
  ) throws(RecordError) {
    self.mentionsAsText = mentionsAsText
    let file = input.displayName
    tokenizer = CSVTokenizer(input: input)
    let header = try CSVHeader(reading: &tokenizer, file: file, mapping: mapping)
    try header.require(Self.requiredColumns, file: file, format: .postsCSV)
    columnCount = header.names.count
    defaultPlatform = platform.flatMap { PlatformName.normalize($0) } ?? PlatformName.unknown
    id = header.index(of: "id")
    author = header.index(of: "author")
    createdAt = header.index(of: "created_at")
    text = header.index(of: "text")
    displayName = header.index(of: "display_name")
    self.platform = header.index(of: "platform")
    replyToID = header.index(of: "reply_to_id")
    replyToAuthor = header.index(of: "reply_to_author")
    repostOfID = header.index(of: "repost_of_id")
    repostOfAuthor = header.index(of: "repost_of_author")
    quoteOfID = header.index(of: "quote_of_id")
    quoteOfAuthor = header.index(of: "quote_of_author")
    mentions = header.index(of: "mentions")
    followers = header.index(of: "followers")
  }

  var bytesRead: Int64 { tokenizer.consumedBytes }

  /// The header names no platform column, so rows go to the reader's default platform.
  var lacksPlatformColumn: Bool { platform < 0 }

  mutating func next() throws -> StreamItem? {
    guard try tokenizer.nextRecord() else { return nil }
    let line = tokenizer.recordLine
    do {
      return .record(.post(try post()), line: line)
    } catch {
      return .bad(error)
    }
  }

  private func reference(
    _ idColumn: Int, _ idName: String, _ authorColumn: Int, _ authorName: String
  )
    throws(RecordError) -> PostReference?
  {
    let postID = try tokenizer.trimmedText(idColumn, idName)
    let author = try tokenizer.optionalText(authorColumn, authorName).flatMap {
      AccountRef(handle: $0)
    }
    return PostReference(postID: postID, author: author)
  }

  private func post() throws(RecordError) -> PostRecord {
    if let malformation = tokenizer.malformation {
      throw tokenizer.recordError(nil, "malformed CSV: \(malformation)")
    }
    if tokenizer.count > columnCount {
      throw tokenizer.recordError(
        nil,
        "the row has \(tokenizer.count) fields but the header has \(columnCount) columns "
          + "(a field with a comma that should be quoted?)")
    }
    guard let postID = try tokenizer.trimmedText(id, "id") else {
      throw tokenizer.recordError("id", "empty: every post needs an id")
    }
    guard let authorText = try tokenizer.optionalText(author, "author") else {
      throw tokenizer.recordError("author", "empty: every post needs an author")
    }
    let name = try tokenizer.optionalText(displayName, "display_name")
    guard let account = AccountRef(handle: authorText, displayName: name) else {
      throw tokenizer.recordError("author", "not a usable handle: \(Quoting.show(authorText))")
    }
    let time = tokenizer.withBytes(createdAt) { TimestampParser.parse($0) }
    guard let time else {
      let shown = tokenizer.text(createdAt).map(Quoting.show) ?? "(invalid UTF-8)"
      throw tokenizer.recordError("created_at", "not a date or unix time: \(shown)")
    }
    let rowPlatform = try tokenizer.optionalText(platform, "platform").flatMap {
      PlatformName.normalize($0)
    }
    let list = try tokenizer.optionalText(mentions, "mentions")
    // Decoded once: a second decoding held a second copy of a huge text.
    let body = try tokenizer.optionalText(text, "text")
    var mentioned: [AccountRef] = []
    let repostOf = try reference(repostOfID, "repost_of_id", repostOfAuthor, "repost_of_author")
    if let list, mentionsAsText {
      // twarc-csv merges a retweet's entities with the original's: those mentions are the
      // original author's, not the reposter's (the rule every reader follows).
      mentioned = repostOf == nil ? TextMentions.handles(in: list) : []
    } else if let list {
      var seen = AccountRefIndex()
      // Splitting ASCII text on bytes gives the same pieces as on Characters and skips
      // grapheme breaking (a separator followed by a combining mark is one Character, hence
      // the Character path for anything else).
      let pieces: [Substring] =
        list.utf8.allSatisfy { $0 < 0x80 }
        ? list.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x2C || $0 == 0x3B || $0 == 0x09 })
          .map { Substring($0) }
        : list.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "\t" })
      for piece in pieces {
        guard let ref = AccountRef(handle: String(piece)), seen.insertIfNew(ref)
        else { continue }
        mentioned.append(ref)
      }
    } else if mentions < 0, let body {
      mentioned = TextMentions.handles(in: body)
    }
    var followerCount: Int64?
    if let text = try tokenizer.trimmedText(followers, "followers") {
      guard let count = FollowerCount.parse(Substring(text)) else {
        throw tokenizer.recordError(
          "followers", "not a whole number of followers: \(Quoting.show(text))")
      }
      followerCount = count
    }
    return PostRecord(
      platform: rowPlatform ?? defaultPlatform, id: postID, author: account, createdAt: time,
      text: body,
      replyTo: try reference(replyToID, "reply_to_id", replyToAuthor, "reply_to_author"),
      repostOf: repostOf,
      quoteOf: try reference(quoteOfID, "quote_of_id", quoteOfAuthor, "quote_of_author"),
      mentions: mentioned, authorFollowers: followerCount)
  }
}
