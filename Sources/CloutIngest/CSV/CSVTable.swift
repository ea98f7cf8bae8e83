import CloutCore
import Foundation

/// A small CSV file read whole (identity lists and other side files), with the same RFC 4180
/// tokenizer as the posts and edges readers, so quoting and line numbers behave the same.
public struct CSVTable: Sendable {
  public struct Row: Sendable {
    /// Physical line the record starts on.
    public var line: Int
    public var fields: [String]
  }

  /// Header names, trimmed and lowercased.
  public var header: [String]
  public var rows: [Row]

  /// Reads `path` (`-` for standard input). Throws a `RecordError` naming the file and line.
  public static func read(path: String) throws -> CSVTable {
    let input = try ByteInput(path: path)
    var tokenizer = CSVTokenizer(input: input)
    guard try tokenizer.nextRecord() else {
      throw RecordError(file: input.displayName, message: "the file is empty")
    }
    var header: [String] = []
    for index in 0..<tokenizer.count {
      guard let name = tokenizer.text(index) else {
        throw RecordError(file: input.displayName, line: 1, message: "the header is not UTF-8")
      }
      header.append(name.trimmingCharacters(in: .whitespaces).lowercased())
    }
    if let first = header.first, first.hasPrefix("\u{FEFF}") {
      header[0] = String(first.dropFirst())
    }
    var rows: [Row] = []
    while try tokenizer.nextRecord() {
      if let malformation = tokenizer.malformation {
        throw RecordError(
          file: input.displayName, line: tokenizer.recordLine, message: malformation)
      }
      var fields: [String] = []
      for index in 0..<tokenizer.count {
        guard let text = tokenizer.text(index) else {
          throw RecordError(
            file: input.displayName, line: tokenizer.recordLine,
            field: index < header.count ? header[index] : nil, message: "not valid UTF-8")
        }
        fields.append(text)
      }
      rows.append(Row(line: tokenizer.recordLine, fields: fields))
    }
    return CSVTable(header: header, rows: rows)
  }
}
