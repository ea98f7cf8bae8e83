import CloutCore

/// An input ready to read: its resolved format and the stream of its records.
public struct OpenedInput {
  /// The format the records are read as; never `.auto`.
  public var format: InputFormat
  /// How the format was chosen when `.auto` was asked for, e.g.
  /// "detected twitter-v2 (API response pages)"; nil when the format was given.
  public var detectionNote: String?
  public var stream: any RecordStream
  /// Set when the records will be stored under the platform "unknown": a CSV without a
  /// `platform` column, read without `--platform`.
  public var platformNote: String?

  public init(format: InputFormat, detectionNote: String?, stream: any RecordStream) {
    self.format = format
    self.detectionNote = detectionNote
    self.stream = stream
  }
}
