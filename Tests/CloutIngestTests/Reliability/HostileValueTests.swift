import CloutCore
import Foundation
import Testing

@testable import CloutIngest

/// Hostile values, reader side: each value is either a clear error naming file and
/// line (and field when there is one), or accepted exactly. The store side (exact storage of
/// NUL bytes, emoji, right-to-left text, 10 MB fields, 100k mentions, extreme times) is in
/// CloutStoreTests/Reliability/HostileValueStoreTests.
@Suite struct HostileValueTests {
  let header = "id,author,created_at,text,mentions\n"

  @Test func invalidUTF8IsAnErrorWithFileLineAndField() throws {
    let csv =
      Array((header + "1,alice,2026-01-01,ok,\n2,bob,2026-01-01,bad ").utf8)
      + [0xC3, 0x28] + Array(",\n".utf8)
    let path = Input.file("u.csv", bytes: csv)
    let result = try readAll(path)
    #expect(result.posts.map(\.id) == ["1"])
    #expect(result.errors.map(\.description) == ["\(path):3: field 'text': not valid UTF-8"])

    let json = Array(#"{"id":"1","author_id":"9","text":"a "#.utf8) + [0xFF] + Array("\"}\n".utf8)
    let jsonPath = Input.file(
      "u.jsonl",
      bytes: Array(#"{"id":"0","author_id":"9","text":"ok","created_at":"2026-01-01"}"#.utf8) + [
        0x0A
      ] + json)
    let jsonResult = try readAll(jsonPath, format: .twitterV2)
    #expect(jsonResult.errors.map(\.line) == [2])
    #expect(jsonResult.errors.first?.message.contains("not valid UTF-8") == true)
  }

  @Test func nulBytes() throws {
    // A raw NUL in the first block: the file is refused as binary, naming the line.
    let binary = Input.file(
      "nul.csv", bytes: Array((header + "1,a,2026-01-01,x").utf8) + [0] + [0x0A])
    let error = openError(binary)
    #expect(
      error?.description
        == "\(binary):2: contains binary data (a NUL byte at offset \(header.utf8.count + 16)): not a text file"
    )
    // JSON's \u0000 escape is text: accepted and kept exactly.
    let escaped = Input.file(
      "nul.jsonl", #"{"id":"1","author_id":"9","text":"a\u0000b","created_at":"2026-01-01"}"# + "\n"
    )
    let result = try readAll(escaped, format: .twitterV2)
    #expect(result.posts.first?.text == "a\u{0}b")
    // A raw NUL inside a JSON string (after the first block) is bad JSON on its line.
    var bytes = Array(String(repeating: " \n", count: 600_000).utf8)
    bytes += Array(#"{"id":"1","author_id":"9","text":"a"#.utf8) + [0] + Array(#""}"#.utf8) + [0x0A]
    let raw = try readAll(Input.file("rawnul.jsonl", bytes: bytes), format: .twitterV2)
    #expect(raw.errors.map(\.line) == [600_001])
  }

  @Test func tenMegabyteFieldsAreReadWhole() throws {
    let big = String(repeating: "abcdefghij", count: 1_000_000)
    let csv = Input.file(
      "big.csv", header + "1,alice,2026-01-01,\"\(big)\"\"q\"\"\",\n2,bob,2026-01-02,,\n")
    let result = try readAll(csv)
    #expect(result.posts.map(\.id) == ["1", "2"])
    #expect(result.post("1")?.text == big + "\"q\"")
    #expect(result.lines == [2, 3])

    let json = Input.file(
      "big.jsonl",
      #"{"id":"1","author_id":"9","text":"\#(big)","created_at":"2026-01-01"}"# + "\n"
        + #"{"id":"2","author_id":"9","text":"x","created_at":"2026-01-01"}"# + "\n")
    let jsonResult = try readAll(json, format: .twitterV2)
    #expect(jsonResult.posts.map { $0.text?.utf8.count } == [10_000_000, 1])
  }

  @Test func hundredThousandMentionsInOnePost() throws {
    let handles = (0..<100_000).map { "user\($0)" }
    let started = Date()
    let csv = Input.file(
      "m.csv",
      header + "1,alice,2026-01-01,,\"" + handles.joined(separator: " ") + " USER5 @user6\"\n")
    let result = try readAll(csv)
    #expect(result.posts.first?.mentions.count == 100_000)
    #expect(result.posts.first?.derivedInteractions().count == 100_000)

    let mentions = handles.enumerated().map { #"{"screen_name":"\#($1)","id_str":"\#($0)"}"# }
    let tweet =
      #"{"id_str":"1","created_at":"Wed Oct 10 20:19:24 +0000 2018","user":{"id_str":"x","screen_name":"alice"},"text":"hi","entities":{"user_mentions":["#
      + mentions.joined(separator: ",") + "]}}\n"
    let v1 = try readAll(Input.file("m.jsonl", tweet), format: .twitterV1)
    #expect(v1.posts.first?.mentions.count == 100_000)
    // Was quadratic (minutes); now well under a second each in release.
    #expect(Date().timeIntervalSince(started) < 60)
  }

  @Test(arguments: [InputFormat.twitterV1, .mastodon, .bluesky, .reddit, .hackernews])
  func tenThousandLevelsOfNestingAreABadRecordNotACrash(format: InputFormat) throws {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    let lines = "{\"id\":1,\"x\":\(deep)}\n" + "[" + "{\"a\":\(deep)}" + "]\n"
    let result = try readAll(Input.file("deep.json", lines), format: format)
    #expect(!result.errors.isEmpty)
    #expect(result.errors.allSatisfy { $0.line != nil && $0.message.contains("nested deeper") })
  }

  @Test func numbersAsStringsAndStringsAsNumbers() throws {
    // Ids as numbers and times as strings are read; a malformed time is a bad record naming
    // its line and field.
    let hn = Input.file(
      "hn.jsonl",
      #"{"id":"41","type":"story","by":"alice","time":"1728900000"}"# + "\n"
        + #"{"id":42,"type":"comment","by":"bob","time":1728900001,"parent":"41"}"# + "\n"
        + #"{"id":43,"type":"comment","by":"bob","time":"yesterday","parent":41}"# + "\n")
    let result = try readAll(hn, format: .hackernews)
    #expect(result.posts.map(\.id) == ["41", "42"])
    #expect(result.post("41")?.createdAt == 1_728_900_000)
    #expect(result.post("42")?.replyTo?.postID == "41")
    #expect(result.errors.map { "\($0.line ?? 0) \($0.field ?? "")" } == ["3 time"])

    let v1 = Input.file(
      "v1.jsonl",
      #"{"id_str":123,"created_at":"Wed Oct 10 20:19:24 +0000 2018","user":{"id_str":7,"screen_name":"alice"},"text":5}"#
        + "\n")
    let tweet = try readAll(v1, format: .twitterV1)
    #expect(tweet.posts.first?.id == "123")
    #expect(tweet.posts.first?.author.userID == "7")
    // A number where text is expected is read as its digits.
    #expect(tweet.posts.first?.text == "5")
  }

  @Test func duplicateKeysAndColumnsAreReadDeterministically() throws {
    // JSON: Foundation keeps one value per key; whichever it keeps, the same every time.
    let line = #"{"id":"1","id":"2","author_id":"9","text":"a","created_at":"2026-01-01"}"# + "\n"
    let first = try readAll(Input.file("d.jsonl", line), format: .twitterV2).posts.map(\.id)
    let second = try readAll(Input.file("d.jsonl", line), format: .twitterV2).posts.map(\.id)
    #expect(first.count == 1 && first == second)
    // CSV: the first column of a repeated name is read.
    let csv = Input.file("d.csv", "id,author,created_at,author\n1,alice,2026-01-01,bob\n")
    #expect(try readAll(csv).posts.first?.author.handle == "alice")
  }

  @Test(arguments: [
    ("0001-01-01T00:00:00Z", -62_135_596_800 as Int64?), ("9999-12-31T23:59:59Z", 253_402_300_799),
    ("-62135596800", -62_135_596_800), ("999999999999999", 999_999_999_999_999),
    ("1970-01-01T00:00:00+23:59", -86_340), ("2026-02-30", nil), ("2026-13-01", nil),
    ("10000-01-01", nil), ("2026-01-01T24:00", nil), ("9999999999999999", nil), ("1e9", nil),
    ("NaN", nil), ("", nil), ("2026-01-01T12:00:00+24:00", nil), ("१९७०-01-01", nil),
  ])
  func timestampsFarAwayOrMalformed(text: String, expected: Int64?) throws {
    let path = Input.file("t.csv", "id,author,created_at\n1,alice,\(text)\n")
    let result = try readAll(path)
    if let expected {
      #expect(result.post("1")?.createdAt == expected)
    } else {
      #expect(result.errors.first?.line == 2 && result.errors.first?.field == "created_at")
    }
  }

  @Test(arguments: ["-1", "NaN", "nan", "inf", "-inf", "1e400", "-0.5", "one", "0x10"])
  func negativeOrNonFiniteWeightsAreErrors(weight: String) throws {
    let path = Input.file(
      "w.csv",
      "source,target,type,timestamp,weight\na,b,reply,2026-01-01,2.5\na,b,reply,2026-01-01,\(weight)\n"
    )
    let result = try readAll(path)
    #expect(result.edges.map(\.weight) == [2.5])
    #expect(result.errors.map { "\($0.line ?? 0) \($0.field ?? "")" } == ["3 weight"])
  }

  @Test func handlesWithSpacesEmojiAndRightToLeftText() throws {
    let path = Input.file(
      "h.csv",
      "id,author,created_at,reply_to_id,reply_to_author\n"
        + "1,\"  @Bad Handle  \",2026-01-01,,\n2,🙂🙃,2026-01-01,1,\"bad handle\"\n"
        + "3,\u{202E}עברית مرحبا,2026-01-01,2,🙂🙃\n4,\"  \",2026-01-01,,\n")
    let result = try readAll(path)
    #expect(result.posts.map { $0.author.handle } == ["bad handle", "🙂🙃", "\u{202E}עברית مرحبا"])
    #expect(result.post("2")?.replyTo?.author?.handle == "bad handle")
    #expect(result.errors.map { "\($0.line ?? 0) \($0.field ?? "")" } == ["5 author"])
  }
}
