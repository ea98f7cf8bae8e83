import Foundation
import Testing

@testable import CloutIngest

/// `JSONObject.fields(_:)` (one scan for many keys) against the subscript (one scan per key):
/// the same value for every key, on hand-made edge cases and on every object of the fixtures.
@Suite struct JSONFieldTableTests {
  /// One parser per test: a parsed object lives until the parser's next parse.
  let parser = JSONParser(maximumDepth: JSONLineReader.maximumDepth)

  /// Every key the subscript finds, the table finds at the same tape index, and the reverse.
  static func agree(_ object: JSONObject, _ table: JSONFieldTable) -> [String] {
    let found = object.fields(table)
    var disagreements: [String] = []
    for (position, key) in table.keys.enumerated()
    where found[position]?.index != object[key]?.index {
      disagreements.append(key)
    }
    return disagreements
  }

  func object(_ json: String) -> JSONObject {
    let bytes = Array(json.utf8)
    let parsed = bytes.withUnsafeBufferPointer { parser.parse($0) }
    guard case .parsed(let value) = parsed, let object = value.object else {
      Issue.record("not an object: \(json)")
      return object("{}")
    }
    return object
  }

  @Test func repeatedMissingEmptyAndNestedKeys() {
    let table = JSONFieldTable(["id", "id_str", "", "user", "absent", "a_much_longer_key_than_any"])
    let cases = [
      #"{"id": 1, "id_str": "1", "user": {"id": 2, "id_str": "x"}}"#,
      // The last of repeated keys wins, as with the subscript.
      #"{"id": 1, "id": 2, "user": null, "user": {"id": 3}}"#,
      #"{"": "empty key", "i": 1, "idx": 2, "id_s": 3, "ID": 4}"#,
      #"{"nested": {"id": 9, "absent": 1}, "list": [{"id": 8}], "id": 7.5}"#,
      #"{"a_much_longer_key_than_anything": 1, "a_much_longer_key_than_any": [1, [2]]}"#,
      "{}",
    ]
    for json in cases {
      #expect(Self.agree(object(json), table) == [], "\(json)")
    }
    let found = object(#"{"id": 1, "id": "second"}"#).fields(table)
    #expect(found[0]?.string == "second")
    #expect(found[4] == nil)
  }

  /// Each object of the fixtures, with a table of all its own keys plus two it lacks.
  @Test func fixtureObjectsAgreeWithTheSubscript() throws {
    var checked = 0
    for name in ["twitter-v1.jsonl", "twitter-v2/flat.jsonl", "bluesky.jsonl", "hackernews.jsonl"] {
      let text = try String(contentsOfFile: Input.fixture(name), encoding: .utf8)
      for line in text.split(separator: "\n") {
        let bytes = Array(line.utf8)
        let parsed = bytes.withUnsafeBufferPointer { parser.parse($0) }
        guard case .parsed(let value) = parsed else { continue }
        var pending = [value]
        while let next = pending.popLast() {
          if let array = next.array { pending += Array(array) }
          guard let object = next.object else { continue }
          let keys = Array(Set(object.keys)).sorted().prefix(JSONFieldTable.capacity - 2)
          let table = JSONFieldTable(Array(keys) + ["not_a_key", "id_str_"])
          #expect(Self.agree(object, table) == [], "\(name): \(keys)")
          pending += object.fields.map(\.value)
          checked += 1
        }
      }
    }
    #expect(checked > 1000)
  }
}
