import CloutCore

/// Tells the format of an input from its first non-blank line (or, for a JSON array, its first
/// element), without consuming it.
enum FormatDetector {
  struct Detection {
    var format: InputFormat
    var note: String
  }

  static func detect(_ input: ByteInput, columns: ColumnMapping = .none) throws(RecordError)
    -> Detection
  {
    let name = input.displayName
    let buffered = input.bytes[input.start...]
    guard let first = buffered.firstIndex(where: { !isBlank($0) }) else {
      throw RecordError(file: name, message: "the file is empty")
    }
    if buffered[first] == UInt8(ascii: "[") {
      return try detectArray(input)
    }
    let (range, complete, lineNumber) = firstLine(input, from: first)
    // The first line is read where it is, not copied: it may be a 200 MB record (issue 21).
    let invalid = input.withPaddedBytes(range) { UTF8Validation.firstInvalidByte(in: $0) }
    if let offset = invalid {
      throw RecordError(
        file: name, line: lineNumber,
        message: "the first line is not valid UTF-8 (byte \(offset + 1)); cannot tell the format")
    }
    if input.bytes[first] == UInt8(ascii: "{") {
      return try detectJSON(input, range, complete: complete, name: name, lineNumber: lineNumber)
    }
    let line = Array(input.bytes[range])
    return try detectCSV(line, name: name, lineNumber: lineNumber, columns: columns)
  }

  /// The first line's range in `input.bytes` (without its line end), whether a line feed ended
  /// it, and its line number. A function of its own so that no slice of the buffer outlives
  /// it: `withPaddedBytes` appends to the buffer, which a live slice would make a full copy.
  private static func firstLine(_ input: ByteInput, from first: Int)
    -> (range: Range<Int>, complete: Bool, line: Int)
  {
    let buffered = input.bytes[input.start...]
    let lineEnd = buffered[first...].firstIndex(of: 0x0A) ?? buffered.endIndex
    var end = lineEnd
    if end > first && buffered[end - 1] == 0x0D { end -= 1 }
    let lineNumber = buffered[..<first].count(where: { $0 == 0x0A }) + 1
    return (first..<end, lineEnd < buffered.endIndex, lineNumber)
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private static let csvFormats = "posts-csv and edges-csv need a CSV header row"

  /// What each JSON format needs, for messages saying why a record fits none.
  static let jsonRequirements = [
    "twitter-v2 (needs `data`/`includes`, or `id`, `author_id` and `text`)",
    "twitter-v1 (needs `id_str` and `user`)",
    "mastodon (needs `id` and an `account` object with `acct`)",
    "bluesky (needs an `at://` `uri` with an `author`, a feed item's `post`, "
      + "or a `feed`/`posts`/`thread` response)",
    "reddit (needs a `name` or `parent_id` starting t1_/t3_, or `subreddit`)",
    "hackernews (needs `id` and a `type` story/comment/job/poll/pollopt, with `by`, `time` "
      + "or `parent`)",
  ]

  /// The JSON format a parsed object belongs to, with a note saying why; nil when none fits.
  /// Readers use it too, to tell a user that a bad record belongs to another format.
  static func classify(_ object: JSONObject) -> Detection? {
    if object["data"] != nil || object["includes"] != nil {
      return Detection(format: .twitterV2, note: "detected twitter-v2 (API response pages)")
    }
    if object["id"] != nil && object["author_id"] != nil && object["text"] != nil {
      return Detection(format: .twitterV2, note: "detected twitter-v2 (one tweet per line)")
    }
    if object["id_str"] != nil && object["user"] != nil {
      return Detection(format: .twitterV1, note: "detected twitter-v1 (one v1.1 tweet per line)")
    }
    if object["id"] != nil, object.object("account")?["acct"] != nil {
      return Detection(format: .mastodon, note: "detected mastodon (statuses)")
    }
    if let kind = BlueskyReader.layout(of: object) {
      return Detection(format: .bluesky, note: "detected bluesky (\(kind))")
    }
    if RedditReader.looksLikeReddit(object) {
      return Detection(
        format: .reddit, note: "detected reddit (one comment or submission per line)")
    }
    if HackerNewsReader.looksLikeItem(object) {
      return Detection(format: .hackernews, note: "detected hackernews (one item per line)")
    }
    return nil
  }

  /// A note for a bad record that looks like another format than the one being read.
  static func mixedFormatHint(_ object: JSONObject, reading format: InputFormat) -> String {
    guard let other = classify(object)?.format, other != format else { return "" }
    return " (this record looks like \(other.rawValue): files mixing formats must be split, "
      + "each read with its own --format)"
  }

  private static func detectArray(_ input: ByteInput) throws(RecordError) -> Detection {
    let name = input.displayName
    guard
      let (element, line) = try JSONObjectReader.peekFirstArrayElement(
        input, limit: RecordReaders.firstLineLimit)
    else {
      throw RecordError(
        file: name,
        message: "cannot tell the format: the input starts with an empty or unfinished JSON "
          + "array; name the format with --format")
    }
    // The parsed object points into the parser: keep it alive until the function returns.
    let parser = JSONParser(maximumDepth: JSONLineReader.maximumDepth)
    defer { withExtendedLifetime(parser) {} }
    let object: JSONObject
    switch JSONLineReader.parseObject(element, complete: true, with: parser) {
    case .success(let parsed): object = parsed
    case .failure(let failure):
      throw RecordError(
        file: name, line: line,
        message: "cannot tell the format: the first element of the JSON array is "
          + failure.message.replacingOccurrences(of: "per line", with: "per element"))
    }
    if var detection = classify(object) {
      detection.note += ", a JSON array"
      return detection
    }
    throw unknownJSON(object, name: name, line: line, what: "the first element of the JSON array")
  }

  private static func unknownJSON(_ object: JSONObject, name: String, line: Int, what: String)
    -> RecordError
  {
    let keys = object.keys.sorted().prefix(12).joined(separator: ", ")
    return RecordError(
      file: name, line: line,
      message: "cannot tell the format: \(what) is a JSON object with keys \(keys); tried "
        + jsonRequirements.joined(separator: ", ") + ", and \(csvFormats); "
        + "name the format with --format")
  }

  private static func detectJSON(
    _ input: ByteInput, _ range: Range<Int>, complete: Bool, name: String, lineNumber: Int
  ) throws(RecordError) -> Detection {
    let parser = JSONParser(maximumDepth: JSONLineReader.maximumDepth)
    defer { withExtendedLifetime(parser) {} }
    let object: JSONObject
    let outcome = input.withPaddedBytes(range) {
      JSONLineReader.parseObject($0, complete: complete, with: parser, padded: true)
    }
    switch outcome {
    case .success(let parsed): object = parsed
    case .failure(let failure):
      throw RecordError(
        file: name, line: lineNumber,
        message:
          "cannot tell the format: the first line starts like JSON but is \(failure.message) "
          + "(twitter-v2, twitter-v1, mastodon, bluesky, reddit and hackernews need one JSON "
          + "object per line or a JSON array; \(csvFormats))")
    }
    if let detection = classify(object) { return detection }
    throw unknownJSON(object, name: name, line: lineNumber, what: "the first line")
  }

  private static func detectCSV(
    _ line: [UInt8], name: String, lineNumber: Int, columns: ColumnMapping
  ) throws(RecordError) -> Detection {
    let names = headerNames(line)
    let have = Set(columns.indexes(of: names).keys)
    let postsMissing = PostsCSVReader.requiredColumns.filter { !have.contains($0) }
    let edgesMissing = EdgesCSVReader.requiredColumns.filter { !have.contains($0) }
    let shown = names.prefix(12).joined(separator: ", ")
    if postsMissing.isEmpty {
      return Detection(format: .postsCSV, note: "detected posts-csv (header: \(shown))")
    }
    if ColumnMapping.looksLikeTwarcCSV(names) {
      return Detection(format: .twarcCSV, note: "detected twarc-csv (header: \(shown))")
    }
    if edgesMissing.isEmpty {
      return Detection(format: .edgesCSV, note: "detected edges-csv (header: \(shown))")
    }
    func lacks(_ missing: [String]) -> String {
      "header lacks " + missing.map { "'\($0)'" }.joined(separator: ", ")
    }
    let firstLine = String(decoding: line.prefix(400), as: UTF8.self)
    throw RecordError(
      file: name, line: lineNumber,
      message: "cannot tell the format of the first line \(Quoting.show(firstLine)): "
        + "tried posts-csv (\(lacks(postsMissing))), edges-csv (\(lacks(edgesMissing))), "
        + "twitter-v2, twitter-v1, mastodon, bluesky, reddit and hackernews "
        + "(not JSON: the line does not start with '{' or '['); "
        + "name the format with --format, or, for a CSV export with other column names, say"
        + " which column is which with --columns (e.g. --columns author=author.username)")
  }

  /// Column names of a CSV header line, for sniffing only (quotes stripped, trimmed,
  /// lowercased). The reader parses the header properly.
  private static func headerNames(_ line: [UInt8]) -> [String] {
    var names: [String] = []
    var current: [UInt8] = []
    var quoted = false
    for byte in line {
      if byte == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if byte == UInt8(ascii: ",") && !quoted {
        names.append(String(decoding: current, as: UTF8.self))
        current.removeAll()
      } else {
        current.append(byte)
      }
    }
    names.append(String(decoding: current, as: UTF8.self))
    return names.map { String($0.trimmingWhitespace()).lowercased() }
  }
}
