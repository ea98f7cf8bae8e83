import Testing

@testable import CloutIngest

@Suite struct TimestampParserTests {
  @Test(
    arguments: [
      ("2026-10-01", 1_790_812_800),
      ("2026-10-01T00:00:00Z", 1_790_812_800),
      ("2026-10-01T00:00:00", 1_790_812_800),
      ("2026-10-01 02:00:00+02:00", 1_790_812_800),
      ("2026-10-01T02:00+0200", 1_790_812_800),
      ("2026-10-01T02:00:00.999+02", 1_790_812_800),
      ("2026-09-30T22:30:00-01:30", 1_790_812_800),
      ("2026-10-01 02:00:00 +0200", 1_790_812_800),
      ("2021-04-08T19:34:16.000Z", 1_617_910_456),
      ("  1790812800 ", 1_790_812_800),
      ("1790812800.75", 1_790_812_800),
      ("-1.5", -2),
      ("2024-02-29T12:00:00Z", 1_709_208_000),
      ("1969-12-31T23:59:59Z", -1),
    ] as [(String, Int64)])
  func parses(text: String, expected: Int64) {
    #expect(TimestampParser.parse(text) == expected)
  }

  @Test(arguments: [
    "", "yesterday", "2026-13-01", "2026-02-30", "2025-02-29", "2026-10-01T25:00",
    "2026-10-01T12", "2026-10-01X12:00", "2026-10-01T12:00+25:00", "12345678901234567890",
    "1.", "1e9", "2026-10-01T12:00:00Zjunk",
  ])
  func rejects(text: String) {
    #expect(TimestampParser.parse(text) == nil)
  }

  @Test func twitterV1Times() {
    #expect(TimestampParser.parseTwitterV1("Sun Aug 10 01:30:14 +0000 2014") == 1_407_634_214)
    #expect(TimestampParser.parseTwitterV1("Sun Aug 10 03:30:14 +0200 2014") == 1_407_634_214)
    #expect(TimestampParser.parseTwitterV1("Sun Foo 10 01:30:14 +0000 2014") == nil)
    #expect(TimestampParser.parseTwitterV1("2014-08-10") == nil)
  }
}
