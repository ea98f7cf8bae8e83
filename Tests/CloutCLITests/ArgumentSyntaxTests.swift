import CloutCore
import Testing

@testable import clout

/// The command-line spellings of type weights and durations (`--weights`, `--half-life`,
/// `--horizon`), and the typed arguments that parse them once.
@Suite struct ArgumentSyntaxTests {
  @Test func parsesTypeWeights() throws {
    let all = try ArgumentSyntax.typeWeights("reply=1,quote=0.8,repost=0.6,mention=0.4")
    #expect(all == [.reply: 1, .quote: 0.8, .repost: 0.6, .mention: 0.4])
    let partial = try ArgumentSyntax.typeWeights(" Mention = 0 , reply=2.5")
    #expect(partial == [.mention: 0, .reply: 2.5])
    #expect(try ArgumentSyntax.typeWeights("").isEmpty)
    let weighting = try InteractionWeighting(typeWeights: partial)
    #expect(weighting.typeWeight(.quote) == 0.8)
    #expect(weighting.typeWeight(.reply) == 2.5)
  }

  @Test(arguments: [
    ("like=1", InteractionWeighting.ParseError.unknownType("like")),
    ("reply=-1", .invalidWeight(type: "reply", value: "-1")),
    ("reply=nan", .invalidWeight(type: "reply", value: "nan")),
    ("quote=inf", .invalidWeight(type: "quote", value: "inf")),
    ("quote=", .invalidWeight(type: "quote", value: "")),
    ("reply", .malformedTypeWeight("reply")),
    ("reply=1,,quote=1", .malformedTypeWeight("")),
    ("reply=1=2", .malformedTypeWeight("reply=1=2")),
    ("reply=1,reply=2", .duplicateType("reply")),
  ])
  func rejectsBadTypeWeights(text: String, error: InteractionWeighting.ParseError) {
    #expect(throws: error) { try ArgumentSyntax.typeWeights(text) }
  }

  static let halfLives: [(String, Double)] = [
    ("30d", 2_592_000), ("12h", 43_200), ("90m", 5_400), ("2w", 1_209_600), ("45s", 45),
    (" 1.5D ", 129_600),
  ]

  @Test(arguments: halfLives)
  func parsesHalfLife(text: String, seconds: Double) throws {
    #expect(try ArgumentSyntax.duration(text) == seconds)
  }

  @Test func parsesNone() throws {
    #expect(try ArgumentSyntax.duration("none") == nil)
    #expect(try ArgumentSyntax.duration(" NONE") == nil)
  }

  @Test(arguments: ["", "30", "d", "30x", "-1d", "0d", "infd", "nanh", "1 d x", "3 0d"])
  func rejectsBadHalfLife(text: String) {
    #expect(throws: InteractionWeighting.ParseError.invalidHalfLife(text)) {
      try ArgumentSyntax.duration(text)
    }
  }

  @Test func typedArgumentsKeepTheTextAndParseOnce() throws {
    let until = TimeArgument(argument: "2026-10-01")
    #expect(until.seconds == 1_790_812_800)
    #expect(until.lastSecond == 1_790_899_199)
    let instant = TimeArgument(argument: "2026-10-01T12:00:00Z")
    #expect(instant.lastSecond == 1_790_856_000)
    #expect(TimeArgument(argument: "last week").seconds == nil)
    #expect(try DurationArgument(argument: "2w").parsed.get() == 1_209_600)
    #expect(throws: InteractionWeighting.ParseError.invalidHalfLife("soon")) {
      try DurationArgument(argument: "soon").parsed.get()
    }
    let window = try #require(WindowArgument(argument: "2026-09-01..2026-10-01").bounds)
    #expect(window.since.seconds == 1_788_220_800)
    #expect(window.until.lastSecond == 1_790_899_199)
    #expect(WindowArgument(argument: "2026-09-01").bounds == nil)
    #expect(WindowArgument(argument: "2026-09-01..soon").bounds == nil)
  }
}
