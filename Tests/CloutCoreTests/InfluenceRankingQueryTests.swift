import Testing

@testable import CloutCore

/// The ranking's query API against hand-computed weights: with reply 1, mention 0.5,
/// quote 0.25 and a 100-second half-life, an interaction 100 s old counts half.
@Suite struct InfluenceRankingQueryTests {
  /// a (0), b (1), c (2), d (3). b replies to a now and mentioned a 100 s ago (1 + 0.25),
  /// c replied to a 200 s ago (0.25), a quotes c now (0.25), d mentions b now (0.5).
  func ranking() throws -> InfluenceRanking {
    let data = EngagementData(
      accounts: ["a", "b", "c", "d"].map {
        AccountInfo(platform: "test", handle: $0, userID: nil, displayName: nil)
      },
      graphAccountCount: 4, interactionActors: [1, 1, 2, 0, 3],
      interactionTargets: [0, 0, 0, 2, 1],
      interactionTypes: [.reply, .mention, .reply, .quote, .mention],
      interactionTimes: [1000, 900, 800, 1000, 1000],
      interactionMultipliers: [1, 1, 1, 1, 1], postAuthors: [], postParents: [], postRowIDs: [])
    let weighting = try InteractionWeighting(
      typeWeights: [.reply: 1, .mention: 0.5, .quote: 0.25], halfLife: 100)
    return try InfluenceRanking(
      data: data, parameters: RankingParameters(weighting: weighting, asOf: 1000))
  }

  @Test func counterpartsSumWeightsAndCountTypesBothWays() throws {
    let result = try ranking()
    let (incoming, outgoing) = result.counterparts(of: 0)
    #expect(incoming.map(\.account) == [1, 2])
    #expect(incoming.map(\.weight) == [1.25, 0.25])
    #expect(incoming[0].counts == [.reply: 1, .mention: 1])
    #expect(incoming[1].counts == [.reply: 1])
    #expect(outgoing == [.init(account: 2, weight: 0.25, counts: [.quote: 1])])
    #expect(result.counterparts(of: 3).incoming.isEmpty)
  }

  @Test func engagersAreDistinctAccounts() throws {
    let result = try ranking()
    // b interacts with a twice but counts once.
    #expect((0..<4).map(result.engagerCount(of:)) == [2, 1, 1, 0])
  }

  @Test func edgesAmongKeepOnlyEdgesInsideTheSet() throws {
    let result = try ranking()
    #expect(
      result.edges(among: [2, 0]) == [
        .init(source: 2, target: 0, weight: 0.25), .init(source: 0, target: 2, weight: 0.25),
      ])
    // d → b is the only edge touching d; b → a leaves the set {b, d}.
    #expect(result.edges(among: [1, 3]) == [.init(source: 3, target: 1, weight: 0.5)])
  }
}

@Suite struct EngagementDataValidationTests {
  func valid() -> EngagementData {
    EngagementData(
      accounts: ["a", "b"].map {
        AccountInfo(platform: "test", handle: $0, userID: nil, displayName: nil)
      },
      graphAccountCount: 2, interactionActors: [0], interactionTargets: [1],
      interactionTypes: [.reply], interactionTimes: [10], interactionMultipliers: [1],
      postAuthors: [1, 0], postParents: [-1, 0], postRowIDs: [7, 8])
  }

  @Test func consistentDataPasses() {
    #expect(valid().invariantViolation == nil)
  }

  @Test func eachDisagreementIsNamedAndRankingRefusesIt() {
    var outside = valid()
    outside.interactionTargets = [2]
    #expect(outside.invariantViolation == "interaction 0 names an account outside the graph")
    #expect(throws: InfluenceRanking.Failure.self) { try InfluenceRanking(data: outside) }

    var short = valid()
    short.interactionTimes = []
    #expect(short.invariantViolation == "the interaction arrays differ in length")

    var parent = valid()
    parent.postParents = [-1, 5]
    #expect(parent.invariantViolation == "post 1 has parent 5, not a post index")

    var author = valid()
    author.postAuthors = [1, 9]
    #expect(author.invariantViolation == "post 1 has author 9, not an account index")

    var graph = valid()
    graph.graphAccountCount = 3
    #expect(graph.invariantViolation == "graphAccountCount 3 is not within the 2 accounts")

    var placeholder = valid()
    placeholder.placeholderKeys = [4: "x"]
    #expect(placeholder.invariantViolation == "placeholder 4 is not a post index")
  }
}
