/// A record that could not be read, or a file that cannot be read at all. Always names the
/// file, and the line and field when there is one, so a user can go and fix the input.
public struct RecordError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file as the user named it (`-` is shown as `<stdin>`).
  public var file: String
  /// 1-based physical line where the record starts, when the problem is in one record.
  public var line: Int?
  /// The column or JSON key at fault, when one is.
  public var field: String?
  public var message: String
  /// True when the file could not be opened or read (an I/O error, exit 74), not when its
  /// content is bad (exit 65).
  public var isIOFailure: Bool

  public init(
    file: String, line: Int? = nil, field: String? = nil, message: String,
    isIOFailure: Bool = false
  ) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
    self.isIOFailure = isIOFailure
  }

  /// `file:line: field 'created_at': not a date: "yesterday"`
  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    text += ": "
    if let field { text += "field '\(field)': " }
    return text + message
  }
}

/// One item of a record stream: a readable record with the line it starts on, or a record
/// that could not be read (the stream goes on after it).
public enum StreamItem: Sendable, Equatable {
  case record(IngestRecord, line: Int)
  case bad(RecordError)
}

/// A source of records read one at a time, so ingest streams in bounded memory.
/// `next()` returns nil at the end; it throws a `RecordError` only when the whole input is
/// unusable (unreadable file, binary data, missing required columns).
public protocol RecordStream {
  mutating func next() throws -> StreamItem?
  /// Bytes consumed from the input so far, for progress reports.
  var bytesRead: Int64 { get }
}
