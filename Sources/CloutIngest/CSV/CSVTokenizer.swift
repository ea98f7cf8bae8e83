import CloutCore

/// An RFC 4180 tokenizer over raw bytes: quoted fields, doubled quotes, embedded line breaks,
/// LF, CRLF or CR line ends. Fields are spans into the input buffer, decoded to `String` only
/// when a reader asks for them, so a row costs no allocation beyond the strings it keeps.
///
/// Why not yaslab/CSV.swift 2.5.2: it decodes every field through `UnicodeScalar` iteration.
/// Measured on a generated posts CSV with 1,000,000 rows (90 MB; columns id, author,
/// created_at, text, reply_to_id, mentions; every 10th text quoted with `""`), release build,
/// this 2-core machine, in a throwaway package holding both
/// (`swift build -c release && .build/release/csvbench posts-1m.csv`)
/// (two runs, ranges because other builds shared the machine):
///   yaslab CSVReader(stream:hasHeaderRow:), every row as [String]:  160,664–251,798 rows/s
///   this tokenizer, every field decoded to String:           2,183,530–2,387,264 rows/s
///   PostsCSVReader end to end (tokenizer + PostRecord):         831,016–855,971 posts/s
///   the same from standard input (`cat posts-1m.csv | csvbench -`):    580,077–608,821 posts/s
/// The library alone reads a sixth to a quarter of the ~1M rows/s the reader needs for 200k
/// posts/s end to end once the store takes its share, so it would be the bottleneck.
struct CSVTokenizer {
  /// One field of the current record: a span of `ByteInput.bytes`.
  struct Field {
    var start: Int
    var end: Int
    /// The span still holds doubled quotes (`""`) that decoding turns into one.
    var hasDoubledQuotes: Bool
  }

  private enum ScanResult {
    case record(end: Int, lineBreaks: Int)
    case needMore
    case endOfInput
  }

  let input: ByteInput
  /// The fields of the current record; valid until the next call to `nextRecord()`.
  private(set) var fields: [Field] = []
  /// Physical line (1-based) on which the current record starts.
  private(set) var recordLine = 0
  /// Set when the current record's quoting is broken; the record is still delimited.
  private(set) var malformation: String?
  private var nextLine = 1

  init(input: ByteInput) {
    self.input = input
    fields.reserveCapacity(16)
  }

  /// Advances to the next non-blank record. Returns false at the end of the input.
  mutating func nextRecord() throws(RecordError) -> Bool {
    // The previous record has been converted: a huge one's bytes need not outlive it.
    input.releaseConsumedIfHuge()
    while true {
      fields.removeAll(keepingCapacity: true)
      malformation = nil
      let begin = input.start
      let atEnd = input.isAtEnd
      let result = input.bytes.withUnsafeBufferPointer { buffer in
        CSVTokenizer.scan(
          buffer, from: begin, atEnd: atEnd, fields: &fields, malformation: &malformation)
      }
      switch result {
      case .endOfInput:
        return false
      case .needMore:
        // The record is rescanned from its start (moved to the front of the buffer).
        try input.refill()
      case .record(let end, let lineBreaks):
        input.start = end
        recordLine = nextLine
        nextLine += lineBreaks
        let blank = fields.count == 1 && fields[0].start == fields[0].end && malformation == nil
        if !blank { return true }
      }
    }
  }

  var count: Int { fields.count }

  /// True when the field is absent or has no bytes.
  func isEmpty(_ index: Int) -> Bool {
    guard index >= 0, index < fields.count else { return true }
    return fields[index].start == fields[index].end
  }

  /// The field's text; "" when the record has no such field, nil when it is not valid UTF-8.
  func text(_ index: Int) -> String? {
    guard index >= 0, index < fields.count else { return "" }
    let field = fields[index]
    return input.bytes.withUnsafeBufferPointer { buffer -> String? in
      let slice = UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])
      guard field.hasDoubledQuotes else { return String(validating: slice, as: UTF8.self) }
      var unescaped: [UInt8] = []
      unescaped.reserveCapacity(slice.count)
      var position = 0
      while position < slice.count {
        unescaped.append(slice[position])
        position += slice[position] == CSVTokenizer.quote ? 2 : 1
      }
      return String(validating: unescaped, as: UTF8.self)
    }
  }

  /// Calls `body` with the field's raw bytes (doubled quotes not undone; "" when absent).
  func withBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    guard index >= 0, index < fields.count else {
      return body(UnsafeBufferPointer(start: nil, count: 0))
    }
    let field = fields[index]
    return input.bytes.withUnsafeBufferPointer { buffer in
      body(UnsafeBufferPointer(rebasing: buffer[field.start..<field.end]))
    }
  }

  static let quote = UInt8(ascii: "\"")
  private static let comma = UInt8(ascii: ",")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// Scans one record starting at `begin`. Returns `.needMore` when the record may continue
  /// past the buffered bytes (the caller refills and scans again from the record's start).
  private static func scan(
    _ buffer: UnsafeBufferPointer<UInt8>, from begin: Int, atEnd: Bool,
    fields: inout [Field], malformation: inout String?
  ) -> ScanResult {
    let end = buffer.count
    if begin >= end { return atEnd ? .endOfInput : .needMore }
    var position = begin
    var lineBreaks = 0
    while true {
      if position < end && buffer[position] == quote {
        var cursor = position + 1
        var doubled = false
        var closed = false
        while cursor < end {
          let byte = buffer[cursor]
          if byte == quote {
            if cursor + 1 < end {
              if buffer[cursor + 1] == quote {
                doubled = true
                cursor += 2
                continue
              }
              closed = true
              break
            }
            if !atEnd { return .needMore }
            closed = true
            break
          }
          if byte == lineFeed { lineBreaks += 1 }
          cursor += 1
        }
        if !closed {
          if !atEnd { return .needMore }
          malformation = "unterminated quoted field (a \" opens a field that never closes)"
          fields.append(Field(start: position + 1, end: end, hasDoubledQuotes: doubled))
          return .record(end: end, lineBreaks: lineBreaks)
        }
        fields.append(Field(start: position + 1, end: cursor, hasDoubledQuotes: doubled))
        position = cursor + 1
        if position < end {
          let next = buffer[position]
          if next != comma && next != lineFeed && next != carriageReturn {
            if malformation == nil {
              malformation = "unexpected text after the closing quote of field \(fields.count)"
            }
            while position < end {
              let byte = buffer[position]
              if byte == comma || byte == lineFeed || byte == carriageReturn { break }
              position += 1
            }
          }
        }
      } else {
        var cursor = position
        while cursor < end {
          let byte = buffer[cursor]
          if byte == comma || byte == lineFeed || byte == carriageReturn { break }
          cursor += 1
        }
        fields.append(Field(start: position, end: cursor, hasDoubledQuotes: false))
        position = cursor
      }
      if position >= end {
        return atEnd ? .record(end: end, lineBreaks: lineBreaks) : .needMore
      }
      let delimiter = buffer[position]
      if delimiter == comma {
        position += 1
        continue
      }
      if delimiter == carriageReturn {
        if position + 1 < end {
          position += buffer[position + 1] == lineFeed ? 2 : 1
        } else if atEnd {
          position += 1
        } else {
          return .needMore
        }
        return .record(end: position, lineBreaks: lineBreaks + 1)
      }
      return .record(end: position + 1, lineBreaks: lineBreaks + 1)
    }
  }
}
