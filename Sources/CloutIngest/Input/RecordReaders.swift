import CloutCore

/// Opens inputs of every format `clout ingest` reads.
public enum RecordReaders {
  /// Bytes the first line may take while sniffing the format (an API page is one line).
  static let firstLineLimit = 64 << 20

  /// Opens `path` (`-` is standard input, shown as `<stdin>` in errors) and returns a stream
  /// of its records. `platform` is the `--platform` value: the default for CSV rows without
  /// a `platform` column, the platform of every post for the JSON formats (else `twitter`,
  /// `mastodon`, `bluesky`, `reddit` or `hackernews`). Throws a `RecordError` when the input cannot be read at all: unreadable,
  /// empty, gzip-compressed, binary, a CSV header without the required columns, or (with
  /// `.auto`) a format that cannot be told.
  /// `columns` renames CSV header columns (`--columns`); JSON formats ignore it.
  public static func open(
    path: String, format: InputFormat, platform: String?, columns: ColumnMapping = .none
  ) throws -> OpenedInput {
    try openInput(path: path, format: format, platform: platform, columns: columns)
  }

  private static func openInput(
    path: String, format: InputFormat, platform: String?, columns: ColumnMapping
  ) throws(RecordError) -> OpenedInput {
    let input = try ByteInput(path: path)
    try input.fillFirstLine(limit: firstLineLimit)
    try checkIsText(input, path: path, format: format)
    var resolved = format
    var note: String?
    if format == .auto, startsWithJSONObject(input) {
      // A JSON line is parsed whole by its reader anyway, so reading all of a first line past
      // the limit costs no more memory: a 64 MB+ first record failed detection as "cut short:
      // was the file truncated?" while `--format` read it.
      try input.fillFirstLine(limit: .max)
    }
    if format == .auto {
      let detected = try FormatDetector.detect(input, columns: columns)
      resolved = detected.format
      note = detected.note
    }
    let stream: any RecordStream
    switch resolved {
    case .postsCSV, .auto:
      stream = try PostsCSVReader(input: input, platform: platform, mapping: columns)
    case .twarcCSV:
      stream = try PostsCSVReader(
        input: input, platform: platform ?? "twitter",
        mapping: ColumnMapping.twarcCSV.overridden(by: columns), mentionsAsText: true)
    case .edgesCSV:
      stream = try EdgesCSVReader(input: input, platform: platform, mapping: columns)
    case .twitterV2: stream = TwitterV2Reader(input: input, platform: platform)
    case .twitterV1: stream = TwitterV1Reader(input: input, platform: platform)
    case .mastodon: stream = try MastodonReader(input: input, platform: platform)
    case .bluesky: stream = try BlueskyReader(input: input, platform: platform)
    case .reddit: stream = try RedditReader(input: input, platform: platform)
    case .hackernews: stream = try HackerNewsReader(input: input, platform: platform)
    }
    var opened = OpenedInput(format: resolved, detectionNote: note, stream: stream)
    let lacksPlatform =
      (stream as? PostsCSVReader)?.lacksPlatformColumn
      ?? (stream as? EdgesCSVReader)?.lacksPlatformColumn ?? false
    if platform == nil && lacksPlatform && resolved != .twarcCSV {
      opened.platformNote =
        "note: no platform column, so records go to platform \"\(PlatformName.unknown)\";"
        + " name it with --platform (e.g. --platform twitter) to merge them with that"
        + " platform's accounts and get profile URLs"
    }
    return opened
  }

  private static func startsWithJSONObject(_ input: ByteInput) -> Bool {
    let buffered = input.bytes[input.start...]
    let first = buffered.firstIndex { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
    return first.map { buffered[$0] == UInt8(ascii: "{") } ?? false
  }

  /// File-level checks on the first block: empty, gzip, binary.
  private static func checkIsText(_ input: ByteInput, path: String, format: InputFormat)
    throws(RecordError)
  {
    let name = input.displayName
    // A file may start with more blank lines than one block holds: read on (within the
    // first-line limit) before calling it empty.
    while !input.isAtEnd, input.available < firstLineLimit,
      input.bytes[input.start...].allSatisfy({
        $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D
      })
    {
      try input.refill()
    }
    let head = input.bytes[input.start...]
    if head.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
      throw RecordError(file: name, message: "the file is empty")
    }
    if head.count >= 2 && head[head.startIndex] == 0x1F && head[head.startIndex + 1] == 0x8B {
      let source = path == "-" ? "FILE" : path
      throw RecordError(
        file: name,
        message: "is gzip-compressed; decompress it first: "
          + "gunzip -c \(source) | clout ingest --format \(format.rawValue) -")
    }
    let block = head.prefix(ByteInput.chunkSize)
    if let nul = block.firstIndex(of: 0) {
      throw RecordError(
        file: name, line: block[..<nul].count(where: { $0 == 0x0A }) + 1,
        message: "contains binary data (a NUL byte at offset \(nul - input.start)): "
          + "not a text file")
    }
  }
}
