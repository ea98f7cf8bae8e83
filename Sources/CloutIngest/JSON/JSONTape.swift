import CSimdjson

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One simdjson DOM parser, reused for every record of an input: its buffers grow to the
/// largest record seen (and are dropped again after a huge one, see `parse`).
///
/// Why the tape and not Foundation objects: building `[String: Any]` trees cost more than the
/// parse itself; the readers look up a few dozen fields per record by scanning the tape
/// (callgrind, 5,568 v1.1 tweets: field lookups 61M instructions, simdjson 103M, the
/// JSONSerialization path it replaced 3,916M for the whole reader thread).
///
/// Values read from a parse (`JSONObject`, `JSONValue`, `JSONArray`) point into the parser's
/// tape: they are valid until the next `parse` on the same parser, and the parser must outlive
/// them. Readers convert a record fully before asking for the next one.
final class JSONParser {
  private let parser: OpaquePointer

  /// Buffers sized for a record larger than this are released after it: one 200 MB line must
  /// not keep ~3 GB of tape and string buffer for the rest of the input.
  static let keptCapacity = 16 << 20

  /// `maximumDepth`: the deepest nesting accepted (`[[1]]` nests 2 levels).
  init(maximumDepth: Int) {
    // simdjson's limit counts brackets as `nestingExceeds` does: N accepts `[` nested N deep.
    guard let parser = clout_json_parser_create(maximumDepth) else {
      fatalError("out of memory creating the JSON parser")
    }
    self.parser = parser
    assert(ByteInput.padding >= Int(clout_json_parse_padding()))
  }

  deinit { clout_json_parser_destroy(parser) }

  enum Outcome {
    case parsed(JSONValue)
    /// Nesting past the maximum depth.
    case tooDeep
    /// Invalid UTF-8, invalid JSON, or no memory for the document.
    case invalid
  }

  /// Parses one JSON document. The returned value is valid until the next call.
  /// `padded`: at least `ByteInput.padding` readable bytes follow `bytes` in memory, so
  /// simdjson reads them where they are instead of from a copy (see `ByteInput.withPaddedBytes`).
  func parse(_ bytes: UnsafeBufferPointer<UInt8>, padded: Bool = false) -> Outcome {
    if bytes.count > Self.keptCapacity { clout_json_parser_shrink(parser, 0) }
    let code =
      padded && bytes.baseAddress != nil
      ? clout_json_parse_in_place(parser, bytes.baseAddress, bytes.count)
      : clout_json_parse(parser, bytes.baseAddress, bytes.count)
    guard code == 0 else { return code == clout_json_depth_error() ? .tooDeep : .invalid }
    let tape = clout_json_tape(parser)!
    let strings = clout_json_strings(parser)!
    // tape[0] is the root marker; the document's value starts at 1.
    return .parsed(JSONValue(tape: tape, strings: strings, index: 1))
  }

  /// Releases the buffers of a huge record once it has been converted.
  func releaseIfHuge() {
    clout_json_parser_shrink(parser, Self.keptCapacity)
  }
}

/// A value in simdjson's tape (documented in simdjson's `doc/tape.md`): each value is one
/// 64-bit word with its type character in the top byte, numbers take a second word, a string
/// word holds an offset into the string buffer (a 32-bit length, the bytes, a NUL), and an
/// object or array word holds the index just past its closing word.
struct JSONValue {
  let tape: UnsafePointer<UInt64>
  let strings: UnsafePointer<UInt8>
  let index: Int

  private static let payloadMask: UInt64 = 0x00FF_FFFF_FFFF_FFFF

  /// The tape type character: `{ [ " l u d t f n`.
  var type: UInt8 { UInt8(truncatingIfNeeded: tape[index] >> 56) }

  private var payload: UInt64 { tape[index] & Self.payloadMask }

  /// The tape index just past this value.
  var end: Int { Self.end(of: index, in: tape) }

  /// The tape index just past the value at `index`: a function of the raw tape, for the
  /// readers' field scans (their hottest loops), which walk the tape without a `JSONValue`.
  @inline(__always)
  static func end(of index: Int, in tape: UnsafePointer<UInt64>) -> Int {
    let word = tape[index]
    switch UInt8(truncatingIfNeeded: word >> 56) {
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      return Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: word))
    case UInt8(ascii: "l"), UInt8(ascii: "u"), UInt8(ascii: "d"): return index + 2
    default: return index + 1
    }
  }

  /// The string of the string word at `index`: its bytes' offset in `strings` and its length.
  @inline(__always)
  static func string(at index: Int, in tape: UnsafePointer<UInt64>, strings: UnsafePointer<UInt8>)
    -> (offset: Int, length: Int)
  {
    let offset = Int(truncatingIfNeeded: tape[index] & payloadMask)
    let length = Int(
      UInt32(littleEndian: UnsafeRawPointer(strings + offset).loadUnaligned(as: UInt32.self)))
    return (offset + 4, length)
  }

  var object: JSONObject? {
    type == UInt8(ascii: "{") ? JSONObject(value: self) : nil
  }

  var array: JSONArray? {
    type == UInt8(ascii: "[") ? JSONArray(value: self) : nil
  }

  var isString: Bool { type == UInt8(ascii: "\"") }
  var isNull: Bool { type == UInt8(ascii: "n") }
  var isBool: Bool { type == UInt8(ascii: "t") || type == UInt8(ascii: "f") }
  var isNumber: Bool {
    type == UInt8(ascii: "l") || type == UInt8(ascii: "u") || type == UInt8(ascii: "d")
  }

  /// The bytes of a string value (valid UTF-8, escapes decoded), else nil.
  var stringBytes: UnsafeBufferPointer<UInt8>? {
    guard isString else { return nil }
    let offset = Int(truncatingIfNeeded: payload)
    return Self.stringBytes(strings, at: offset)
  }

  static func stringBytes(_ strings: UnsafePointer<UInt8>, at offset: Int)
    -> UnsafeBufferPointer<UInt8>
  {
    let raw = UnsafeRawPointer(strings + offset)
    let length = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
    return UnsafeBufferPointer(start: strings + offset + 4, count: length)
  }

  var string: String? {
    stringBytes.map { String(decoding: $0, as: UTF8.self) }
  }

  /// An integer number that fits 64 bits, as decimal text (simdjson gives larger integers as
  /// doubles, as JSONSerialization did).
  var integerText: String? {
    switch type {
    case UInt8(ascii: "l"): String(Int64(bitPattern: tape[index + 1]))
    case UInt8(ascii: "u"): String(tape[index + 1])
    default: nil
    }
  }

  /// Any number as a Double (integers converted), else nil.
  var doubleValue: Double? {
    switch type {
    case UInt8(ascii: "l"): Double(Int64(bitPattern: tape[index + 1]))
    case UInt8(ascii: "u"): Double(tape[index + 1])
    case UInt8(ascii: "d"): Double(bitPattern: tape[index + 1])
    default: nil
    }
  }

  /// The Foundation-shaped description of a number or boolean, as `NSNumber.stringValue` gave
  /// it for error messages: booleans `1`/`0`, integers in decimal, doubles as Swift prints them.
  var numberText: String? {
    switch type {
    case UInt8(ascii: "t"): "1"
    case UInt8(ascii: "f"): "0"
    case UInt8(ascii: "d"): "\(Double(bitPattern: tape[index + 1]))"
    default: integerText
    }
  }
}

/// A JSON object in a parsed tape. Lookups scan the fields; when a key repeats, the last one
/// wins (as with JSONSerialization).
struct JSONObject {
  let value: JSONValue

  /// The value for `key`, or nil when the object has no such field.
  subscript(_ key: String) -> JSONValue? {
    var key = key
    return key.withUTF8 { wanted in lookup(wanted) }
  }

  private func lookup(_ wanted: UnsafeBufferPointer<UInt8>) -> JSONValue? {
    let tape = value.tape
    let strings = value.strings
    let end = value.end - 1  // the closing `}`
    let wantedCount = wanted.count
    let wantedFirst = wantedCount > 0 ? wanted[0] : 0
    var index = value.index + 1
    var found = -1
    while index < end {
      // A key is always a string word; its value follows.
      let (offset, length) = JSONValue.string(at: index, in: tape, strings: strings)
      if length == wantedCount
        && (length == 0
          || (strings[offset] == wantedFirst
            && memcmp(strings + offset, wanted.baseAddress!, length) == 0))
      {
        found = index + 1
      }
      // Skip the value (inlined: this loop is the readers' hottest).
      index = JSONValue.end(of: index + 1, in: tape)
    }
    return found < 0 ? nil : JSONValue(tape: tape, strings: strings, index: found)
  }

  /// The fields in document order, repeated keys included.
  var fields: [(key: String, value: JSONValue)] {
    var result: [(key: String, value: JSONValue)] = []
    let end = value.end - 1
    var index = value.index + 1
    while index < end {
      let key = JSONValue(tape: value.tape, strings: value.strings, index: index)
      let field = JSONValue(tape: value.tape, strings: value.strings, index: index + 1)
      result.append((key.string ?? "", field))
      index = field.end
    }
    return result
  }

  /// The distinct keys (a repeated key once).
  var keys: [String] { Array(Set(fields.map(\.key))) }

  /// How many distinct keys the object has.
  var count: Int { Set(fields.map(\.key)).count }

  func has(_ key: String) -> Bool { self[key] != nil }
}

/// A JSON array in a parsed tape.
struct JSONArray: Sequence {
  let value: JSONValue

  struct Iterator: IteratorProtocol {
    let tape: UnsafePointer<UInt64>
    let strings: UnsafePointer<UInt8>
    var index: Int
    let end: Int

    mutating func next() -> JSONValue? {
      guard index < end else { return nil }
      let element = JSONValue(tape: tape, strings: strings, index: index)
      index = element.end
      return element
    }
  }

  func makeIterator() -> Iterator {
    Iterator(tape: value.tape, strings: value.strings, index: value.index + 1, end: value.end - 1)
  }

  var isEmpty: Bool { value.index + 1 >= value.end - 1 }

  var first: JSONValue? {
    var iterator = makeIterator()
    return iterator.next()
  }
}
