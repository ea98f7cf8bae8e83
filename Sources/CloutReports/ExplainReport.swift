import Foundation
import CloutCore
import CloutRender
import CloutStore

/// The text of `clout explain`: every number traced back to the data it came from.
public struct ExplainReport {
  public let result: InfluenceRanking
  public let node: Int
  public let limit: Int
  public let communities: CommunityAnalysis
  /// Store keys of the conversations' first posts, by row id (see `conversationRowIDs`).
  public var postKeys: [Int64: String] = [:]
  /// The conversations' first posts, by row id, for their date, text and address; posts
  /// missing here are listed by key only.
  public var posts: [Int64: StoredPost] = [:]
  /// The same ranking without the coordination discount (`RankingParameters
  /// .discountsCoordination` false), for an account with flagged engagers: its parts are
  /// shown as they were before the discount, and the discount as its own line, so they add up
  /// to the score.
  public var undiscounted: InfluenceRanking?

  public init(
    result: InfluenceRanking, communities: CommunityAnalysis, node: Int, limit: Int
  ) {
    self.result = result
    self.communities = communities
    self.node = node
    self.limit = limit
  }

  public var conversations: [Int32] {
    result.forest.topConversations(startedBy: Int32(node), limit: limit)
      .filter { result.forest.heights[Int($0)] > 0 }
  }

  public var conversationRowIDs: [Int64] {
    conversations.compactMap { result.data.storedRowID(ofPost: $0) }
  }

  public var text: String {
    let counterparts = result.counterparts(of: node)
    return header + "\n" + edgesSection(counterparts.incoming, incoming: true) + "\n"
      + conversationSection + "\n" + edgesSection(counterparts.outgoing, incoming: false)
  }

  /// A share of the ranking in percent: one decimal from 1% up, else two significant digits,
  /// so that rank 4 of 304,198 reads "top 0.0013%" rather than "top 0.0%".
  static func percentText(_ percent: Double) -> String {
    guard percent > 0, percent < 1 else { return DecimalText.fixed(percent, places: 1) }
    let places = 1 - Int((log10(percent)).rounded(.down))
    return DecimalText.fixed(percent, places: places)
  }

  private var header: String {
    let account = result.data.accounts[node]
    let part = result.contributions[node]
    let replies = result.replies
    let tie = result.tiedPositions(of: node)
    let total = result.order.count
    // The worst position of the tie: an account tied with everyone is not in the top 1%.
    let percentile = 100 * Double(tie.upperBound) / Double(total)
    let f = DecimalText.fixed
    let pagerank = result.pagerank
    var lines: [String] = []
    lines.append(
      "\(account.name) (\(account.platform))"
        + (account.displayName.map { " — \(TableWriter.printable($0))" } ?? ""))
    let rankText =
      tie.count > 1
      ? "tied for ranks \(tie.lowerBound)–\(tie.upperBound) of \(total)"
      : "rank \(tie.lowerBound) of \(total)"
    lines.append(
      "\(rankText) (top \(Self.percentText(percentile))%), score \(f(part.score, 6))")
    let labelWidth = ScorePart.allCases.map(\.label.count).max() ?? 0
    let flaggedEngagers = CoordinationText.flaggedEngagers(result, of: node)
    let before = flaggedEngagers > 0 ? undiscounted : nil
    let shown = before ?? result
    for (index, piece) in shown.breakdown(of: node).enumerated() {
      let label = piece.part.label + " part"
      let padding = String(repeating: " ", count: labelWidth + 5 - label.count)
      lines.append(
        "  \(index == 0 ? "=" : "+") \(label)\(padding) \(f(piece.contribution, 6))   weight "
          + "\(f(piece.weight, 4)) × \(piece.part.formula) = \(f(piece.feature, 4)) / highest "
          + "\(f(piece.maximum, 4))" + detail(piece.part, of: shown))
    }
    if let before {
      lines.append(
        "  + "
          + CoordinationText.discountLine(
            engagers: flaggedEngagers,
            amount: part.score - before.contributions[node].score))
    }
    for note in result.droppedPartNotes { lines.append("  " + note) }
    for note in result.parameters.notes { lines.append(note) }
    let evidence = CoordinationText.evidence(result, node: node)
    if !evidence.isEmpty {
      lines.append("")
      lines += evidence
    }
    lines.append("")
    lines.append(
      "Replies: max depth \(replies.maxReplyDepth[node]), mean depth "
        + "\(f(replies.meanReplyDepth[node], 3)), \(replies.distinctRepliers[node]) distinct "
        + "repliers, \(replies.repliesReceived[node]) direct replies from others")
    lines.append(
      "Interactions: \(result.interactionsIn[node]) received, \(result.interactionsOut[node]) "
        + "given (self-interactions excluded)")
    lines.append(Self.followersLine(account))
    lines.append(communityLine)
    let halfLife = result.parameters.weighting.halfLife.map(TimeScale.text)
    lines.append(
      "PageRank: \(pagerank.iterations) iterations, "
        + (pagerank.converged ? "converged" : "stopped before converging")
        + "; damping \(f(result.parameters.damping, 2)); ages from "
        + "\(TimeText.iso8601(result.asOf)), half-life \(halfLife ?? "none")"
        + (result.parameters.activityHalfLife.map {
          ", activity and freshness half-life \($0.map(TimeScale.text) ?? "none")"
        } ?? ""))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The latest follower count the data gave, with the time of the post that carried it.
  static func followersLine(_ account: AccountInfo) -> String {
    guard let count = account.followers else {
      return "Followers: no follower count in the data"
    }
    let at = account.followersAt.map { " at \(TimeText.iso8601($0))" } ?? ""
    return "Followers: \(NumberFormatting.grouped(Int(count))) (its newest post with a count\(at);"
      + " context only, not part of the score)"
  }

  /// The inputs of a part's feature, where they are counts the reader can check.
  private func detail(_ part: ScorePart, of result: InfluenceRanking) -> String {
    let f = DecimalText.fixed
    switch part {
    case .pagerank:
      return
        " (n \(result.contributions.count), PageRank \(f(result.contributions[node].pagerank, 10)))"
    case .engagement:
      return
        " (recency \(f(result.replyRecency[node], 4)), depth \(result.replies.maxReplyDepth[node])"
        + ", \(result.replies.distinctRepliers[node]) repliers)"
    case .reach, .activity, .outreach, .freshness:
      return ""
    }
  }

  private var communityLine: String {
    let id = communities.community(of: node)
    let community = communities.summary.communities[id - 1]
    var line =
      "Community \(id) of \(communities.summary.communities.count) (\(NumberFormatting.count(community.size, "account")), "
      + "\(DecimalText.fixed(100 * community.internalShare, places: 0))% of its interaction "
      + "weight stays inside)"
    let reach = communities.participation.communitiesReached[node]
    let coefficient = DecimalText.fixed(communities.participation.coefficients[node], places: 2)
    if communities.isBridge(node) {
      line +=
        "; a bridge: its interactions reach \(reach) communities (participation \(coefficient))"
    } else if reach > 1 {
      line += "; reaches \(reach) communities (participation \(coefficient), not a bridge)"
    }
    return line
  }

  private func edgesSection(_ sorted: [InfluenceRanking.Counterpart], incoming: Bool) -> String {
    let data = result.data
    let title =
      incoming
      ? "Who engages this account (strongest first)" : "Accounts this account engages"
    guard !sorted.isEmpty else { return title + ": none\n" }
    var table = TableWriter(
      header: ["account", "platform", "weight"] + InteractionType.allCases.map(\.rawValue)
        + ["followers"])
    for summary in sorted.prefix(limit) {
      let account = data.accounts[summary.account]
      table.appendRow(
        [.text(account.name), .text(account.platform), .decimal(summary.weight, places: 4)]
          + InteractionType.allCases.map { .integer(summary.counts[$0] ?? 0) }
          + [account.followersCell])
    }
    let more = sorted.count > limit ? "… and \(sorted.count - limit) more\n" : ""
    return title + " (\(NumberFormatting.count(sorted.count, "account")))\n" + table.text + more
  }

  private var conversationSection: String {
    let title = "Deepest conversations started"
    let posts = conversations
    guard !posts.isEmpty else { return title + ": none with replies from others\n" }
    var table = TableWriter(header: ["post id", "depth", "repliers", "date", "text"])
    var links: [String] = []
    let account = result.data.accounts[node]
    for post in posts {
      let rowID = result.data.storedRowID(ofPost: post)
      let stored = rowID.flatMap { self.posts[$0] }
      let key =
        rowID.map { stored?.key ?? postKeys[$0] ?? "row \($0)" }
        ?? result.data.placeholderKeys[post].map { "\($0) (not in store)" } ?? "?"
      table.appendRow([
        .text(key), .integer(Int(result.forest.heights[Int(post)])),
        .integer(Int(result.forest.subtreeRepliers[Int(post)])),
        stored.map { .text(TimeText.iso8601($0.createdAt)) } ?? .empty,
        stored?.text.map { .text(TerminalText.line($0)) } ?? .empty,
      ])
      if let stored,
        let url = PostURL.make(
          platform: account.platform, key: stored.key, conversationKey: stored.conversationKey,
          authorHandle: account.handle)
      {
        links.append("  \(key): \(url)\n")
      }
    }
    return title + "\n" + table.text + (links.isEmpty ? "" : "links:\n" + links.joined())
  }
}
