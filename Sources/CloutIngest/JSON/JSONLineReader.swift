import CloutCore
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits JSON Lines input into physical lines and parses each into a JSON object with
/// simdjson, keeping the guards that kept bad input from crashing ingest when Foundation's
/// `JSONSerialization` parsed: invalid UTF-8 and nesting deeper than `maximumDepth` are bad
/// records with their own messages. simdjson validates UTF-8 and depth itself, so the Swift
/// checks run only on a line it rejected, to say why (in the order they always ran), and
/// JSONSerialization then decides as it always did (see `reparse`).
///
/// Throughput, release build, this 2-core machine at a quiet moment (load ~1),
/// `scripts/bench/ingest-jsonl.sh`:
/// - `clout ingest` of the RumourEval v1.1 tweets ×20 (111,360 lines, 277 MB): 8.15 s with
///   JSONSerialization (13.7k tweets/s, 34 MB/s), 0.90 s with simdjson (124k/s, 307 MB/s);
///   Twitter v2 pages ×100 (103 MB): 4.37 s (10.3k/s) → 0.38 s (118k/s, 270 MB/s).
/// - `valgrind --tool=callgrind --separate-threads=yes clout ingest` on 5,568 of those tweets
///   (14.5 MB): the reader thread fell from 3,916M instructions to 323M (JSONSerialization,
///   the Swift UTF-8 and depth passes and the `[String: Any]` conversions gone; simdjson's two
///   stages are 103M of the rest). The store writer thread took 423M then: ingest waited on
///   the store, not on JSON.
/// - Measured again with schema v5 (2026-12-02): the writer thread takes 1,589M on the same
///   input (the full-text index of the text about 60% of it), so end to end the same ingest
///   takes 3.6–5.9 s of CPU (19k–31k tweets per CPU second; see docs/measurements.md).
struct JSONLineReader {
  /// Nesting deeper than this is rejected as a bad record.
  static let maximumDepth = 512

  let input: ByteInput
  let parser = JSONParser(maximumDepth: maximumDepth)
  /// Physical line (1-based) of the line returned last.
  private(set) var line = 0

  init(input: ByteInput) {
    self.input = input
  }

  var bytesRead: Int64 { input.bytesRead - Int64(input.available) }

  /// The next non-blank line, parsed: an object, or a bad record naming the line.
  /// Returns nil at the end of the input. The object is valid until the next call.
  mutating func nextObject() throws(RecordError) -> Result<JSONObject, RecordError>? {
    parser.releaseIfHuge()
    while true {
      guard let (range, complete) = try nextLine() else { return nil }
      if input.bytes[range].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      let result = input.withPaddedBytes(range) { line in
        Self.parseObject(line, complete: complete, with: parser, padded: true)
      }
      // The parsed values live in the parser's own buffers: a huge line's bytes can go now,
      // before the record is converted and written (issue 21, one 200 MB record).
      input.releaseConsumedIfHuge()
      return result.mapError { bad($0.message) }
    }
  }

  private func bad(_ message: String) -> RecordError {
    RecordError(file: input.displayName, line: line, message: message)
  }

  struct ParseFailure: Error {
    var message: String
  }

  /// Parses one line as a JSON object with `parser` (the object lives until its next parse).
  /// `complete` is false for a last line that no line feed ended (a truncated file shows up
  /// that way).
  /// `padded`: `ByteInput.padding` readable bytes follow `bytes` (parsed without a copy).
  static func parseObject(
    _ bytes: UnsafeBufferPointer<UInt8>, complete: Bool, with parser: JSONParser,
    padded: Bool = false
  ) -> Result<JSONObject, ParseFailure> {
    switch parser.parse(bytes, padded: padded) {
    case .parsed(let value): return object(value, complete: complete)
    case .tooDeep, .invalid: return reparse(Array(bytes), complete: complete, with: parser)
    }
  }

  private static func object(_ parsed: JSONValue, complete: Bool)
    -> Result<JSONObject, ParseFailure>
  {
    guard let object = parsed.object else {
      // JSONSerialization rejected a bare string, number or literal as no JSON at all.
      guard parsed.array != nil else { return .failure(notJSON(complete: complete)) }
      return .failure(
        ParseFailure(message: "expected a JSON object per line, found \(kind(of: parsed))"))
    }
    return .success(object)
  }

  /// A line simdjson rejected, judged as before: invalid UTF-8 (where), too deep (how deep),
  /// then JSONSerialization. Foundation's parser also accepts a little that strict JSON does
  /// not (trailing commas, `[1,]`): such a line is still read, through Foundation's canonical
  /// re-serialization, so that no input that was read before becomes a bad record.
  private static func reparse(_ bytes: [UInt8], complete: Bool, with parser: JSONParser)
    -> Result<JSONObject, ParseFailure>
  {
    if let offset = UTF8Validation.firstInvalidByte(in: bytes) {
      return .failure(ParseFailure(message: "not valid UTF-8 (byte \(offset + 1) of the line)"))
    }
    if let depth = nestingExceeds(maximumDepth, in: bytes) {
      return .failure(
        ParseFailure(
          message: "JSON nested deeper than \(maximumDepth) levels (\(depth)+); not read"))
    }
    guard let lenient = try? JSONSerialization.jsonObject(with: Data(bytes), options: []) else {
      return .failure(notJSON(complete: complete))
    }
    guard lenient is [String: Any] else {
      let kind = lenient is [Any] ? "an array" : "a number or boolean"
      return .failure(ParseFailure(message: "expected a JSON object per line, found \(kind)"))
    }
    guard let strict = try? JSONSerialization.data(withJSONObject: lenient, options: []) else {
      return .failure(notJSON(complete: complete))
    }
    let outcome = Array(strict).withUnsafeBufferPointer { parser.parse($0) }
    guard case .parsed(let value) = outcome else { return .failure(notJSON(complete: complete)) }
    return object(value, complete: complete)
  }

  static func parseObject(_ bytes: [UInt8], complete: Bool, with parser: JSONParser)
    -> Result<JSONObject, ParseFailure>
  {
    bytes.withUnsafeBufferPointer { parseObject($0, complete: complete, with: parser) }
  }

  private static func notJSON(complete: Bool) -> ParseFailure {
    let hint = complete ? "" : " (the last line is cut short: was the file truncated?)"
    return ParseFailure(message: "not valid JSON\(hint)")
  }

  /// The range of the next physical line in `input.bytes`, without its line end, and whether
  /// a line feed ended it. The range is valid until the input is refilled.
  private mutating func nextLine() throws(RecordError) -> (Range<Int>, Bool)? {
    var searchFrom = input.start
    while true {
      let found: Int? = input.bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress, searchFrom < buffer.count else { return nil }
        guard let hit = memchr(base + searchFrom, 0x0A, buffer.count - searchFrom) else {
          return nil
        }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      }
      if let newline = found {
        var end = newline
        if end > input.start && input.bytes[end - 1] == 0x0D { end -= 1 }
        let range = input.start..<end
        input.start = newline + 1
        line += 1
        return (range, true)
      }
      if input.isAtEnd {
        guard input.available > 0 else { return nil }
        let range = input.start..<input.bytes.count
        input.start = input.bytes.count
        line += 1
        return (range, false)
      }
      let scanned = input.available
      try input.refill()
      searchFrom = input.start + scanned
    }
  }

  /// Returns the depth reached when nesting goes past `limit`, else nil. Brackets inside
  /// strings do not count.
  static func nestingExceeds(_ limit: Int, in bytes: [UInt8]) -> Int? {
    var depth = 0
    var inString = false
    var escaped = false
    for byte in bytes {
      if inString {
        if escaped {
          escaped = false
        } else if byte == 0x5C {
          escaped = true
        } else if byte == 0x22 {
          inString = false
        }
        continue
      }
      switch byte {
      case 0x22: inString = true
      case 0x7B, 0x5B:
        depth += 1
        if depth > limit { return depth }
      case 0x7D, 0x5D: depth -= 1
      default: break
      }
    }
    return nil
  }

  static func kind(of value: JSONValue) -> String {
    if value.array != nil { return "an array" }
    if value.isString { return "a string" }
    if value.isNull { return "null" }
    return "a number or boolean"
  }
}
