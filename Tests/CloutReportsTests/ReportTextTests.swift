import CloutCore
import CloutStore
import Foundation
import Testing

@testable import CloutReports

/// What the reports print, from values built in the test: no store, no process.
@Suite struct ReportTextTests {
  /// a (0), b (1), c (2), d (3), weights reply 1, mention 0.5, quote 0.25, half-life 100 s:
  /// b → a reply now and mention 100 s ago (1.25), c → a reply 200 s ago (0.25), a → c quote
  /// now (0.25), d → b mention now (0.5).
  static func ranking() throws -> InfluenceRanking {
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

  /// Hand-computed: 4 of 304,198 is 0.001315%; 100 × 1 / 4 is 25%.
  @Test func explainPercentKeepsTwoSignificantDigitsBelowOnePercent() {
    #expect(ExplainReport.percentText(100 * 4 / 304_198) == "0.0013")
    #expect(ExplainReport.percentText(100 * 1 / 3_000_000) == "0.000033")
    #expect(ExplainReport.percentText(0.45) == "0.45")
    #expect(ExplainReport.percentText(0.999) == "1.00")
    #expect(ExplainReport.percentText(1) == "1.0")
    #expect(ExplainReport.percentText(25) == "25.0")
    #expect(ExplainReport.percentText(100) == "100.0")
  }

  @Test func explainListsWhoEngagesAndWhomWithSummedWeights() throws {
    let result = try Self.ranking()
    let communities = try CommunityAnalysis(ranking: result)
    let text = ExplainReport(result: result, communities: communities, node: 0, limit: 1).text
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let incoming = try #require(
      lines.firstIndex { $0.hasPrefix("Who engages this account") })
    #expect(lines[incoming] == "Who engages this account (strongest first) (2 accounts)")
    // The limit of 1 keeps b, the strongest, and counts the rest.
    #expect(
      lines[incoming + 3].split(separator: " ").map(String.init) == [
        "b", "test", "1.2500", "1", "0", "0", "1",
      ])
    #expect(lines[incoming + 4] == "… and 1 more")
    let outgoing = try #require(lines.firstIndex { $0.hasPrefix("Accounts this account engages") })
    #expect(lines[outgoing] == "Accounts this account engages (1 account)")
    #expect(
      lines[outgoing + 3].split(separator: " ").map(String.init) == [
        "c", "test", "0.2500", "0", "1", "0", "0",
      ])
    #expect(text.contains("Deepest conversations started: none with replies from others"))
  }

  @Test func communitiesJSONKeepsTheColumnOrder() throws {
    let result = try Self.ranking()
    let analysis = try CommunityAnalysis(ranking: result)
    let json = try CommunitiesReport(
      result: result, analysis: analysis, minSize: 1, topAccounts: 2
    ).json()
    let first = try #require(json.split(separator: "\n").dropFirst().first)
    let keys = ["community", "size", "score", "internal_share", "bridge_count", "top_accounts"]
    var position = first.startIndex
    for key in keys {
      let found = try #require(first.range(of: "\"\(key)\": ", range: position..<first.endIndex))
      position = found.upperBound
    }
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
    let sizes = parsed?.compactMap { $0["size"] as? Int }
    #expect(sizes?.reduce(0, +) == 4, "every account in one community")
  }

  @Test func statsJSONIsTheDocumentedLayout() throws {
    var platform = StoreStats.Platform(platform: "mastodon")
    platform.posts = 3
    platform.accounts = 2
    platform.interactions = [.reply: 2, .mention: 1]
    platform.selfInteractions = 1
    platform.earliest = 0
    platform.latest = 86_400
    let stats = StoreStats(
      platforms: [platform],
      topAccounts: [
        .init(
          platform: "mastodon", userID: nil, handle: "ann", displayName: nil,
          interactionsReceived: 2, distinctEngagers: 1)
      ], ingestRuns: 1, schemaVersion: 1)
    #expect(
      try StatsReport.json(stats) == """
        {
        "platforms": [
          {"platform": "mastodon", "posts": 3, "accounts": 2, "reply": 2, "quote": 0, \
        "repost": 0, "mention": 1, "self_interactions": 1, "pending_interactions": 0, \
        "from": "1970-01-01T00:00:00Z", "to": "1970-01-02T00:00:00Z"}
        ],
        "top_accounts": [
          {"account": "ann", "platform": "mastodon", "display_name": null, \
        "interactions_received": 2, "distinct_engagers": 1}
        ],
        "ingest_runs": 1,
        "schema_version": 1
        }

        """)
  }
  /// A calibration as `clout calibrate` saves it, with the fields added on 2026-12-03
  /// (`rankableEngaged`, `originsTyingEveryCandidate`) or without them, as saved before.
  static func calibration(newFields: Bool) throws -> Calibration {
    let extraFold = newFields ? #""rankableEngaged": 3, "# : ""
    let extraTop = newFields ? #""originsTyingEveryCandidate": 2, "# : ""
    let json = """
      {"accounts": 4101, "activity": {"halfLife": 86400}, "candidates": [{"activity":
      {"halfLife": 86400}, "halfLife": 86400, "meanNDCG": 0.25, "worstNDCG": 0.125}],
      "cloutVersion": "0.1.0", "dataFrom": 1407634403, "dataTo": 1479971440, "folds": [{"end":
      1479971440, "engaged": 59, \(extraFold)"metrics": [{"name": "clout-calibrated", "ndcg": 0,
      "precision": 0, "spearman": -0.25}], "origin": 1455859095, "trainingInteractions": 8294}],
      "halfLife": 86400, "horizon": 72337038, "interactions": 9096, "k": 50, "keptDefault":
      false, \(extraTop)"weights": {"values": [0, 0.5, 0, 0.25, 0, 0.25]}}
      """
    return try JSONDecoder().decode(Calibration.self, from: Data(json.utf8))
  }

  @Test func calibrationTableSaysWhichOriginsAndAccountsCouldNotChoose() throws {
    let text = CalibrationReport.table(try Self.calibration(newFields: true))
    #expect(
      text.contains(
        "2 origins scored the same for every candidate (none ranked an engaged account in its "
          + "top 50) and do not count in the mean and worst\n"))
    #expect(
      text.contains("8,294 interactions before, 59 accounts engaged (56 of them newcomers)\n"))
    // A calibration saved before those fields prints neither.
    let old = CalibrationReport.table(try Self.calibration(newFields: false))
    #expect(!old.contains("scored the same") && !old.contains("newcomers"))
    #expect(old.contains("8,294 interactions before, 59 accounts engaged\n"))
  }
}
