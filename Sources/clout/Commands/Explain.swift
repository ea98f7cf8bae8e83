import ArgumentParser
import CloutCore
import CloutReports
import CloutRender
import CloutStore

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show how one account's score is made up.",
    discussion: """
      Prints the score and the parts it adds up from (each part's feature, weight and \
      contribution; the contributions add up to the score), where the weights and half-life \
      came from (the saved calibration, options, or the default), the account's rank and \
      percentile (equal scores share a rank: "tied for ranks 242–1052 of 1052"; the \
      percentile counts the whole tie), its community and whether it bridges several, who \
      engages it and how (its strongest incoming edges), the deepest \
      conversations it started, and the accounts it engages itself. For an account engaged \
      by a coordinated group (see 'clout rank --help'), the parts are those before the \
      discount and the discount is its own line, and the group's evidence follows: its \
      size, when its accounts were first seen, when they engaged, how densely they engage \
      each other, and a few of its accounts and edges. Takes the same ranking \
      options as 'clout rank', so the numbers match the ranking you are looking at.

      The account is a handle (with or without @), a platform user id, or platform:handle \
      when the same handle exists on several platforms.

      \(ScoreDefinition.helpText)

      Examples:
        clout explain alice
        clout explain mastodon:alice@fosstodon.org --since 2026-10-01
      """
  )

  @Argument(help: ArgumentHelp("The account to explain.", valueName: "handle"))
  var handle: String

  @OptionGroup var store: StoreOptions
  @OptionGroup var ranking: RankingOptions
  @OptionGroup var communityOptions: CommunityOptions

  @Option(help: "How many edges and conversations to list in each section.")
  var limit = 10

  func validate() throws {
    if limit < 1 { throw ValidationError("--limit must be at least 1.") }
  }

  func run() throws {
    // The explanation prints the dropped parts' notes under the parts; on standard error too
    // they read twice in a terminal.
    let (openedStore, result) = try RankingRun.computeKeepingStore(
      store: store, ranking: ranking, postRowIDs: true, notesDroppedParts: false)
    let node = try resolve(result)
    let communities = try communityOptions.analyze(result)
    var report = ExplainReport(result: result, communities: communities, node: node, limit: limit)
    report.postKeys = try openedStore.postKeys(rowIDs: report.conversationRowIDs)
    report.posts = try openedStore.posts(rowIDs: report.conversationRowIDs)
    if CoordinationText.flaggedEngagers(result, of: node) > 0 {
      var parameters = result.parameters
      parameters.discountsCoordination = false
      report.undiscounted = try InfluenceRanking(data: result.data, parameters: parameters)
    }
    try Console.output(report.text)
  }

  private func resolve(_ result: InfluenceRanking) throws -> Int {
    let lookup = AccountLookup(result.data.accounts, limit: result.graph.nodeCount)
    let matches = lookup.find(handle)
    if matches.count == 1 { return matches[0] }
    if matches.isEmpty {
      let everywhere = AccountLookup(result.data.accounts).find(handle)
      if everywhere.isEmpty {
        let near = lookup.suggestions(for: handle)
        Console.error(
          "no account '\(handle)' with interactions in the selected data; "
            + (near.isEmpty
              ? "" : "did you mean \(near.joined(separator: ", "))? ")
            + "'clout rank --top 0' lists every ranked account")
      } else {
        Console.error(
          "'\(handle)' wrote posts in the selected data but has no interactions with other "
            + "accounts, so it has no score")
      }
      throw CloutExit.dataError
    }
    Console.error("'\(handle)' names \(matches.count) accounts; name one:")
    for match in matches {
      let account = result.data.accounts[match]
      let seen = [
        account.userID.map { "user id \($0)" },
        account.firstSeen.map { "first seen \(TimeText.iso8601($0))" },
        account.lastSeen.map { "last seen \(TimeText.iso8601($0))" },
      ].compactMap { $0 }.joined(separator: ", ")
      Console.note(
        "  \(lookup.name(of: match, among: matches))" + (seen.isEmpty ? "" : "  (\(seen))"))
    }
    throw CloutExit.usage
  }
}
