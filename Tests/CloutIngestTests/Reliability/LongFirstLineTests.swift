import Foundation
import Testing

@testable import CloutIngest

/// A JSON first line longer than the 64 MB sniffing limit is detected like a short one (it
/// failed as "the last line is cut short: was the file truncated?", while `--format` read it).
@Suite struct LongFirstLineTests {
  @Test func aFirstJSONLineOverTheSniffingLimitIsDetected() throws {
    let text = String(repeating: "x", count: RecordReaders.firstLineLimit + 1_000)
    let time = "\"created_at\":\"2026-01-01T00:00:00Z\""
    let line =
      "{\"id\":\"1\",\"author_id\":\"2\",\(time),\"text\":\"" + text + "\"}\n"
      + "{\"id\":\"3\",\"author_id\":\"2\",\(time),\"text\":\"short\"}\n"
    let path = Input.file("long.jsonl", line)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let opened = try RecordReaders.open(path: path, format: .auto, platform: nil)
    #expect(opened.format == .twitterV2)
    var stream = opened.stream
    var posts = 0
    while let item = try stream.next() {
      if case .record(.post, _) = item { posts += 1 }
    }
    #expect(posts == 2)
  }
}
