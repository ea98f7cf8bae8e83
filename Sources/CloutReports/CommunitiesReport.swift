import CloutCore
import CloutRender

/// The text of `clout communities`: a table or JSON of communities, or a CSV of their accounts.
public struct CommunitiesReport {
  public let result: InfluenceRanking
  public let analysis: CommunityAnalysis
  public let minSize: Int
  public let topAccounts: Int
  /// How many communities the table lists (nil: all shown); the CSV and JSON list all.
  public let tableLimit: Int?

  public init(
    result: InfluenceRanking, analysis: CommunityAnalysis, minSize: Int, topAccounts: Int,
    tableLimit: Int? = nil
  ) {
    self.result = result
    self.analysis = analysis
    self.minSize = minSize
    self.topAccounts = topAccounts
    self.tableLimit = tableLimit
  }

  /// The communities of at least `minSize` accounts, by id.
  public var shown: [CommunitySummary.Community] {
    analysis.summary.communities.filter { $0.size >= minSize }
  }

  /// The members of `community` that are bridges, best first.
  public static func bridges(
    in community: CommunitySummary.Community, _ analysis: CommunityAnalysis
  ) -> [Int] {
    let members = Set(community.members.map(Int.init))
    return analysis.bridges.filter { members.contains($0) }
  }

  public var table: String {
    var table = TableWriter(header: [
      "community", "size", "score", "inside", "bridges", "top accounts",
    ])
    for community in shown.prefix(tableLimit ?? Int.max) {
      let names = community.members.prefix(topAccounts).map { result.data.accounts[Int($0)].name }
      table.appendRow([
        .integer(community.id), .integer(community.size),
        .decimal(community.totalScore, places: 3),
        .text(DecimalText.fixed(community.internalShare * 100, places: 1) + "%"),
        .integer(Self.bridges(in: community, analysis).count),
        .text(names.joined(separator: ", ")),
      ])
    }
    return table.text
  }

  /// The line under the table: counts, what was hidden, modularity and the settings.
  public var footer: String {
    let all = analysis.summary.communities
    let shown = shown.count
    let hidden = all.count - shown
    let g = NumberFormatting.grouped
    var footer = "\(g(all.count)) communities over \(g(result.graph.nodeCount)) accounts"
    if hidden > 0 {
      footer += " (\(g(hidden)) with fewer than \(minSize) accounts hidden)"
    }
    if let tableLimit, shown > tableLimit {
      footer += "; the table lists the first \(g(tableLimit)) of \(g(shown)) (--top 0 lists all)"
    }
    footer +=
      "; modularity \(DecimalText.fixed(analysis.partition.modularity, places: 3))"
      + "; \(NumberFormatting.grouped(analysis.bridges.count)) "
      + (analysis.bridges.count == 1 ? "bridge" : "bridges")
      + "; resolution \(analysis.resolution), seed \(analysis.seed)"
    return footer
  }

  public var csv: String {
    var csv = CSVWriter(header: ["account", "community", "score", "platform", "bridge"])
    for community in shown {
      for member in community.members {
        let node = Int(member)
        let account = result.data.accounts[node]
        csv.appendRow([
          .text(account.name), .integer(community.id),
          .decimal(result.contributions[node].score, places: 6), .text(account.platform),
          .integer(analysis.isBridge(node) ? 1 : 0),
        ])
      }
    }
    return csv.text
  }

  public func json() throws -> String {
    try JSONDocumentEncoder.encode(
      shown.map { community in
        CommunityJSON(
          community: community.id, size: community.size,
          score: .decimal(community.totalScore, places: 6),
          internalShare: .decimal(community.internalShare, places: 4),
          bridgeCount: Self.bridges(in: community, analysis).count,
          topAccounts: community.members.prefix(topAccounts).map { account(Int($0)) },
          bridges: Self.bridges(in: community, analysis).map(account))
      })
  }

  private func account(_ node: Int) -> AccountJSON {
    let info = result.data.accounts[node]
    return AccountJSON(
      account: info.name, platform: info.platform,
      score: .decimal(result.contributions[node].score, places: 6))
  }

  struct AccountJSON: Encodable {
    var account: String
    var platform: String
    var score: Cell
  }

  struct CommunityJSON: Encodable {
    var community: Int
    var size: Int
    var score: Cell
    var internalShare: Cell
    var bridgeCount: Int
    var topAccounts: [AccountJSON]
    var bridges: [AccountJSON]

    enum CodingKeys: String, CodingKey {
      case community, size, score
      case internalShare = "internal_share"
      case bridgeCount = "bridge_count"
      case topAccounts = "top_accounts"
      case bridges
    }
  }
}
