import CloutCore

/// Reads the JSON objects of an input that is either JSON Lines (one object per line) or one
/// or more top-level JSON arrays of objects (an API response saved as is, several pages saved
/// one after the other, or pretty-printed), in bounded memory: an array is never parsed
/// whole, its elements are found by a byte scan (strings and nesting tracked) and each is
/// parsed on its own, with the guards of `JSONLineReader`.
///
/// The layout is chosen by the first non-blank byte: `[` reads arrays, anything else lines.
/// In array layout, an object standing alone between arrays is read too; anything else there
/// is a bad record and the rest of its line is skipped.
///
/// Cost of the element scan, release build, this 2-core machine (loaded by other builds):
/// `Fixtures/mastodon.json` repeated 1,000 times (40 MB) read as one compact array gave
/// 45,530 posts/s against 50,926 posts/s for the same statuses as JSON Lines: about 10%,
/// JSONSerialization was the bottleneck then (simdjson parses now).
struct JSONObjectReader {
  private var lines: JSONLineReader
  let isArrayLayout: Bool
  /// Physical line (1-based) where the object returned last starts.
  private(set) var line = 0

  /// Array layout: the physical line at `input.start`, and whether a `[` is open.
  private var currentLine = 1
  private var inArray = false

  var input: ByteInput { lines.input }

  init(input: ByteInput) throws(RecordError) {
    lines = JSONLineReader(input: input)
    var offset = 0
    var first: UInt8?
    while first == nil {
      let bytes = input.bytes
      var index = input.start + offset
      while index < bytes.count, JSONScanner.isBlank(bytes[index]) { index += 1 }
      if index < bytes.count {
        first = bytes[index]
      } else {
        offset = input.available
        guard try input.refill() else { break }
      }
    }
    isArrayLayout = first == UInt8(ascii: "[")
  }

  var bytesRead: Int64 {
    isArrayLayout ? input.bytesRead - Int64(input.available) : lines.bytesRead
  }

  /// The next object, or a bad record naming its line; nil at the end of the input.
  mutating func nextObject() throws(RecordError) -> Result<JSONObject, RecordError>? {
    guard isArrayLayout else {
      let result = try lines.nextObject()
      line = lines.line
      return result
    }
    while true {
      guard let byte = try nextNonBlank() else {
        guard inArray else { return nil }
        inArray = false
        line = currentLine
        return .failure(bad("the JSON array is not closed: the input ends inside it (truncated?)"))
      }
      switch byte {
      case UInt8(ascii: "["):
        if inArray { break }
        input.start += 1
        inArray = true
        continue
      case UInt8(ascii: "]") where inArray:
        input.start += 1
        inArray = false
        continue
      case UInt8(ascii: ",") where inArray:
        input.start += 1
        continue
      case UInt8(ascii: "{"):
        break
      default:
        if !inArray {
          line = currentLine
          let skipped = try skipLine()
          return .failure(
            bad("expected a JSON array or object, found \(Quoting.show(skipped)); line skipped"))
        }
      }
      line = currentLine
      let (value, complete) = try takeValue()
      guard value.first == UInt8(ascii: "{") else {
        let shown = String(decoding: value.prefix(60), as: UTF8.self)
        return .failure(
          bad("expected a JSON object as array element, found \(Quoting.show(shown))"))
      }
      return JSONLineReader.parseObject(value, complete: complete, with: lines.parser).mapError {
        failure in
        bad(failure.message.replacingOccurrences(of: "of the line", with: "of the element"))
      }
    }
  }

  private func bad(_ message: String) -> RecordError {
    RecordError(file: input.displayName, line: line, message: message)
  }

  /// Skips blanks (counting lines) and returns the next byte without consuming it.
  private mutating func nextNonBlank() throws(RecordError) -> UInt8? {
    while true {
      let bytes = input.bytes
      var index = input.start
      while index < bytes.count, JSONScanner.isBlank(bytes[index]) {
        if bytes[index] == 0x0A { currentLine += 1 }
        index += 1
      }
      input.start = index
      if index < bytes.count { return bytes[index] }
      guard try input.refill() else { return nil }
    }
  }

  private mutating func skipLine() throws(RecordError) -> String {
    var skipped: [UInt8] = []
    while true {
      let bytes = input.bytes
      var index = input.start
      while index < bytes.count, bytes[index] != 0x0A { index += 1 }
      if skipped.count < 80 { skipped += bytes[input.start..<min(index, input.start + 80)] }
      input.start = index
      if index < bytes.count { break }
      guard try input.refill() else { break }
    }
    return String(decoding: skipped.prefix(60), as: UTF8.self)
  }

  /// Consumes one JSON value starting at `input.start`; returns its bytes and whether it
  /// ended before the input did.
  private mutating func takeValue() throws(RecordError) -> ([UInt8], Bool) {
    var scanner = JSONScanner()
    var offset = 0
    while true {
      let end = scanner.scan(input.bytes, from: input.start + offset)
      if let end {
        let value = Array(input.bytes[input.start..<end])
        currentLine += scanner.lineFeeds
        input.start = end
        return (value, true)
      }
      offset = input.available
      guard try input.refill() else {
        let value = Array(input.bytes[input.start...])
        currentLine += scanner.lineFeeds
        input.start = input.bytes.count
        return (value, false)
      }
    }
  }

  /// The first element of the array that starts the buffered input, read ahead without
  /// consuming anything (for format detection). Nil when the array is empty or the element
  /// does not end within `limit` bytes.
  static func peekFirstArrayElement(_ input: ByteInput, limit: Int) throws(RecordError)
    -> (element: [UInt8], line: Int)?
  {
    var line = 1
    var index = input.start
    var sawBracket = false
    while true {
      let bytes = input.bytes
      while index < bytes.count,
        JSONScanner.isBlank(bytes[index]) || (!sawBracket && bytes[index] == UInt8(ascii: "["))
      {
        if bytes[index] == 0x0A { line += 1 }
        if bytes[index] == UInt8(ascii: "[") { sawBracket = true }
        index += 1
      }
      if index < bytes.count { break }
      let offset = index - input.start
      guard try input.refill() else { return nil }
      index = input.start + offset
    }
    guard input.bytes[index] != UInt8(ascii: "]") else { return nil }
    var scanner = JSONScanner()
    var from = index
    while true {
      if let end = scanner.scan(input.bytes, from: from) {
        return (Array(input.bytes[index..<end]), line)
      }
      guard input.available < limit else { return nil }
      let valueOffset = index - input.start
      let scannedOffset = input.bytes.count - input.start
      guard try input.refill() else { return nil }
      index = input.start + valueOffset
      from = input.start + scannedOffset
    }
  }
}

/// Finds where one JSON value ends, resumably across buffer refills. Does not validate: the
/// parser does that on the value's bytes.
struct JSONScanner {
  private var depth = 0
  private var inString = false
  private var escaped = false
  private var started = false
  private var isScalar = false
  /// Line feeds inside the value scanned so far.
  private(set) var lineFeeds = 0

  static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  /// Scans `bytes[from...]`; returns the index just after the value, or nil when the value
  /// goes on past the buffer.
  mutating func scan(_ bytes: [UInt8], from: Int) -> Int? {
    bytes.withUnsafeBufferPointer { buffer in
      var index = from
      let count = buffer.count
      while index < count {
        let byte = buffer[index]
        if byte == 0x0A { lineFeeds += 1 }
        if inString {
          if escaped {
            escaped = false
          } else if byte == 0x5C {
            escaped = true
          } else if byte == 0x22 {
            inString = false
            if isScalar && depth == 0 { return index + 1 }
          }
          index += 1
          continue
        }
        if !started {
          started = true
          isScalar = byte != 0x7B && byte != 0x5B
        } else if isScalar && depth == 0
          && (JSONScanner.isBlank(byte) || byte == 0x2C || byte == 0x5D || byte == 0x7D)
        {
          if byte == 0x0A { lineFeeds -= 1 }
          return index
        }
        switch byte {
        case 0x22: inString = true
        case 0x7B, 0x5B: depth += 1
        case 0x7D, 0x5D:
          depth -= 1
          if depth <= 0 && !isScalar { return index + 1 }
        default: break
        }
        index += 1
      }
      return nil
    }
  }
}
