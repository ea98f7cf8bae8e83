import ArgumentParser
import CloutCore
import CloutReports
import CloutRender

struct Shortlist: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the outreach shortlist: a clean CSV for a spreadsheet or CRM.",
    discussion: """
      One row per account, or per person when --identities merges one person's accounts \
      across platforms, in ranking order (the same ranking as 'clout rank' with the same \
      options). Columns: rank, account, platform, display_name, score, pagerank, \
      max_reply_depth, distinct_repliers, replies_received, community, first_seen, \
      last_seen, profile_url, why, handles (then trend with --compare), user_id, followers, \
      flags. 'followers' is the latest follower count the data gave (tweets, Mastodon \
      statuses): context, not part of the score.

      'community' is the account's community (1 = the community with the highest total \
      score, as 'clout communities' numbers them); 'why' says when an account bridges \
      several communities. A merged person's score is the sum of their accounts' scores \
      (their combined reach); \
      pagerank, distinct_repliers and replies_received are sums, max_reply_depth the \
      maximum, first_seen/last_seen the earliest/latest, and 'handles' lists every \
      platform:handle. Text cells that a spreadsheet would run as a formula (starting with \
      = + - @, a tab or a carriage return) get a leading apostrophe.

      --exclude FILE lists accounts to leave out (one handle or platform:handle per line, \
      '#' comments): the brand's own accounts, staff, competitors, bots. They still count \
      in the graph; they are only left out of the list.

      Examples:
        clout shortlist --out shortlist.csv
        clout shortlist --out - --top 20 --exclude staff.txt --platform mastodon
        clout shortlist --out community-2.csv --community 2
        clout shortlist --out people.csv --identities people.csv --excel
        clout shortlist --out - --since 2026-10-01 --compare 2026-09-01..2026-09-30

      --compare START..END appends a 'trend' column: how the account (for a person, their \
      best-scoring account) moved in the full ranking since that earlier period: 'new', \
      'up N', 'down N' or 'same'.
      """
  )

  static let columns = [
    "rank", "account", "platform", "display_name", "score", "pagerank", "max_reply_depth",
    "distinct_repliers", "replies_received", "community", "first_seen", "last_seen",
    "profile_url", "why", "handles",
  ]

  @OptionGroup var store: StoreOptions
  @OptionGroup var ranking: RankingOptions
  @OptionGroup var communityOptions: CommunityOptions
  @OptionGroup var comparison: CompareOptions

  @Option(
    help: ArgumentHelp("Where to write the CSV; '-' writes to standard output.", valueName: "file"))
  var out: String

  // `.unconditional` so that `--top -1` reaches validate() and gets a message naming valid
  // values, instead of argument-parser's "missing value".
  @Option(parsing: .unconditional, help: "How many rows to write; 0 writes all.")
  var top = 50

  @Option(help: ArgumentHelp("Leave out rows scoring below this.", valueName: "score"))
  var minScore: Double?

  @Option(
    help: ArgumentHelp(
      "Only accounts of this community (1 = the community with the highest total score;"
        + " see 'clout communities').", valueName: "id"))
  var community: Int?

  @Option(help: ArgumentHelp("Accounts to leave out of the list.", valueName: "file"))
  var exclude: String?

  @Option(
    help: ArgumentHelp(
      "CSV person,platform,handle merging one person's accounts into one row.",
      valueName: "file"))
  var identities: String?

  @Flag(help: "Start the file with a UTF-8 byte order mark, for spreadsheet apps.")
  var excel = false

  @Flag(
    help: ArgumentHelp(
      "Keep accounts flagged for coordinated engagement (left out by default), with the flag"
        + " in the row's flags column."))
  var includeFlagged = false

  func validate() throws {
    if top < 0 {
      throw ValidationError("--top takes a count of rows, or 0 for all of them (e.g. --top 50).")
    }
    if let minScore, !minScore.isFinite {
      throw ValidationError("--min-score must be a number between 0 and 1.")
    }
    if out.isEmpty { throw ValidationError("--out needs a file name, or '-' for standard output.") }
    if let community, community < 1 {
      throw ValidationError(
        "--community takes a community id: 1, 2, … as 'clout communities' lists them.")
    }
  }

  func run() throws {
    let result = try RankingRun.compute(store: store, ranking: ranking)
    let ranked = result.graph.nodeCount
    var excluded = try excludedNodes(result).union(ranking.hiddenSeeds(result))
    if !includeFlagged {
      let flagged = CoordinationText.flaggedNodes(result).subtracting(excluded)
      if !flagged.isEmpty {
        Console.note(
          "note: left out \(NumberFormatting.count(flagged.count, "account")) flagged for "
            + "coordinated engagement; --include-flagged keeps them")
      }
      excluded.formUnion(flagged)
    }
    var merged = Identities()
    if let identities {
      merged = try IdentitiesFile.read(identities, accounts: result.data.accounts, ranked: ranked)
    }
    let communities = try communityOptions.analyze(result)
    if let community, community > communities.summary.communities.count {
      Console.error(
        "there is no community \(community): the selected data has "
          + "\(communities.summary.communities.count) (see 'clout communities')")
      throw CloutExit.dataError
    }
    var rows = ShortlistRows.build(
      result: result, communities: communities, identities: merged, excluded: excluded)
    if let minScore { rows = rows.filter { $0.score >= minScore } }
    if let community { rows = rows.filter { $0.communities.contains(community) } }
    if top > 0 { rows = Array(rows.prefix(top)) }
    guard !rows.isEmpty else {
      Console.error(
        "no account is left for the shortlist"
          + (minScore != nil ? " (--min-score \(minScore!) may be too high)" : "")
          + "; nothing was written")
      throw CloutExit.dataError
    }
    let trends = try comparison.trends(store: store, ranking: ranking, current: result)
    var csv = CSVWriter(
      header: Self.columns + (trends == nil ? [] : ["trend"]) + [
        Rank.userIDColumn, Rank.followersColumn, Rank.flagsColumn,
      ],
      byteOrderMark: excel)
    for (position, row) in rows.enumerated() {
      // One id per account of the row, in the order of `handles`.
      let accounts = result.data.accounts
      let members = row.members.map { accounts[$0] }
        .sorted { "\($0.platform):\($0.name)" < "\($1.platform):\($1.name)" }
      let ids = members.map { $0.userID ?? "" }
      csv.appendRow(
        row.cells(rank: position + 1)
          + (trends.map { [.text($0[Self.leadMember(row, result)].label)] } ?? [])
          + [.text(ids.joined(separator: " ")), Self.followersCell(members)]
          + [.text(CoordinationText.flag(result, nodes: row.members))])
    }
    if out == "-" {
      try Console.output(csv.text)
      return
    }
    try TextFile.writeAtomically(Array(csv.text.utf8), to: out)
    Console.note("wrote \(NumberFormatting.count(rows.count, "row")) to \(out)")
  }

  /// One account's follower count as a number; a person's accounts' counts as text in
  /// `handles` order, like `user_id` (a sum would count a follower of two accounts twice).
  static func followersCell(_ members: [AccountInfo]) -> Cell {
    if members.count == 1 { return members[0].followersCell }
    guard members.contains(where: { $0.followers != nil }) else { return .empty }
    return .text(members.map { $0.followers.map(String.init) ?? "" }.joined(separator: " "))
  }

  /// A person's best-scoring account (ties: the lowest node), whose move the trend shows.
  static func leadMember(_ row: ShortlistRow, _ result: InfluenceRanking) -> Int {
    row.members.min { lhs, rhs in
      let left = result.contributions[lhs].score
      let right = result.contributions[rhs].score
      return left != right ? left > right : lhs < rhs
    }!
  }

  private func excludedNodes(_ result: InfluenceRanking) throws -> Set<Int> {
    guard let exclude else { return [] }
    let lookup = AccountLookup(result.data.accounts, limit: result.graph.nodeCount)
    var nodes = Set<Int>()
    var unknown: [String] = []
    for entry in try AccountListFile.read(exclude) {
      let found = lookup.find(entry.text)
      if found.isEmpty { unknown.append("\(exclude):\(entry.line): \(entry.text)") }
      nodes.formUnion(found)
    }
    if !unknown.isEmpty {
      Console.note(
        "note: \(unknown.count) excluded accounts are not in the selected data:\n  "
          + unknown.prefix(5).joined(separator: "\n  "))
    }
    return nodes
  }
}
