import CloutCore
import Testing

@testable import CloutIngest

@Suite struct FormatDetectionTests {
  @Test(arguments: [
    ("id,author,created_at\n1,a,0\n", InputFormat.postsCSV, "detected posts-csv"),
    ("\u{FEFF}\"Source\",target,TYPE,timestamp\na,b,reply,0\n", .edgesCSV, "detected edges-csv"),
    ("\n{\"data\":[],\"includes\":{}}\n", .twitterV2, "detected twitter-v2 (API response pages)"),
    (
      "{\"id\":\"1\",\"author_id\":\"2\",\"text\":\"x\",\"created_at\":\"2026-10-01\"}\n",
      .twitterV2,
      "detected twitter-v2 (one tweet per line)"
    ),
    ("{\"id_str\":\"1\",\"user\":{}}\n", .twitterV1, "detected twitter-v1"),
  ])
  func detects(text: String, format: InputFormat, note: String) throws {
    let opened = try RecordReaders.open(
      path: Input.file("input", text), format: .auto, platform: nil)
    #expect(opened.format == format)
    #expect(opened.detectionNote?.hasPrefix(note) == true)
  }

  @Test func explicitFormatHasNoNote() throws {
    let opened = try RecordReaders.open(
      path: Input.file("p.csv", "id,author,created_at\n"), format: .postsCSV, platform: nil)
    #expect(opened.detectionNote == nil)
  }

  @Test func unknownCSVSaysWhatWasTried() {
    let error = openError(Input.file("mystery.csv", "name,age\nann,3\n"))
    let message = error?.message ?? ""
    #expect(error?.line == 1)
    #expect(message.contains("posts-csv (header lacks 'id', 'author', 'created_at')"))
    #expect(message.contains("edges-csv (header lacks 'source', 'target', 'type', 'timestamp')"))
    #expect(message.contains("twitter-v2 and twitter-v1 (not JSON"))
  }

  @Test func unknownJSONSaysWhatWasTried() {
    let error = openError(Input.file("mystery.jsonl", "{\"kind\":\"t1\",\"body\":\"x\"}\n"))
    let message = error?.message ?? ""
    #expect(message.contains("keys body, kind"))
    #expect(message.contains("twitter-v2 (needs"))
    #expect(message.contains("twitter-v1 (needs `id_str` and `user`)"))
  }
}
