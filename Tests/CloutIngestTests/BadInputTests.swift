import CloutCore
import Testing

@testable import CloutIngest

@Suite struct BadInputTests {
  @Test(arguments: [InputFormat.auto, .postsCSV, .twitterV2])
  func emptyFile(format: InputFormat) {
    let error = openError(Input.file("empty.csv", ""), format: format)
    #expect(error?.message == "the file is empty")
    #expect(error?.file.hasSuffix("empty.csv") == true)
    #expect(
      openError(Input.file("blank.csv", "\n \r\n"), format: format)?.message == "the file is empty")
  }

  @Test func binaryData() {
    let bytes: [UInt8] = Array("id,author".utf8) + [0, 1, 2, 0xFF] + Array(",created_at\n".utf8)
    let error = openError(Input.file("data.bin", bytes: bytes))
    #expect(error?.message.contains("binary data (a NUL byte at offset 9)") == true)
  }

  /// gzip input is decompressed as it is read; a gzip header with nothing after it is a
  /// file cut short, named as such.
  @Test func truncatedGzip() {
    let bytes: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00]
    let path = Input.file("tweets.jsonl.gz", bytes: bytes)
    let error = openError(path, format: .twitterV1)
    #expect(error?.file == path)
    #expect(error?.message == "the gzip data ends early: was the file cut short?")
  }

  @Test func missingFile() {
    let error = openError("/nonexistent/clout/posts.csv")
    #expect(error?.file == "/nonexistent/clout/posts.csv")
    #expect(error?.message.hasPrefix("cannot open") == true)
  }

  @Test func badJSONLines() throws {
    let good =
      #"{"id_str":"1","user":{"screen_name":"a"},"created_at":"Wed Oct 10 20:19:24 +0000 2018"}"#
    var bytes = Array((good + "\n").utf8)
    bytes += Array(#"{"id_str":"2","text":"bad "#.utf8) + [0xED, 0xA0, 0x80] + Array("\"}\n".utf8)
    bytes += Array(("[1,2]\n" + good.replacingOccurrences(of: "\"1\"", with: "\"3\"") + "\n").utf8)
    bytes += Array(
      (String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n").utf8)
    bytes += Array(
      ("{\"a\":" + String(repeating: "{\"b\":", count: 600) + "1"
        + String(repeating: "}", count: 601) + "\n").utf8)
    bytes += Array(#"{"id_str":"4","user":{"screen_name":"a"},"crea"#.utf8)
    let result = try readAll(Input.file("t.jsonl", bytes: bytes), format: .twitterV1)
    #expect(result.posts.map(\.id) == ["1", "3"])
    let errors = result.errors
    #expect(errors.map(\.line) == [2, 3, 5, 6, 7])
    #expect(errors[0].message.contains("not valid UTF-8"))
    #expect(errors[1].message.contains("expected a JSON object per line, found an array"))
    #expect(errors[2].message.contains("nested deeper than 512 levels"))
    #expect(errors[3].message.contains("nested deeper than 512 levels"))
    #expect(
      errors[4].message == "not valid JSON (the last line is cut short: was the file truncated?)")
    #expect(
      errors[4].description.hasSuffix(
        "t.jsonl:7: not valid JSON (the last line is cut short: was the file truncated?)"))
  }

  @Test func hugeNumbersDoNotTrap() throws {
    let path = Input.file(
      "n.csv", "id,author,created_at\n1,a,99999999999999999999999\n2,b,9999-12-31T23:59:59Z\n")
    let result = try readAll(path)
    #expect(result.errors.first?.field == "created_at")
    #expect(result.post("2")?.createdAt == 253_402_300_799)
    let json = Input.file(
      "n.jsonl",
      #"{"id":123456789012345678901234567890,"author_id":1e400,"text":"x","created_at":"2026-10-01"}"#
        + "\n")
    let jsonResult = try readAll(json, format: .twitterV2)
    #expect(jsonResult.posts.count + jsonResult.errors.count >= 1)
  }
}
