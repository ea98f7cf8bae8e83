import CloutCore

/// Field access and errors for the current record, shared by the CSV readers.
extension CSVTokenizer {
  /// Bytes the reader has consumed (bytes read ahead but not yet used are not counted).
  var consumedBytes: Int64 { input.bytesRead - Int64(input.available) }

  /// An error about the current record, naming the file, its first line and `field`.
  func recordError(_ field: String?, _ message: String) -> RecordError {
    RecordError(file: input.displayName, line: recordLine, field: field, message: message)
  }

  /// The field's text, or nil when the column is absent or empty. Throws on invalid UTF-8.
  func optionalText(_ index: Int, _ name: String) throws(RecordError) -> String? {
    if isEmpty(index) { return nil }
    guard let value = text(index) else { throw recordError(name, "not valid UTF-8") }
    return value
  }

  /// As `optionalText`, without surrounding white space; nil when nothing is left.
  func trimmedText(_ index: Int, _ name: String) throws(RecordError) -> String? {
    guard let value = try optionalText(index, name) else { return nil }
    let trimmed = value.trimmingWhitespace()
    return trimmed.isEmpty ? nil : String(trimmed)
  }
}
