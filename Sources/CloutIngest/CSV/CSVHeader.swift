import CloutCore

/// The header row of a CSV input: column names (trimmed, lowercased) to indexes.
struct CSVHeader {
  let names: [String]
  private let indexes: [String: Int]

  /// Reads the first record of `tokenizer` as the header. Throws when the input is empty or
  /// the header is not valid UTF-8.
  init(
    reading tokenizer: inout CSVTokenizer, file: String, mapping: ColumnMapping = .none
  ) throws(RecordError) {
    guard try tokenizer.nextRecord() else {
      throw RecordError(file: file, message: "the file is empty (expected a CSV header row)")
    }
    var names: [String] = []
    for index in 0..<tokenizer.count {
      guard let text = tokenizer.text(index) else {
        throw RecordError(
          file: file, line: tokenizer.recordLine,
          message: "the header row is not valid UTF-8 (column \(index + 1))")
      }
      let name = String(text.trimmingWhitespace()).lowercased()
      names.append(name)
    }
    self.names = names
    self.indexes = mapping.indexes(of: names)
  }

  /// Index of the column, or -1 when the header lacks it (the tokenizer reads -1 as absent).
  func index(of name: String) -> Int { indexes[name] ?? -1 }

  /// Throws a file-level error naming every required column the header lacks.
  func require(_ required: [String], file: String, format: InputFormat) throws(RecordError) {
    let missing = required.filter { indexes[$0] == nil }
    guard !missing.isEmpty else { return }
    let list = missing.map { "'\($0)'" }.joined(separator: ", ")
    // A wrong --format on a JSON file makes its whole first line (hundreds of KB for a
    // tweet page) the "header": show its start and say what it looks like instead.
    let joined = names.joined(separator: ", ")
    let first = joined.drop { $0.isWhitespace || $0 == "\"" }.first
    let looksLikeJSON = first == "{" || first == "["
    throw RecordError(
      file: file, line: 1,
      message: "\(format.rawValue) needs the column\(missing.count == 1 ? "" : "s") \(list); "
        + (looksLikeJSON
          ? "the first line is JSON, not a CSV header (\(Quoting.show(joined))): try --format auto"
          : "the header has: \(Quoting.cut(joined)); map yours with --columns"
            + " \(missing[0])=COLUMN"))
  }
}

extension StringProtocol {
  func trimmingWhitespace() -> Substring {
    // Text that starts and ends with an ASCII byte other than white space has nothing to
    // trim: `Character.isWhitespace` is its first scalar's property, and an ASCII byte ends a
    // Character (only CR LF combines, and LF is white space). Skips the Unicode property
    // look-ups for nearly every id field (2% of a posts-CSV ingest, perf).
    let whole = Substring(self)
    if let first = whole.utf8.first, let last = whole.utf8.last, first < 0x80, last < 0x80,
      first != 0x20, last != 0x20, !(0x09...0x0D).contains(first), !(0x09...0x0D).contains(last)
    {
      return whole
    }
    var slice = Substring(self).drop { $0.isWhitespace }
    while slice.last?.isWhitespace == true { slice = slice.dropLast() }
    return slice
  }
}

/// Helpers for writing messages about the input.
enum Quoting {
  /// The value in double quotes, shortened to about 80 characters, for error messages.
  static func show(_ value: String) -> String {
    "\"\(cut(value))\""
  }

  /// The value cut to `limit` characters with "…", so a message quoting input never floods
  /// the terminal.
  static func cut(_ value: String, limit: Int = 80) -> String {
    value.count > limit ? value.prefix(limit - 1) + "…" : value
  }
}
