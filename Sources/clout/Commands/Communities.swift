import ArgumentParser
import CloutCore
import CloutRender

struct Communities: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the communities of the interaction graph and the bridges between them.",
    discussion: """
      Communities are groups of accounts that interact more with each other than with the
      rest: Leiden on the interaction graph treated as undirected, with the same edge
      weights as the ranking (same options as 'clout rank'). --resolution tunes their size
      and --seed fixes the random choices, so the same data and options always give the
      same communities.

      Community 1 is the community with the highest total score, 2 the next, and so on;
      ids do not change when --min-size hides small communities. 'inside' is the share of
      the interaction weight touching a community that stays inside it. A bridge is an
      account whose interactions spread over several communities (participation
      coefficient of at least 0.5, with at least a typical account's interaction weight):
      the people who carry conversations from one group to another.

      Formats: the table and json list communities (id, size, total score, inside share,
      top accounts, bridges); csv lists accounts: account,community,score,platform,bridge,
      one row per account of the communities shown, by community then score.

      Examples:
        clout communities
        clout communities --min-size 10 --top-accounts 8
        clout communities --format csv --min-size 1 > communities.csv
        clout communities --resolution 2 --since 2026-10-01
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var ranking: RankingOptions
  @OptionGroup var community: CommunityOptions

  @Option(help: "Output format: table, csv or json.")
  var format: OutputFormat = .table

  @Option(
    help: ArgumentHelp(
      "Hide communities with fewer accounts than this (1 shows all).", valueName: "n"))
  var minSize = 2

  @Option(help: ArgumentHelp("How many top accounts to name per community.", valueName: "n"))
  var topAccounts = 5

  func validate() throws {
    if minSize < 1 { throw ValidationError("--min-size must be at least 1 (1 shows all).") }
    if topAccounts < 1 { throw ValidationError("--top-accounts must be at least 1.") }
  }

  func run() throws {
    let result = try RankingRun.compute(store: store, ranking: ranking)
    let analysis = try community.analyze(result)
    let shown = analysis.summary.communities.filter { $0.size >= minSize }
    switch format {
    case .csv: print(Self.csv(shown, result: result, analysis: analysis), terminator: "")
    case .json:
      print(Self.json(shown, result: result, analysis: analysis, top: topAccounts), terminator: "")
    case .table:
      print(Self.table(shown, result: result, analysis: analysis, top: topAccounts), terminator: "")
      let all = analysis.summary.communities
      let hidden = all.count - shown.count
      var footer =
        "\(NumberFormatting.grouped(all.count)) communities over "
        + "\(NumberFormatting.grouped(result.graph.nodeCount)) accounts"
      if hidden > 0 {
        footer +=
          " (\(NumberFormatting.grouped(hidden)) with fewer than \(minSize) accounts hidden)"
      }
      footer +=
        "; modularity \(DecimalText.fixed(analysis.partition.modularity, places: 3))"
        + "; \(NumberFormatting.grouped(analysis.bridges.count)) "
        + (analysis.bridges.count == 1 ? "bridge" : "bridges")
        + "; resolution \(analysis.resolution), seed \(analysis.seed)"
      print("\n" + footer)
    }
  }

  static func bridges(in community: CommunitySummary.Community, _ analysis: CommunityAnalysis)
    -> [Int]
  {
    let members = Set(community.members.map(Int.init))
    return analysis.bridges.filter { members.contains($0) }
  }

  static func table(
    _ communities: [CommunitySummary.Community], result: InfluenceRanking,
    analysis: CommunityAnalysis, top: Int
  ) -> String {
    var table = TableWriter(header: [
      "community", "size", "score", "inside", "bridges", "top accounts",
    ])
    for community in communities {
      let names = community.members.prefix(top).map { result.data.accounts[Int($0)].name }
      table.appendRow([
        .integer(community.id), .integer(community.size),
        .decimal(community.totalScore, places: 3),
        .text(DecimalText.fixed(community.internalShare * 100, places: 1) + "%"),
        .integer(bridges(in: community, analysis).count),
        .text(names.joined(separator: ", ")),
      ])
    }
    return table.text
  }

  static func csv(
    _ communities: [CommunitySummary.Community], result: InfluenceRanking,
    analysis: CommunityAnalysis
  ) -> String {
    var csv = CSVWriter(header: ["account", "community", "score", "platform", "bridge"])
    for community in communities {
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

  static func json(
    _ communities: [CommunitySummary.Community], result: InfluenceRanking,
    analysis: CommunityAnalysis, top: Int
  ) -> String {
    func account(_ node: Int) -> String {
      let info = result.data.accounts[node]
      return "{\"account\": \(JSONWriter.string(info.name)), "
        + "\"platform\": \(JSONWriter.string(info.platform)), "
        + "\"score\": \(DecimalText.fixed(result.contributions[node].score, places: 6))}"
    }
    let objects = communities.map { community in
      let topList = community.members.prefix(top).map { account(Int($0)) }
      let bridgeList = bridges(in: community, analysis).map(account)
      return "  {\"community\": \(community.id), \"size\": \(community.size), "
        + "\"score\": \(DecimalText.fixed(community.totalScore, places: 6)), "
        + "\"internal_share\": \(DecimalText.fixed(community.internalShare, places: 4)), "
        + "\"bridge_count\": \(bridgeList.count), "
        + "\"top_accounts\": [\(topList.joined(separator: ", "))], "
        + "\"bridges\": [\(bridgeList.joined(separator: ", "))]}"
    }
    return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
  }
}
