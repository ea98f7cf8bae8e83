import Foundation
import Testing

@testable import CloutCore

/// The score's second time scale and its two newer parts, against values computed by hand,
/// and calibrations saved before they existed.
@Suite struct TimeScalePartsTests {
  /// a (0) replies to b (1) at t = 0, b reposts a at t = 50, c (2) mentions b at t = 100.
  static func data() -> EngagementData {
    EngagementData(
      accounts: ["a", "b", "c"].map {
        AccountInfo(platform: "test", handle: $0, userID: nil, displayName: nil)
      },
      graphAccountCount: 3, interactionActors: [0, 1, 2], interactionTargets: [1, 0, 1],
      interactionTypes: [.reply, .repost, .mention], interactionTimes: [0, 50, 100],
      interactionMultipliers: [1, 1, 1], postAuthors: [], postParents: [], postRowIDs: [])
  }

  /// Half-life 100 s, activity half-life 50 s, as of t = 100 (default type weights: reply 1,
  /// repost 0.6, mention 0.4).
  @Test func partsMatchHandComputedValues() throws {
    var parameters = RankingParameters(
      weighting: try InteractionWeighting(halfLife: 100), asOf: 100)
    parameters.activityHalfLife = .some(50)
    parameters.discountsCoordination = false
    let ranking = try InfluenceRanking(data: Self.data(), parameters: parameters)
    let parts = ranking.contributions
    // Outreach at the main half-life: a's reply is 100 s old, 1 × 0.5 = 0.5.
    #expect(abs(parts[0].outreach - log1p(0.5)) < 1e-7)
    // b's repost is 50 s old: 0.6 × 0.5^(50/100).
    #expect(abs(parts[1].outreach - log1p(0.6 * pow(0.5, 0.5))) < 1e-7)
    #expect(abs(parts[2].outreach - log1p(0.4)) < 1e-7)
    // Freshness at the activity half-life: b was engaged just now, a 50 s ago, c never.
    #expect(parts[1].freshness == 1)
    #expect(abs(parts[0].freshness - 0.5) < 1e-12)
    #expect(parts[2].freshness == 0)
    // Activity at the activity half-life: b got the reply (1 × 0.5^(100/50)) and the mention
    // (0.4 × 1).
    #expect(abs(parts[1].activity - log1p(0.25 + 0.4)) < 1e-12)
    #expect(abs(parts[0].activity - log1p(0.6 * 0.5)) < 1e-12)
  }

  /// Without an activity half-life, activity is the graph's in-weight at the main one, as
  /// before the second time scale existed.
  @Test func activityFollowsTheHalfLifeByDefault() throws {
    var parameters = RankingParameters(
      weighting: try InteractionWeighting(halfLife: 100), asOf: 100)
    parameters.discountsCoordination = false
    let ranking = try InfluenceRanking(data: Self.data(), parameters: parameters)
    // The reply is 100 s old at half-life 100 s: 0.5; the mention is new: 0.4.
    #expect(abs(ranking.contributions[1].activity - log1p(0.5 + 0.4)) < 1e-6)
    #expect(abs(ranking.contributions[0].freshness - pow(0.5, 0.5)) < 1e-12)
  }

  /// Weighted parts add up to the score, with both time scales in play.
  @Test func partsAddUpToTheScore() throws {
    var parameters = RankingParameters(
      weighting: try InteractionWeighting(halfLife: 100), asOf: 100)
    parameters.activityHalfLife = .some(50)
    parameters.discountsCoordination = false
    parameters.scoreWeights = try ScoreWeights([
      .pagerank: 0.2, .reach: 0.2, .activity: 0.2, .outreach: 0.2, .freshness: 0.2,
    ])
    let ranking = try InfluenceRanking(data: Self.data(), parameters: parameters)
    for contribution in ranking.contributions {
      let sum = ScorePart.allCases.map { contribution.part($0) }.reduce(0, +)
      #expect(abs(sum - contribution.score) < 1e-12)
    }
    #expect(ranking.contributions[1].freshnessPart == 0.2)
  }

  /// A calibration saved before outreach and freshness reads with both at 0 and its activity
  /// following the half-life; more weights than parts are refused.
  @Test func olderCalibrationsRead() throws {
    let old = try JSONDecoder().decode(
      ScoreWeights.self, from: Data(#"{"values":[0.25,0.25,0.5,0]}"#.utf8))
    #expect(old == ScoreWeights.uncalibrated)
    #expect(old[.outreach] == 0 && old[.freshness] == 0)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(
        ScoreWeights.self, from: Data(#"{"values":[1,0,0,0,0,0,1]}"#.utf8))
    }
    let saved = try JSONEncoder().encode(try ScoreWeights([.freshness: 1]))
    #expect(try JSONDecoder().decode(ScoreWeights.self, from: saved)[.freshness] == 1)
  }

  /// Pairs keep the activity half-life no longer than the main one (none is the longest).
  @Test func timeScalePairs() {
    let pairs = Calibrator.timeScalePairs([10, 100, nil])
    let described = pairs.map { "\($0.main)\($0.activity)" }
    #expect(described == ["00", "10", "11", "20", "21", "22"])
  }

  /// No candidate weighs outreach above the cap.
  @Test func outreachStaysUnderItsCap() {
    #expect(CandidateSearch.respectsCaps([0, 0, 0, 0.75, 0.25, 0]))
    #expect(!CandidateSearch.respectsCaps([0, 0, 0, 0.25, 0.75, 0]))
  }
}
