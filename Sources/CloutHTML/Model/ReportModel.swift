import CloutCore
import CloutRender
import CloutReports
import CloutStore

/// Everything `clout report` shows, computed from one ranking and its communities through the
/// models the other commands use (`MapModel`, `ShortlistRows`, `CommunitiesReport`,
/// `RankTrend`, the ranking's own breakdown), so the page and the terminal never disagree.
public struct ReportModel {
  /// What the command read besides the ranking: the store's counts, its calibration, the
  /// conversations' first posts, and the earlier period's trends with `--compare`.
  public struct Context {
    public var storePath: String
    public var stats: StoreStats?
    public var calibration: Calibration?
    public var posts: [Int64: StoredPost]
    public var trends: [RankTrend]?
    public var compareWindow: String?
    /// The command as typed, for the header's "options" line.
    public var commandLine: String
    public var graphvizVersion: String

    public init(
      storePath: String, stats: StoreStats? = nil, calibration: Calibration? = nil,
      posts: [Int64: StoredPost] = [:], trends: [RankTrend]? = nil, compareWindow: String? = nil,
      commandLine: String = "clout report", graphvizVersion: String = "?"
    ) {
      self.storePath = storePath
      self.stats = stats
      self.calibration = calibration
      self.posts = posts
      self.trends = trends
      self.compareWindow = compareWindow
      self.commandLine = commandLine
      self.graphvizVersion = graphvizVersion
    }
  }

  /// How many engagers and conversations each explanation lists.
  public static let explanationLimit = 5
  static let snippetLimit = 280

  public let result: InfluenceRanking
  public let analysis: CommunityAnalysis
  public let context: Context
  public let title: String
  /// The shown accounts, best first: the map's nodes and the table's rows.
  public let shown: [Int]
  public let map: MapDOT
  public let layout: String
  public let data: ReportData

  /// `hidden`: accounts left out of the map and the table (the seed accounts, as `rank` and
  /// `map` leave them out).
  public init(
    result: InfluenceRanking, analysis: CommunityAnalysis, top: Int, labels: Int? = nil,
    layout: String = "sfdp", title: String? = nil, hidden: Set<Int> = [], context: Context
  ) {
    self.result = result
    self.analysis = analysis
    self.context = context
    self.layout = layout
    let shown = Self.shown(result: result, top: top, hidden: hidden)
    self.shown = shown
    self.title = title ?? "Who makes others engage: the top \(shown.count) accounts"
    map =
      MapModel(
        result: result, analysis: analysis, top: shown.count, labels: labels, layout: layout,
        title: self.title, storePath: context.storePath, graphvizVersion: context.graphvizVersion,
        hidden: hidden
      ).dot
    data = Self.data(result, analysis, shown: shown, map: map, context: context)
  }

  /// The row ids of the posts the explanations quote: what the caller reads from the store
  /// into `Context.posts` before building the model.
  public static func conversationRowIDs(
    result: InfluenceRanking, top: Int, hidden: Set<Int> = []
  ) -> [Int64] {
    let shown = Self.shown(result: result, top: top, hidden: hidden)
    let index = ShownAccountIndex(result: result, shown: shown, conversationLimit: explanationLimit)
    return index.conversations.flatMap { $0 }.compactMap { result.data.storedRowID(ofPost: $0) }
  }

  /// The first `top` accounts of the ranking that are not `hidden`, best first.
  static func shown(result: InfluenceRanking, top: Int, hidden: Set<Int>) -> [Int] {
    Array(result.order.lazy.map(Int.init).filter { !hidden.contains($0) }.prefix(top))
  }

  static func data(
    _ result: InfluenceRanking, _ analysis: CommunityAnalysis, shown: [Int], map: MapDOT,
    context: Context
  ) -> ReportData {
    let index = ShownAccountIndex(result: result, shown: shown, conversationLimit: explanationLimit)
    var position = [Int: Int](minimumCapacity: shown.count)
    for (index, node) in shown.enumerated() { position[node] = index }
    let ranks = result.competitionRanks(of: shown.map(Int32.init))
    let accounts = result.data.accounts
    // The table's part columns: the parts that carry weight. A part of weight 0 contributes 0
    // to every account (on uncalibrated data: activity, outreach and freshness), so its column
    // only widened the table; each account's explanation still lists all six.
    let tableParts = Self.tableParts(result)
    var rows: [ReportData.Account] = []
    for (at, node) in shown.enumerated() {
      let account = accounts[node]
      let row = ShortlistRows.row(result, analysis, node: node)
      let contribution = result.contributions[node]
      let trend = context.trends?[node]
      rows.append(
        ReportData.Account(
          rank: ranks[at], handle: account.name,
          name: account.displayName.flatMap { $0.isEmpty ? nil : $0 }, platform: account.platform,
          score: .decimal(contribution.score, places: 4),
          parts: tableParts.map { .decimal(Self.part($0, of: contribution), places: 4) },
          community: analysis.community(of: node), color: map.nodes[at].fillColor,
          bridge: row.bridgeReach, depth: row.maxReplyDepth, repliers: row.distinctRepliers,
          replies: row.repliesReceived, engagers: row.engagers, interactionsIn: row.interactionsIn,
          followers: account.followers.map { Int($0) },
          profile: HTMLEscape.httpsURL(row.profileURL), trend: trend?.label,
          previousRank: trend?.previousRank, why: row.why,
          explain: explanation(
            result, analysis, node: node, incoming: index.incoming[at],
            conversations: index.conversations[at], position: position, posts: context.posts)))
    }
    let edges = map.edges.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
      .map { [$0.source, $0.target] }
    return ReportData(
      parts: tableParts.map(\.label), hasTrends: context.trends != nil, accounts: rows,
      edges: edges)
  }

  /// The parts with a weight above 0 in this ranking (after empty parts left the mix), in
  /// definition order.
  static func tableParts(_ result: InfluenceRanking) -> [ScorePart] {
    ScorePart.allCases.filter { result.scoring.effectiveWeights[$0] > 0 }
  }

  static func part(_ part: ScorePart, of contribution: InfluenceScore.Contribution) -> Double {
    switch part {
    case .pagerank: contribution.pagerankPart
    case .reach: contribution.reachPart
    case .engagement: contribution.engagementPart
    case .activity: contribution.activityPart
    case .outreach: contribution.outreachPart
    case .freshness: contribution.freshnessPart
    }
  }

  static func explanation(
    _ result: InfluenceRanking, _ analysis: CommunityAnalysis, node: Int,
    incoming: [ShownAccountIndex.Engager], conversations: [Int32], position: [Int: Int],
    posts: [Int64: StoredPost]
  ) -> ReportData.Explanation {
    let accounts = result.data.accounts
    let breakdown = result.breakdown(of: node).map { piece in
      ReportData.Part(
        label: piece.part.label, formula: piece.part.formula,
        feature: .decimal(piece.feature, places: 4), maximum: .decimal(piece.maximum, places: 4),
        weight: .decimal(piece.weight, places: 4),
        contribution: .decimal(piece.contribution, places: 4))
    }
    let engagers = incoming.prefix(explanationLimit).map { counterpart in
      let kinds = InteractionType.allCases.compactMap { type -> String? in
        guard let count = counterpart.counts[type], count > 0 else { return nil }
        return NumberFormatting.count(count, type.rawValue)
      }
      return ReportData.Engager(
        handle: accounts[counterpart.account].name,
        platform: accounts[counterpart.account].platform,
        account: position[counterpart.account], weight: .decimal(counterpart.weight, places: 3),
        kinds: kinds.joined(separator: ", "))
    }
    let author = accounts[node]
    let threads = conversations.map { post in
      let rowID = result.data.storedRowID(ofPost: post)
      let stored = rowID.flatMap { posts[$0] }
      let key =
        stored?.key ?? result.data.placeholderKeys[post].map { "\($0) (not in store)" }
        ?? "row \(rowID ?? -1)"
      return ReportData.Conversation(
        key: key, depth: Int(result.forest.heights[Int(post)]),
        repliers: Int(result.forest.subtreeRepliers[Int(post)]),
        date: stored.map { TimeText.iso8601($0.createdAt) },
        text: stored?.text.map { MarkupText.truncated(MarkupText.cleaned($0), to: snippetLimit) },
        url: stored.flatMap {
          HTMLEscape.httpsURL(
            PostURL.make(
              platform: author.platform, key: $0.key, conversationKey: $0.conversationKey,
              authorHandle: author.handle))
        })
    }
    return ReportData.Explanation(
      breakdown: breakdown, engagers: Array(engagers), engagerTotal: incoming.count,
      conversations: threads, communityText: communityText(analysis, node: node),
      notes: result.droppedPartNotes)
  }

  /// The community sentence of `explain`, shorter.
  static func communityText(_ analysis: CommunityAnalysis, node: Int) -> String {
    let id = analysis.community(of: node)
    let community = analysis.summary.communities[id - 1]
    var text =
      "Community \(id) of \(analysis.summary.communities.count) "
      + "(\(NumberFormatting.count(community.size, "account")))"
    let reach = analysis.participation.communitiesReached[node]
    if analysis.isBridge(node) {
      text += "; a bridge reaching \(reach) communities"
    }
    return text
  }
}
