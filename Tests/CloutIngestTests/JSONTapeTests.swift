import CloutCore
import Foundation
import Testing

@testable import CloutIngest

/// The simdjson tape against Foundation's JSONSerialization (what the readers parsed with
/// before): the same lines accepted and rejected, the same values read, on real data and on
/// mutated copies of it.
@Suite struct JSONTapeTests {
  /// The old acceptance rule: UTF-8 and depth guards, then JSONSerialization, an object.
  static func foundationObject(_ bytes: [UInt8]) -> [String: Any]? {
    guard UTF8Validation.firstInvalidByte(in: bytes) == nil,
      JSONLineReader.nestingExceeds(JSONLineReader.maximumDepth, in: bytes) == nil
    else { return nil }
    return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
  }

  /// A tape value as the Foundation value JSONSerialization gives for the same JSON.
  static func foundation(_ value: JSONValue) -> Any {
    if let object = value.object {
      var dictionary: [String: Any] = [:]
      for (key, field) in object.fields { dictionary[key] = foundation(field) }
      return dictionary
    }
    if let array = value.array { return array.map { foundation($0) } }
    if let text = value.string { return text }
    switch value.type {
    case UInt8(ascii: "t"): return NSNumber(value: true)
    case UInt8(ascii: "f"): return NSNumber(value: false)
    case UInt8(ascii: "n"): return NSNull()
    case UInt8(ascii: "l"): return NSNumber(value: Int64(bitPattern: value.tape[value.index + 1]))
    case UInt8(ascii: "u"): return NSNumber(value: value.tape[value.index + 1])
    default: return NSNumber(value: value.doubleValue ?? .nan)
    }
  }

  /// The path of the first value that differs, nil when equal. Numbers compare by value
  /// (integers exactly, as text); booleans are distinct from numbers.
  static func difference(_ old: Any, _ new: Any, at path: String) -> String? {
    switch (old, new) {
    case (let old as [String: Any], let new as [String: Any]):
      guard Set(old.keys) == Set(new.keys) else { return path + " (keys)" }
      for (key, value) in old {
        if let found = difference(value, new[key]!, at: path + "." + key) { return found }
      }
      return nil
    case (let old as [Any], let new as [Any]):
      guard old.count == new.count else { return path + " (count)" }
      for (index, pair) in zip(old, new).enumerated() {
        if let found = difference(pair.0, pair.1, at: path + "[\(index)]") { return found }
      }
      return nil
    case (let old as String, let new as String):
      return old == new ? nil : path
    case (is NSNull, is NSNull):
      return nil
    case (let old as NSNumber, let new as NSNumber):
      let oldIsBool = String(cString: old.objCType) == "c"
      let newIsBool = String(cString: new.objCType) == "c"
      guard oldIsBool == newIsBool else { return path + " (bool)" }
      let oldIsInteger = !["d", "f"].contains(String(cString: old.objCType))
      let newIsInteger = !["d", "f"].contains(String(cString: new.objCType))
      if oldIsInteger && newIsInteger { return old.stringValue == new.stringValue ? nil : path }
      // Foundation keeps long decimals as Decimal, whose Double is not always the nearest one
      // (768913.99550304256 gave 768913.99550304256 against simdjson's 768913.9955030426).
      let tolerance = 1e-12 * max(abs(old.doubleValue), abs(new.doubleValue))
      return abs(old.doubleValue - new.doubleValue) <= tolerance
        ? nil : path + " (\(old) vs \(new))"
    default:
      return path + " (type)"
    }
  }

  /// Every line of the JSON Lines fixtures, and each status of the Mastodon array.
  static func realLines() throws -> [[UInt8]] {
    var lines: [[UInt8]] = []
    for name in [
      "twitter-v1.jsonl", "twitter-v2/flat.jsonl", "twitter-v2/kpop.jsonl", "bluesky.jsonl",
      "reddit.ndjson", "hackernews.jsonl",
    ] {
      let data = try Data(contentsOf: URL(fileURLWithPath: Input.fixture(name)))
      lines += data.split(separator: 0x0A).map { Array($0) }
    }
    let mastodon = try Data(contentsOf: URL(fileURLWithPath: Input.fixture("mastodon.json")))
    for status in try #require(JSONSerialization.jsonObject(with: mastodon) as? [Any]) {
      lines.append(Array(try JSONSerialization.data(withJSONObject: status)))
    }
    return lines
  }

  /// Accepts and rejects as the old parser did; when both accept, the values are equal.
  static func expectSameAsFoundation(_ bytes: [UInt8], parser: JSONParser) {
    let old = foundationObject(bytes)
    let new = JSONLineReader.parseObject(bytes, complete: true, with: parser)
    switch (old, new) {
    case (let old?, .success(let object)):
      if let path = difference(old, foundation(object.value), at: "") {
        Issue.record(
          "values differ at \(path): \(String(decoding: bytes.prefix(200), as: UTF8.self))")
      }
    case (nil, .failure): break
    default:
      let shown = String(decoding: bytes.prefix(200), as: UTF8.self)
      Issue.record("accepted by one parser only (Foundation: \(old != nil)): \(shown)")
    }
  }

  @Test func realRecordsParseToTheSameValues() throws {
    let parser = JSONParser(maximumDepth: JSONLineReader.maximumDepth)
    let lines = try Self.realLines()
    #expect(lines.count > 600)
    for line in lines { Self.expectSameAsFoundation(line, parser: parser) }
  }

  @Test func mutatedRecordsAreAcceptedAndRejectedAlike() throws {
    let parser = JSONParser(maximumDepth: JSONLineReader.maximumDepth)
    let lines = try Self.realLines().filter { $0.count < 4000 }
    // Bytes that change JSON's meaning: quotes, escapes, structure, digits, signs, exponents,
    // control characters, a lone UTF-8 continuation byte.
    let tokens: [UInt8] = Array(#""\{}[],:0123456789-+eE.tfn u"#.utf8) + [0x00, 0x1F, 0x80, 0xC3]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    var accepted = 0
    let rounds = 6000
    for round in 0..<rounds {
      var bytes = lines[round % lines.count]
      for _ in 0..<(1 + next() % 3) {
        let position = next() % bytes.count
        switch next() % 3 {
        case 0: bytes[position] = tokens[next() % tokens.count]
        case 1: bytes.insert(tokens[next() % tokens.count], at: position)
        default: bytes.remove(at: position)
        }
        if bytes.isEmpty { bytes = [0x7B] }
      }
      if Self.foundationObject(bytes) != nil { accepted += 1 }
      Self.expectSameAsFoundation(bytes, parser: parser)
    }
    // Both outcomes are exercised.
    #expect(accepted > rounds / 10 && accepted < rounds * 9 / 10)
  }

  @Test(arguments: [
    #"{"a":1,"a":"two"}"#, #"{"n":-0}"#, #"{"n":1.0}"#, #"{"n":1E2}"#, #"{"n":0.1e-400}"#,
    #"{"n":18446744073709551615}"#, #"{"n":-9223372036854775808}"#, #"{"s":"\u0000\ud83d\ude00"}"#,
    #"{"s":"\ud800"}"#, #"{"n":1e400}"#, #"{"n":01}"#, "{\"s\":\"tab\u{09}in\"}", #" {"a":[]} "#,
    #"{"a":1}x"#, #"{"a":1}{"b":2}"#, #"{"a":tru}"#, #"{"a":nul}"#, #"{"a":[1,]}"#, "{}",
  ])
  func edgeCasesMatchFoundation(_ line: String) {
    let parser = JSONParser(maximumDepth: JSONLineReader.maximumDepth)
    Self.expectSameAsFoundation(Array(line.utf8), parser: parser)
  }

  @Test func fieldReadsMatchTheOldConversions() throws {
    let parser = JSONParser(maximumDepth: JSONLineReader.maximumDepth)
    let line =
      #"{"id":12,"big":18446744073709551615,"f":1.5,"t":true,"z":0,"s":" padded ","#
      + #""e":"","ts":"1790000000","iso":"2026-10-01T00:00:00Z","u":1790000000.75,"#
      + #""huge":1e20,"nul":null,"arr":[{"x":1},2,{"y":"z"}],"obj":{"k":"v"},"nb":"\u00a0x"}"#
    let object = try JSONLineReader.parseObject(Array(line.utf8), complete: true, with: parser)
      .get()
    #expect(object.string("id") == "12")
    #expect(object.string("big") == "18446744073709551615")
    #expect(object.string("f") == nil)
    #expect(object.string("t") == nil)
    #expect(object.nonEmptyString("s") == "padded")
    #expect(object.nonEmptyString("e") == nil)
    #expect(object.nonEmptyString("nb") == "x")
    #expect(object.nonEmptyString("missing") == nil)
    #expect(object.unixSeconds("ts") == 1_790_000_000)
    #expect(object.unixSeconds("iso") == 1_790_812_800)
    #expect(object.unixSeconds("u") == 1_790_000_000)
    #expect(object.unixSeconds("huge") == nil)
    #expect(object.unixSeconds("t") == nil)
    #expect(object.flag("t") && object.flag("id") && !object.flag("z") && !object.flag("s"))
    #expect(object.shown("huge") == "1e+20")
    #expect(object.shown("t") == "1")
    #expect(object.shown("nul") == "null")
    #expect(object.shown("arr") == "an array")
    #expect(object.shown("missing") == "nothing")
    #expect(object.objects("arr").count == 2)
    #expect(object.object("obj")?.string("k") == "v")
    #expect(object.keys.count == 15 && object.count == 15)
    #expect(object.has("nul") && !object.has("missing"))
  }

  /// simdjson's depth limit lines up with the old guard: 512 levels read, 513 rejected.
  @Test func depthLimitIsExactlyFiveHundredTwelve() {
    let parser = JSONParser(maximumDepth: JSONLineReader.maximumDepth)
    func line(_ levels: Int) -> [UInt8] {
      // The object is one level; the rest are arrays.
      Array(
        ("{\"x\":" + String(repeating: "[", count: levels - 1)
          + String(repeating: "]", count: levels - 1) + "}").utf8)
    }
    #expect((try? JSONLineReader.parseObject(line(512), complete: true, with: parser).get()) != nil)
    switch JSONLineReader.parseObject(line(513), complete: true, with: parser) {
    case .success: Issue.record("513 levels were read")
    case .failure(let failure):
      #expect(failure.message == "JSON nested deeper than 512 levels (513+); not read")
    }
  }

  /// A line bigger than the kept buffers is read, and the parser keeps working afterwards.
  @Test func hugeLineThenSmallLines() throws {
    let text = String(repeating: "x", count: JSONParser.keptCapacity + 1000)
    let lines =
      #"{"id_str":"1","user":{"screen_name":"a"},"created_at":"Wed Oct 10 20:19:24 +0000 2018","#
      + #""text":""# + text + "\"}\n"
      + #"{"id_str":"2","user":{"screen_name":"b"},"created_at":"Wed Oct 10 20:19:25 +0000 2018"}"#
      + "\n"
    let result = try readAll(Input.file("huge.jsonl", lines), format: .twitterV1)
    #expect(result.errors.isEmpty)
    #expect(result.posts.map(\.id) == ["1", "2"])
    #expect(result.post("1")?.text?.utf8.count == text.utf8.count)
  }

  /// Twitter's exact layout is read by position; other layouts still go through the general
  /// reader, with the same results.
  @Test func twitterV1TimesInEveryLayout() {
    #expect(TimestampParser.parseTwitterV1("Sat Aug 09 01:30:14 +0000 2014") == 1_407_547_814)
    #expect(TimestampParser.parseTwitterV1("Sat Aug  9 01:30:14 +0000 2014") == 1_407_547_814)
    #expect(TimestampParser.parseTwitterV1("sat AUG 9 01:30:14 +0000 2014") == 1_407_547_814)
    #expect(TimestampParser.parseTwitterV1("Sun Aug 10 01:30:14 -0130 2014") == 1_407_639_614)
    #expect(TimestampParser.parseTwitterV1("Mon Feb 29 23:59:60 +0000 2016") == 1_456_790_400)
    #expect(TimestampParser.parseTwitterV1("Mon Feb 30 00:00:00 +0000 2016") == nil)
    #expect(TimestampParser.parseTwitterV1("Sun Aug 10 01:30:14 +0000 0000") == nil)
    #expect(TimestampParser.parseTwitterV1("Sun Aug 10 01:30:1x +0000 2014") == nil)
    #expect(TimestampParser.parseTwitterV1("Sun Aug 10 01:30:14 *0000 2014") == nil)
  }

  /// Hosts of ASCII URLs are read by bytes, others by Characters; the results agree with
  /// what the Character rules give.
  @Test func mastodonHosts() {
    #expect(MastodonReader.host("https://Quill.Example:443/users/a") == "quill.example")
    #expect(MastodonReader.host("https://toot.example/users/bram/statuses/1") == "toot.example")
    #expect(MastodonReader.host("https://toot.example?x#y") == "toot.example")
    #expect(MastodonReader.host("https://toot.example") == "toot.example")
    #expect(MastodonReader.host("https:///path") == nil)
    #expect(MastodonReader.host("toot.example/users") == nil)
    #expect(MastodonReader.host("://") == nil)
    #expect(MastodonReader.host(nil) == nil)
    #expect(MastodonReader.host("https://Bücher.Example/x") == "bücher.example")
  }
}
