import ArgumentParser
import CloutCore
import CloutRender
import CloutReports

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json
}

struct Rank: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Rank accounts by the engagement they cause.",
    discussion: """
      \(ScoreDefinition.helpText)

      Equal scores share a rank (competition ranking: 1, 2, 2, 4). --top N lists exactly N \
      rows; when the tie at the last row continues past it, a note on standard error says \
      how many tied accounts were cut and which --top lists them all. \
      'clout explain HANDLE' shows how the parts add up for one account; 'clout calibrate' \
      fits the half-life and weights on the store's own history, and every ranking command \
      uses that calibration by default (-v says so; --calibration none does not).

      Engagement from accounts in a coordinated group (many fresh accounts that engage one \
      account and each other, and little else) is left out of the score, and the last \
      column, flags, names the account they engage and the group's accounts; \
      'clout explain HANDLE' shows the discount and the evidence, --no-coordination-check \
      ranks without the check.

      The followers column (before flags) is the account's latest follower count where the \
      data has one (Twitter v1.1 and v2, Mastodon, some Bluesky views, a posts-csv \
      'followers' column): the count carried by its newest post. It is context next to \
      influence; no part of the score reads it.

      Examples:
        clout rank --top 20
        clout rank --since 2026-10-01 --platform mastodon --format csv > ranking.csv
        clout rank --weights reply=1,mention=0.2 --half-life 7d --format json
        clout rank --seed-accounts brand-accounts.txt --top 50
        clout rank --since 2026-10-01 --compare 2026-09-01..2026-09-30

      --compare START..END ranks that earlier period with the same options and appends \
      previous_rank, rank_change (positive = rose), score_change and trend ('new' for an \
      account absent from the earlier ranking, else 'up N', 'down N' or 'same').
      """
  )

  static let columns = [
    "rank", "account", "platform", "score", "pagerank", "max_reply_depth", "mean_reply_depth",
    "distinct_repliers", "replies_received", "interactions_in", "interactions_out",
    "display_name",
  ]

  @OptionGroup var store: StoreOptions
  @OptionGroup var ranking: RankingOptions
  @OptionGroup var comparison: CompareOptions

  // `.unconditional` so that `--top -1` reaches validate() and gets a message naming valid
  // values, instead of argument-parser's "missing value".
  @Option(parsing: .unconditional, help: "How many accounts to list; 0 lists all.")
  var top = 25

  @Option(help: "Output format: table, csv or json.")
  var format: OutputFormat = .table

  func validate() throws {
    if top < 0 {
      throw ValidationError(
        "--top takes a count of accounts, or 0 for all of them (e.g. --top 20).")
    }
  }

  func run() throws {
    let result = try RankingRun.compute(store: store, ranking: ranking)
    let trends = try comparison.trends(store: store, ranking: ranking, current: result)
    let hidden = ranking.hiddenSeeds(result)
    let listed = hidden.isEmpty ? result.order : result.order.filter { !hidden.contains(Int($0)) }
    let count = top == 0 ? listed.count : min(top, listed.count)
    let ranks = result.competitionRanks(of: listed)
    let cut = result.tiedBeyond(count: count, in: listed)
    if cut > 0 {
      Console.note(
        "note: \(NumberFormatting.count(cut, "more account")) tie with rank \(ranks[count - 1]) at "
          + "the cut; --top \(count + cut) lists them all")
    }
    // Only the table needs it: CSV and JSON carry the id in their own column.
    let lookup =
      format == .table ? AccountLookup(result.data.accounts, limit: result.graph.nodeCount) : nil
    let rows = listed.prefix(count).enumerated().map { position, node in
      Self.row(result, node: Int(node), rank: ranks[position], lookup: lookup)
        + (trends.map { CompareOptions.cells($0[Int(node)]) } ?? [])
        + [result.data.accounts[Int(node)].userID.map { .text($0) } ?? .empty]
        + [result.data.accounts[Int(node)].followersCell]
        + [.text(CoordinationText.flag(result, node: Int(node)))]
    }
    try Console.output(Self.render(rows, format: format, trend: trends != nil))
  }

  /// With `lookup` (the table), an account whose handle another account also holds on its
  /// platform is written `handle#userid`, as `explain` accepts it; CSV and JSON keep the
  /// handle in `account` and the id in `user_id`.
  static func row(_ result: InfluenceRanking, node: Int, rank: Int, lookup: AccountLookup? = nil)
    -> [Cell]
  {
    let account = result.data.accounts[node]
    let name = lookup?.disambiguator(of: node).map { account.name + "#" + $0 } ?? account.name
    let contribution = result.contributions[node]
    let replies = result.replies
    return [
      .integer(rank), .text(name), .text(account.platform),
      .decimal(contribution.score, places: 6), .decimal(contribution.pagerank, places: 10),
      .integer(Int(replies.maxReplyDepth[node])),
      .decimal(replies.meanReplyDepth[node], places: 3),
      .integer(Int(replies.distinctRepliers[node])), .integer(Int(replies.repliesReceived[node])),
      .integer(Int(result.interactionsIn[node])), .integer(Int(result.interactionsOut[node])),
      account.displayName.map { .text($0) } ?? .empty,
    ]
  }

  /// The platform's user id, after every other column: a handle can pass from one account to
  /// another, the id cannot.
  static let userIDColumn = "user_id"

  /// The column of `AccountInfo.followersCell`, before flags.
  static let followersColumn = "followers"

  /// Why an account is flagged (`CoordinationText.flag`), empty when it is not: the last
  /// column of every format.
  static let flagsColumn = "flags"

  /// `rows` end with the user id, followers and flags cells; the table leaves the user id out
  /// (it would double the width of a terminal line for DIDs) and shows the id only where two
  /// accounts share a handle, in the account column (`row(lookup:)`); CSV and JSON keep it.
  static func render(_ rows: [[Cell]], format: OutputFormat, trend: Bool = false) -> String {
    let columns =
      columns + (trend ? CompareOptions.columns : []) + [
        userIDColumn, followersColumn, flagsColumn,
      ]
    switch format {
    case .csv:
      var csv = CSVWriter(header: columns)
      for row in rows { csv.appendRow(row) }
      return csv.text
    case .json:
      var json = JSONWriter(keys: columns)
      for row in rows { json.appendRow(row) }
      return json.text
    case .table:
      var table = TableWriter(
        header: [
          "rank", "account", "platform", "score", "pagerank", "depth", "mean depth", "repliers",
          "replies", "in", "out", "display name",
        ] + (trend ? ["previous rank", "rank change", "score change", "trend"] : [])
          + [followersColumn, flagsColumn])
      for row in rows { table.appendRow(Array(row.dropLast(3)) + row.suffix(2)) }
      return table.text
    }
  }
}
