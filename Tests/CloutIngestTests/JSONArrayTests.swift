import CloutCore
import Testing

@testable import CloutIngest

/// JSON arrays are read element by element (`JSONObjectReader`), never whole.
@Suite struct JSONArrayTests {
  static func status(_ id: Int, text: String = "x") -> String {
    #"{"id":"\#(id)","account":{"id":"1","acct":"ann@a.example"},"created_at":"2024-01-01T00:00:00Z","content":"\#(text)"}"#
  }

  @Test func elementsAcrossBufferRefills() throws {
    // ~3 MB: elements straddle the 1 MiB chunks; brackets and quotes inside strings.
    let filler = String(repeating: #"[{\"]}, "#, count: 40)
    let elements = (1...6000).map { Self.status($0, text: filler) }
    let text = "[\n" + elements.joined(separator: ",\n") + "\n]\n"
    let result = try readAll(Input.file("big.json", text))
    #expect(result.opened.format == .mastodon)
    #expect(result.errors.isEmpty)
    #expect(result.posts.count == 6000)
    #expect(result.posts.last?.id == "6000")
    #expect(result.posts.first?.text == filler.replacingOccurrences(of: "\\\"", with: "\""))
    #expect(result.lines.prefix(3) == [2, 3, 4])
    #expect(result.opened.stream.bytesRead == Int64(text.utf8.count))
  }

  @Test func pagesObjectsAndBadElements() throws {
    let text = """
      [\(Self.status(1)),
       1, [2], \(Self.status(2).replacingOccurrences(of: "\"id\":\"2\",", with: ""))]
      [] [\(Self.status(3))]
      \(Self.status(4))
      oops
      [\(Self.status(5)), {"id":"6","account":{"acct":"b"},"created_at":"2024-01-01T00:00:00Z","content":"cut
      """
    let result = try readAll(Input.file("pages.json", text), format: .mastodon)
    #expect(result.posts.map(\.id) == ["1", "3", "4", "5"])
    #expect(result.lines == [1, 3, 4, 6])
    #expect(result.errors.map(\.line) == [2, 2, 2, 5, 6, 6])
    let messages = result.errors.map(\.message)
    #expect(messages[0] == #"expected a JSON object as array element, found "1""#)
    #expect(messages[1] == #"expected a JSON object as array element, found "[2]""#)
    #expect(messages[2] == "missing: a status needs an id")
    #expect(messages[3] == #"expected a JSON array or object, found "oops"; line skipped"#)
    #expect(messages[4] == "not valid JSON (the last line is cut short: was the file truncated?)")
    #expect(
      messages[5] == "the JSON array is not closed: the input ends inside it (truncated?)")
  }

  @Test func detectsArraysOfEveryPlatform() throws {
    let bluesky =
      #"[{"uri":"at://did:plc:a/app.bsky.feed.post/1","author":{"did":"did:plc:a"},"record":{"createdAt":"2024-01-01T00:00:00Z"}}]"#
    let reddit = #"[{"id":"a1","name":"t1_a1","author":"x","created_utc":1,"body":"b"}]"#
    let hackernews = #"[ {"id":1,"by":"x","time":1,"type":"story"} ]"#
    for (text, format) in [
      (bluesky, InputFormat.bluesky), (reddit, .reddit), (hackernews, .hackernews),
    ] {
      let result = try readAll(Input.file("array.json", text))
      #expect(result.opened.format == format)
      #expect(result.opened.detectionNote?.hasSuffix(", a JSON array") == true)
      #expect(result.posts.count == 1)
    }
    let empty = openError(Input.file("empty.json", "[ ]\n"))
    #expect(empty?.message.contains("empty or unfinished JSON array") == true)
    let unknown = openError(Input.file("unknown.json", "[\n{\"kind\": 1}]"))
    #expect(unknown?.line == 2)
    #expect(
      unknown?.message.contains(
        "the first element of the JSON array is a JSON object with keys kind") == true)
  }
}
