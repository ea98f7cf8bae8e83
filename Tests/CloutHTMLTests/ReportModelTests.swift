import CloutCore
import CloutStore
import Foundation
import Testing

@testable import CloutHTML

/// The report's model and page from a ranking built in the test: hostile names, one reply
/// thread, no store and no process.
@Suite struct ReportModelTests {
  static let hostile = [
    "<img src=x onerror=\"window.x=1\">", "</script><script>window.x=2</script>",
    "\"><svg onload=alert(3)>", "Dee \u{2028} & co",
  ]

  /// a, b, c, d on twitter with hostile display names. b and c reply to a's post 100 (c to
  /// b's reply), d mentions a and b, a quotes c.
  static func ranking() throws -> InfluenceRanking {
    let handles = ["a", "b", "c", "d"]
    let data = EngagementData(
      accounts: handles.enumerated().map {
        AccountInfo(
          platform: "twitter", handle: $0.element, userID: "\($0.offset + 1)",
          displayName: hostile[$0.offset], followers: $0.offset == 0 ? 321 : nil)
      },
      graphAccountCount: 4, interactionActors: [1, 2, 3, 3, 0],
      interactionTargets: [0, 1, 0, 1, 2],
      interactionTypes: [.reply, .reply, .mention, .mention, .quote],
      interactionTimes: [1000, 990, 980, 970, 960],
      interactionMultipliers: [1, 1, 1, 1, 1], postAuthors: [0, 1, 2], postParents: [-1, 0, 1],
      postRowIDs: [11, 12, 13])
    let weighting = try InteractionWeighting(
      typeWeights: [.reply: 1, .mention: 0.5, .quote: 0.25], halfLife: 100)
    return try InfluenceRanking(
      data: data, parameters: RankingParameters(weighting: weighting, asOf: 1000))
  }

  static func model() throws -> ReportModel {
    let result = try ranking()
    let posts = [
      Int64(11): StoredPost(
        key: "100", createdAt: 900, text: "<script>window.x=4</script> a thread",
        conversationKey: nil)
    ]
    return ReportModel(
      result: result, analysis: try CommunityAnalysis(ranking: result), top: 0 + 4,
      context: .init(storePath: "/tmp/t.db", posts: posts))
  }

  @Test func engagersAndConversationsMatchThePerAccountQueries() throws {
    let model = try Self.model()
    let result = model.result
    for (index, node) in model.shown.enumerated() {
      let account = model.data.accounts[index]
      let expected = result.counterparts(of: node).incoming.prefix(ReportModel.explanationLimit)
      #expect(
        account.explain.engagers.map(\.handle)
          == expected.map { result.data.accounts[$0.account].name })
      #expect(
        account.explain.engagers.map(\.weight) == expected.map { .decimal($0.weight, places: 3) })
      let threads = result.forest.topConversations(
        startedBy: Int32(node), limit: ReportModel.explanationLimit)
      #expect(
        account.explain.conversations.map(\.depth)
          == threads.map { Int(result.forest.heights[Int($0)]) })
      // The parts add up to the score (to the printed decimals).
      var sum = 0.0
      for part in account.parts { if case .decimal(let value, _) = part { sum += value } }
      if case .decimal(let score, _) = account.score { #expect(abs(sum - score) < 1e-3) }
    }
    // The table's columns are the parts that carry weight, and only those.
    let weighted = ScorePart.allCases.filter { result.scoring.effectiveWeights[$0] > 0 }
    #expect(model.data.parts == weighted.map(\.label))
    #expect(!model.data.parts.contains(ScorePart.freshness.label))
    #expect(model.data.accounts.allSatisfy { $0.parts.count == weighted.count })
    // a's thread: depth 2 (b then c), its post linked by its status id, its text as written.
    let a = try #require(model.data.accounts.first { $0.handle == "a" })
    #expect(a.explain.conversations.first?.depth == 2)
    #expect(a.explain.conversations.first?.url == "https://x.com/i/status/100")
    #expect(a.explain.conversations.first?.text == "<script>window.x=4</script> a thread")
    #expect(a.profile == "https://x.com/i/user/1")
  }

  @Test func pageEscapesEveryNameAndNamesNoNetworkAddress() throws {
    let html = try HTMLReport(model: try Self.model()).html()
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    // Exactly two script elements: the data block and the page's own script.
    #expect(html.components(separatedBy: "<script").count == 3)
    #expect(!html.contains("<img src=x"))
    #expect(!html.contains("<svg onload"))
    #expect(!html.contains("window.x=2</script>"))
    // The data block decodes back to the names as written.
    let start = try #require(html.range(of: "<script type=\"application/json\" id=\"c-data\">"))
    let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
    let block = String(html[start.upperBound..<end.lowerBound])
    let decoded = try #require(
      try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
    let names = (decoded["accounts"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
    #expect(Set(names ?? []) == Set(Self.hostile))
    // Outside the data block no http(s) address at all (the SVG's namespaces are dropped);
    // inside it, only the profile and post links Clout built.
    let outside = String(html[..<start.lowerBound]) + String(html[end.upperBound...])
    #expect(!outside.contains("http://") && !outside.contains("https://"))
    let urls = block.components(separatedBy: "\"https://").dropFirst().map {
      $0.prefix { $0 != "\"" }
    }
    #expect(urls.allSatisfy { $0.hasPrefix("x.com/i/user/") || $0.hasPrefix("x.com/i/status/") })
    #expect(!block.contains("http://"))
  }

  /// The ranking table's followers column: a's count in the data block, none for the others
  /// (the key is left out, which the page's script shows as an empty cell).
  @Test func followersReachTheTable() throws {
    let model = try Self.model()
    #expect(model.data.accounts.first { $0.handle == "a" }?.followers == 321)
    #expect(model.data.accounts.filter { $0.handle != "a" }.allSatisfy { $0.followers == nil })
    let html = try HTMLReport(model: model).html()
    #expect(html.contains("data-key=\"followers\""))
    #expect(html.contains("\"followers\": 321"))
  }

  @Test func samePageForTheSameInput() throws {
    let first = try HTMLReport(model: try Self.model()).html()
    let second = try HTMLReport(model: try Self.model()).html()
    #expect(first == second)
  }

  @Test func sectionsAreAListWithTrendsOnlyWhenCompared() throws {
    let report = try HTMLReport(model: try Self.model())
    #expect(report.sections.map(\.id) == ["summary", "map", "ranking", "communities"])
  }

  /// The score's parts each say their weight in this ranking, and the weights line names the
  /// parts that weigh in words that wrap between parts.
  @Test func eachPartSaysItsWeight() throws {
    let html = try HTMLReport(model: try Self.model()).html()
    #expect(html.contains("<li>PageRank (weight 0.25): attention flowing"))
    #expect(html.contains("<li>reply engagement (weight 0.5): "))
    #expect(html.contains("<li>activity (weight 0, not in this ranking): "))
    #expect(html.contains("Weights used: PageRank 0.25, reach 0.25, reply engagement 0.5;"))
  }

  /// The page prints the map's title once (its own heading) and the caption once (the
  /// summary's data list): the embedded map draws neither, only its colour key and legend.
  @Test func theMapDoesNotRepeatTheTitleOrCaption() throws {
    let model = try Self.model()
    let html = try HTMLReport(model: model).html()
    func count(_ text: String) -> Int { html.components(separatedBy: text).count - 1 }
    // <title> and <h1>.
    #expect(count(HTMLEscape.text(model.title)) == 2)
    for line in model.map.caption { #expect(count(HTMLEscape.text(line)) == 1, "\(line)") }
    let start = try #require(html.range(of: "<svg id=\"c-svg\""))
    let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
    let svg = String(html[start.lowerBound..<end.upperBound])
    #expect(svg.contains(">Arrow A → B: A replied to, quoted, reposted or mentioned B;"))
  }
}
