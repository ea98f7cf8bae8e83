import CloutCore
import CloutRender

/// One shortlist row: a single account or a person merging several.
public struct ShortlistRow: Sendable, Equatable {
  public var name: String
  public var members: [Int]
  public var platforms: [String]
  public var displayName: String?
  public var score: Double
  public var pagerank: Double
  public var maxReplyDepth: Int
  public var distinctRepliers: Int
  public var repliesReceived: Int
  public var engagers: Int
  public var interactionsIn: Int
  /// Community ids of the row's accounts (one for an account; a person may span several).
  public var communities: [Int]
  /// Communities a bridge account's interactions reach; 0 when it is not a bridge.
  public var bridgeReach: Int
  public var firstSeen: Int64?
  public var lastSeen: Int64?
  public var profileURL: String?
  public var handles: [String]
  /// The parts other than reply engagement (PageRank, reach, activity, outreach, freshness),
  /// against reply engagement: which one the "why" sentence leads with.
  public var engagedPart: Double
  public var engagementPart: Double

  public func cells(rank: Int) -> [Cell] {
    [
      .integer(rank), .text(name), .text(platforms.joined(separator: ";")),
      displayName.map { .text($0) } ?? .empty, .decimal(score, places: 6),
      .decimal(pagerank, places: 10), .integer(maxReplyDepth), .integer(distinctRepliers),
      .integer(repliesReceived), communityCell,
      firstSeen.map { .text(TimeText.date($0)) } ?? .empty,
      lastSeen.map { .text(TimeText.date($0)) } ?? .empty,
      profileURL.map { .text($0) } ?? .empty, .text(why), .text(handles.joined(separator: " ")),
    ]
  }

  /// One community id as a number; a person spanning several gets them as text `2;5`.
  public var communityCell: Cell {
    switch communities.count {
    case 0: .empty
    case 1: .integer(communities[0])
    default: .text(communities.map(String.init).joined(separator: ";"))
    }
  }

  /// A short sentence from the score breakdown, strongest part first.
  public var why: String {
    var clauses: [String] = []
    if maxReplyDepth >= 2 && distinctRepliers >= 2 {
      clauses.append(
        "starts deep conversations: \(maxReplyDepth) levels, \(distinctRepliers) repliers")
    } else if repliesReceived > 0 {
      clauses.append(
        "gets replies: \(repliesReceived) from "
          + NumberFormatting.count(distinctRepliers, "account"))
    }
    let engaged =
      "engaged by \(NumberFormatting.count(engagers, "account"))"
      + " (\(NumberFormatting.count(interactionsIn, "interaction")))"
    if engagedPart >= engagementPart {
      clauses.insert(engaged, at: 0)
    } else {
      clauses.append(engaged)
    }
    if bridgeReach > 1 { clauses.append("bridges \(bridgeReach) communities") }
    return clauses.joined(separator: "; ")
  }
}

public enum ShortlistRows {
  /// Rows for every ranked account not excluded, people merged, best first (ties by name).
  public static func build(
    result: InfluenceRanking, communities: CommunityAnalysis, identities: Identities,
    excluded: Set<Int>
  ) -> [ShortlistRow] {
    var claimed = Set<Int>()
    var rows: [ShortlistRow] = []
    let lookup = AccountLookup(result.data.accounts, limit: result.graph.nodeCount)
    for person in identities.people {
      let members = person.nodes.filter { !excluded.contains($0) }
      claimed.formUnion(person.nodes)
      guard !members.isEmpty else { continue }
      rows.append(
        merge(
          members.map { row(result, communities, node: $0, lookup: lookup) }, name: person.person)
      )
    }
    for node in result.order.map(Int.init) where !claimed.contains(node) && !excluded.contains(node)
    {
      rows.append(row(result, communities, node: node, lookup: lookup))
    }
    return rows.sorted { lhs, rhs in
      lhs.score != rhs.score ? lhs.score > rhs.score : lhs.name < rhs.name
    }
  }

  /// `lookup` finds handles two accounts share on a platform: those carry `#userid` in
  /// `handles`, the form `explain` accepts, so each row names one account.
  public static func row(
    _ result: InfluenceRanking, _ communities: CommunityAnalysis, node: Int,
    lookup: AccountLookup? = nil
  ) -> ShortlistRow {
    let account = result.data.accounts[node]
    let contribution = result.contributions[node]
    return ShortlistRow(
      name: account.name, members: [node], platforms: [account.platform],
      displayName: account.displayName, score: contribution.score,
      pagerank: contribution.pagerank, maxReplyDepth: Int(result.replies.maxReplyDepth[node]),
      distinctRepliers: Int(result.replies.distinctRepliers[node]),
      repliesReceived: Int(result.replies.repliesReceived[node]),
      engagers: result.engagerCount(of: node),
      interactionsIn: Int(result.interactionsIn[node]),
      communities: [communities.community(of: node)],
      bridgeReach: communities.isBridge(node)
        ? Int(communities.participation.communitiesReached[node]) : 0,
      firstSeen: account.firstSeen, lastSeen: account.lastSeen,
      profileURL: ProfileURL.make(
        platform: account.platform, handle: account.handle, userID: account.userID),
      handles: [lookup?.distinctName(of: node) ?? "\(account.platform):\(account.name)"],
      engagedPart: contribution.pagerankPart + contribution.reachPart
        + contribution.activityPart + contribution.outreachPart + contribution.freshnessPart,
      engagementPart: contribution.engagementPart)
  }

  /// A person's row: sums of reach, the maximum depth, the widest time span.
  public static func merge(_ parts: [ShortlistRow], name: String) -> ShortlistRow {
    let best = parts.max { $0.score < $1.score }!
    var merged = best
    merged.name = name
    merged.members = parts.flatMap(\.members)
    merged.platforms = Array(Set(parts.flatMap(\.platforms))).sorted()
    merged.score = parts.map(\.score).reduce(0, +)
    merged.pagerank = parts.map(\.pagerank).reduce(0, +)
    merged.maxReplyDepth = parts.map(\.maxReplyDepth).max() ?? 0
    merged.distinctRepliers = parts.map(\.distinctRepliers).reduce(0, +)
    merged.repliesReceived = parts.map(\.repliesReceived).reduce(0, +)
    merged.engagers = parts.map(\.engagers).reduce(0, +)
    merged.interactionsIn = parts.map(\.interactionsIn).reduce(0, +)
    merged.firstSeen = parts.compactMap(\.firstSeen).min()
    merged.lastSeen = parts.compactMap(\.lastSeen).max()
    merged.handles = parts.flatMap(\.handles).sorted()
    merged.communities = Array(Set(parts.flatMap(\.communities))).sorted()
    merged.bridgeReach = parts.map(\.bridgeReach).max() ?? 0
    merged.engagedPart = parts.map(\.engagedPart).reduce(0, +)
    merged.engagementPart = parts.map(\.engagementPart).reduce(0, +)
    return merged
  }
}
