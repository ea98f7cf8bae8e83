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
    let weighting = try InteractionWeighting(typeWeights: [.mention: 2], halfLife: nil)
    #expect(weighting.halfLife == nil)
    #expect(weighting.weight(type: .mention, age: 1e12) == 2)
    #expect(weighting.weight(type: .reply, age: 1e12) == 1)
  }

  @Test func errorsSayWhatToType() {
    let unknown = InteractionWeighting.ParseError.unknownType("like").description
    #expect(unknown.contains("reply, quote, repost, mention"))
    #expect(InteractionWeighting.ParseError.invalidHalfLife("3x").description.contains("30d"))
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
