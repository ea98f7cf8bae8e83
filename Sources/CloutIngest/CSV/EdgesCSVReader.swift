import CloutCore

/// Reads `edges-csv`: a header row, then one interaction per row.
///
/// Required columns `source, target, type, timestamp`; optional `post_id, weight, platform`.
/// `source` and `target` are handles.
struct EdgesCSVReader: RecordStream {
  static let requiredColumns = ["source", "target", "type", "timestamp"]

  /// Type names as exports spell them, to the interaction they mean.
  static let typeNames: [String: InteractionType] = [
    "reply": .reply, "replies": .reply, "replied_to": .reply, "replies_to": .reply,
    "repost": .repost, "reposts": .repost, "retweet": .repost, "retweets": .repost,
    "retweeted": .repost,
    "quote": .quote, "quotes": .quote, "quoted": .quote,
    "mention": .mention, "mentions": .mention, "mentioned": .mention,
  ]

  private var tokenizer: CSVTokenizer
  private let defaultPlatform: String
  private let columnCount: Int
  private let source, target, type, timestamp, postID, weight, platform: Int

  init(input: ByteInput, platform: String?, mapping: ColumnMapping = .none) throws(RecordError) {
    let file = input.displayName
    tokenizer = CSVTokenizer(input: input)
    let header = try CSVHeader(reading: &tokenizer, file: file, mapping: mapping)
    try header.require(Self.requiredColumns, file: file, format: .edgesCSV)
    columnCount = header.names.count
    defaultPlatform = platform.flatMap { PlatformName.normalize($0) } ?? PlatformName.unknown
    source = header.index(of: "source")
    target = header.index(of: "target")
    type = header.index(of: "type")
    timestamp = header.index(of: "timestamp")
    postID = header.index(of: "post_id")
    weight = header.index(of: "weight")
    self.platform = header.index(of: "platform")
  }

  var bytesRead: Int64 { tokenizer.consumedBytes }

  /// The header names no platform column, so rows go to the reader's default platform.
  var lacksPlatformColumn: Bool { platform < 0 }

  mutating func next() throws -> StreamItem? {
    guard try tokenizer.nextRecord() else { return nil }
    let line = tokenizer.recordLine
    do {
      return .record(.edge(try edge()), line: line)
    } catch {
      return .bad(error)
    }
  }

  private func account(_ index: Int, _ name: String) throws(RecordError) -> AccountRef {
    guard let text = try tokenizer.trimmedText(index, name) else {
      throw tokenizer.recordError(name, "empty: needs a handle")
    }
    guard let ref = AccountRef(handle: text) else {
      throw tokenizer.recordError(name, "not a usable handle: \(Quoting.show(text))")
    }
    return ref
  }

  private func edge() throws(RecordError) -> EdgeRecord {
    if let malformation = tokenizer.malformation {
      throw tokenizer.recordError(nil, "malformed CSV: \(malformation)")
    }
    if tokenizer.count > columnCount {
      throw tokenizer.recordError(
        nil,
        "the row has \(tokenizer.count) fields but the header has \(columnCount) columns "
          + "(a field with a comma that should be quoted?)")
    }
    let from = try account(source, "source")
    let to = try account(target, "target")
    guard let typeText = try tokenizer.trimmedText(type, "type") else {
      throw tokenizer.recordError("type", "empty: expected reply, repost, quote or mention")
    }
    guard let interaction = Self.typeNames[typeText.lowercased()] else {
      throw tokenizer.recordError(
        "type",
        "unknown interaction type \(Quoting.show(typeText)); expected reply, repost, quote or mention"
      )
    }
    let time = tokenizer.withBytes(timestamp) { TimestampParser.parse($0) }
    guard let time else {
      let shown = tokenizer.text(timestamp).map(Quoting.show) ?? "(invalid UTF-8)"
      throw tokenizer.recordError("timestamp", "not a date or unix time: \(shown)")
    }
    var multiplier = 1.0
    if let weightText = try tokenizer.trimmedText(weight, "weight") {
      // Decimal only: Double("0x10") is 16, and a hex float in a weight column is a mistake.
      guard weightText.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
        let value = Double(weightText), value.isFinite, value >= 0
      else {
        throw tokenizer.recordError(
          "weight", "must be a finite number ≥ 0, got \(Quoting.show(weightText))")
      }
      // Larger weights would overflow the graph's Float edge weights (see `maximumWeight`).
      guard value <= InteractionWeighting.maximumWeight else {
        throw tokenizer.recordError(
          "weight", "must be at most 1e12 (the largest weight Clout ranks), got \(weightText)")
      }
      multiplier = value
    }
    let rowPlatform = try tokenizer.trimmedText(platform, "platform").flatMap {
      PlatformName.normalize($0)
    }
    return EdgeRecord(
      platform: rowPlatform ?? defaultPlatform, source: from, target: to, type: interaction,
      createdAt: time, postID: try tokenizer.trimmedText(postID, "post_id"), weight: multiplier)
  }
}
