#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The keys a reader wants from one kind of object, found together in one scan of the
/// object's fields (`JSONObject.fields(_:)`) instead of one scan per key.
///
/// Why: a Twitter v1.1 tweet has 25–30 fields and its reader asked for about 16 keys, each
/// `JSONObject` subscript scanning the fields again (callgrind, 5,568 RumourEval tweets: the
/// subscripts took 69M of the reader thread's 316M instructions, simdjson 104M).
///
/// A field's key is matched by its length first (a table by length), then by its bytes, so
/// most fields cost one table load. When a key repeats in the object the last one wins, as
/// with `JSONObject.subscript`.
struct JSONFieldTable {
  /// At most this many keys: their values are kept inline (no allocation per object).
  static let capacity = 24

  let keys: [String]
  /// Key bytes, all keys one after the other; key `k` is `bytes[offsets[k]..<offsets[k + 1]]`.
  private let bytes: [UInt8]
  private let offsets: [Int]
  /// The keys of n bytes are `candidates[firstCandidate[n]..<firstCandidate[n + 1]]`.
  private let candidates: [Int]
  private let firstCandidate: [Int]

  init(_ keys: [String]) {
    precondition(keys.count <= Self.capacity, "a JSONFieldTable holds at most 24 keys")
    self.keys = keys
    let keyBytes = keys.map { Array($0.utf8) }
    bytes = keyBytes.flatMap { $0 }
    offsets = keyBytes.reduce(into: [0]) { $0.append($0.last! + $1.count) }
    let longest = keyBytes.map(\.count).max() ?? 0
    var candidates: [Int] = []
    var firstCandidate: [Int] = []
    for length in 0...(longest + 1) {
      firstCandidate.append(candidates.count)
      candidates += keyBytes.indices.filter { keyBytes[$0].count == length }
    }
    self.candidates = candidates
    self.firstCandidate = firstCandidate
  }

  /// Calls `body` with a matcher from a key's bytes to its position in `keys` (nil when the
  /// table lacks it), valid while `body` runs.
  fileprivate func withMatcher<Result>(
    _ body: ((UnsafePointer<UInt8>, Int) -> Int?) -> Result
  ) -> Result {
    bytes.withUnsafeBufferPointer { bytes in
      offsets.withUnsafeBufferPointer { offsets in
        candidates.withUnsafeBufferPointer { candidates in
          firstCandidate.withUnsafeBufferPointer { firstCandidate in
            let lengthLimit = firstCandidate.count - 1
            return body { key, count in
              guard count < lengthLimit else { return nil }
              var slot = firstCandidate[count]
              let slotEnd = firstCandidate[count + 1]
              while slot < slotEnd {
                let position = candidates[slot]
                if count == 0 || memcmp(key, bytes.baseAddress! + offsets[position], count) == 0 {
                  return position
                }
                slot += 1
              }
              return nil
            }
          }
        }
      }
    }
  }
}

/// The values of a `JSONFieldTable`'s keys in one object, by the key's position in the table.
/// Valid as long as the object it was read from.
struct JSONFields {
  let tape: UnsafePointer<UInt64>
  let strings: UnsafePointer<UInt8>
  /// Tape index of each key's value, or -1 when the object lacks the key (inline storage for
  /// `JSONFieldTable.capacity` keys).
  fileprivate var indices:
    (
      Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int,
      Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int
    ) = (
      -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
      -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1
    )

  fileprivate init(tape: UnsafePointer<UInt64>, strings: UnsafePointer<UInt8>) {
    self.tape = tape
    self.strings = strings
  }

  /// The value of the table's key at `position`, or nil when the object has no such field.
  subscript(_ position: Int) -> JSONValue? {
    let index = withUnsafeBytes(of: indices) { $0.load(fromByteOffset: position * 8, as: Int.self) }
    return index < 0 ? nil : JSONValue(tape: tape, strings: strings, index: index)
  }

  /// The value of `key` (a key enumeration whose raw value is the position in the table).
  subscript<Key: RawRepresentable<Int>>(_ key: Key) -> JSONValue? { self[key.rawValue] }

  fileprivate mutating func set(_ position: Int, _ index: Int) {
    withUnsafeMutableBytes(of: &indices) {
      $0.storeBytes(of: index, toByteOffset: position * 8, as: Int.self)
    }
  }
}

extension JSONObject {
  /// The values of every key of `table`, found in one scan of the fields.
  func fields(_ table: JSONFieldTable) -> JSONFields {
    let tape = value.tape
    let strings = value.strings
    var found = JSONFields(tape: tape, strings: strings)
    let end = value.end - 1  // the closing `}`
    var index = value.index + 1
    table.withMatcher { position in
      while index < end {
        // A key is always a string word; its value follows.
        let (offset, length) = JSONValue.string(at: index, in: tape, strings: strings)
        if let position = position(strings + offset, length) { found.set(position, index + 1) }
        index = JSONValue.end(of: index + 1, in: tape)
      }
    }
    return found
  }
}
