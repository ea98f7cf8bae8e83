import CloutCore
import Testing

@Suite struct InteractionWeightingTests {
  @Test func defaults() throws {
    let weighting = try InteractionWeighting()
    #expect(weighting.typeWeight(.reply) == 1)
    #expect(weighting.typeWeight(.quote) == 0.8)
    #expect(weighting.typeWeight(.repost) == 0.6)
    #expect(weighting.typeWeight(.mention) == 0.4)
    #expect(weighting.halfLife == 7_776_000.0)  // 90 days
  }

  @Test func decayHalvesPerHalfLife() throws {
    let weighting = try InteractionWeighting(halfLife: 100)
    #expect(weighting.weight(type: .reply, age: 0) == 1)
    #expect(weighting.weight(type: .reply, age: 100) == 0.5)
    #expect(weighting.weight(type: .quote, age: 200) == 0.8 * 0.25)
    #expect(abs(weighting.weight(type: .mention, age: 50) - 0.4 * 0.5.squareRoot()) < 1e-15)
    // Interactions dated in the future count as new.
    #expect(weighting.weight(type: .repost, age: -1_000) == 0.6)
  }

  @Test func noDecay() throws {
    let weighting = try InteractionWeighting(typeWeights: "mention=2", halfLife: "none")
    #expect(weighting.halfLife == nil)
    #expect(weighting.weight(type: .mention, age: 1e12) == 2)
    #expect(weighting.weight(type: .reply, age: 1e12) == 1)
  }

  @Test func parsesTypeWeights() throws {
    let all = try InteractionWeighting.parseTypeWeights("reply=1,quote=0.8,repost=0.6,mention=0.4")
    #expect(all == [.reply: 1, .quote: 0.8, .repost: 0.6, .mention: 0.4])
    let partial = try InteractionWeighting.parseTypeWeights(" Mention = 0 , reply=2.5")
    #expect(partial == [.mention: 0, .reply: 2.5])
    #expect(try InteractionWeighting.parseTypeWeights("").isEmpty)
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
    #expect(throws: error) { try InteractionWeighting.parseTypeWeights(text) }
  }

  @Test func errorsSayWhatToType() {
    let unknown = InteractionWeighting.ParseError.unknownType("like").description
    #expect(unknown.contains("reply, quote, repost, mention"))
    #expect(InteractionWeighting.ParseError.invalidHalfLife("3x").description.contains("30d"))
  }

  static let halfLives: [(String, Double)] = [
    ("30d", 2_592_000), ("12h", 43_200), ("90m", 5_400), ("2w", 1_209_600), ("45s", 45),
    (" 1.5D ", 129_600),
  ]

  @Test(arguments: halfLives)
  func parsesHalfLife(text: String, seconds: Double) throws {
    #expect(try InteractionWeighting.parseHalfLife(text) == seconds)
  }

  @Test func parsesNone() throws {
    #expect(try InteractionWeighting.parseHalfLife("none") == nil)
    #expect(try InteractionWeighting.parseHalfLife(" NONE") == nil)
  }

  @Test(arguments: ["", "30", "d", "30x", "-1d", "0d", "infd", "nanh", "1 d x", "3 0d"])
  func rejectsBadHalfLife(text: String) {
    #expect(throws: InteractionWeighting.ParseError.invalidHalfLife(text)) {
      try InteractionWeighting.parseHalfLife(text)
    }
  }

  @Test func rejectsBadValuesInInit() {
    #expect(throws: InteractionWeighting.ParseError.self) {
      try InteractionWeighting(typeWeights: [.reply: -0.5])
    }
    #expect(throws: InteractionWeighting.ParseError.self) {
      try InteractionWeighting(halfLife: 0)
    }
    #expect(throws: InteractionWeighting.ParseError.self) {
      try InteractionWeighting(halfLife: .infinity)
    }
  }
}
