import ArgumentParser
import CloutCore
import CloutRender
import CloutStore

struct Stats: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show what the store holds.",
    discussion: """
      Counts per platform and interaction type, the time span of the data, and the accounts \
      that receive the most interactions from others (self-interactions are counted apart: \
      they never enter the graph). Interactions still waiting for the post they refer to are \
      shown as pending.

      Examples:
        clout stats
        clout stats --db brand.db --top 25
        clout stats --format json | jq '.platforms'
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @OptionGroup var store: StoreOptions

  @Option(help: "How many top accounts to list.")
  var top = 10

  @Option(help: "Output format: table or json.")
  var format: Format = .table

  func validate() throws {
    if top < 0 { throw ValidationError("--top must be 0 or more.") }
  }

  func run() throws {
    let opened = try CommandSupport.openStore(path: store.db, readOnly: true)
    let stats: StoreStats
    do {
      stats = try opened.stats(top: top)
    } catch let error as StoreError {
      throw CommandSupport.exit(for: error)
    }
    switch format {
    case .table: try Console.output(StatsReport.table(stats))
    case .json: try Console.output(StatsReport.json(stats))
    }
  }
}

/// The text of `clout stats`.
enum StatsReport {
  static let typeColumns = InteractionType.allCases

  /// One platform's counts, in the column order both formats share.
  static func cells(_ platform: StoreStats.Platform) -> [Cell] {
    [.text(platform.platform), .integer(platform.posts), .integer(platform.accounts)]
      + typeColumns.map { .integer(platform.interactions[$0] ?? 0) }
      + [
        .integer(platform.selfInteractions), .integer(platform.pendingInteractions),
        platform.earliest.map { .text(TimeText.iso8601($0)) } ?? .empty,
        platform.latest.map { .text(TimeText.iso8601($0)) } ?? .empty,
      ]
  }

  static func table(_ stats: StoreStats) -> String {
    guard !stats.platforms.isEmpty else {
      return "The store is empty. Add data with: clout ingest FILE\n"
    }
    var platforms = TableWriter(
      header: ["platform", "posts", "accounts"] + typeColumns.map(\.rawValue)
        + ["self", "pending", "from", "to"])
    for platform in stats.platforms {
      platforms.appendRow(cells(platform))
    }
    var text = platforms.text
    text += "\n\(stats.ingestRuns) ingest runs; schema version \(stats.schemaVersion)\n"
    if !stats.topAccounts.isEmpty {
      var accounts = TableWriter(
        header: ["account", "platform", "display name", "interactions in", "engagers"])
      for account in stats.topAccounts {
        accounts.appendRow([
          .text(account.handle ?? account.userID ?? "?"), .text(account.platform),
          .text(account.displayName ?? ""), .integer(account.interactionsReceived),
          .integer(account.distinctEngagers),
        ])
      }
      text += "\nMost engaged-with accounts\n" + accounts.text
    }
    return text
  }

  static func json(_ stats: StoreStats) -> String {
    var platforms = JSONWriter(
      keys: ["platform", "posts", "accounts"] + typeColumns.map(\.rawValue)
        + ["self_interactions", "pending_interactions", "from", "to"])
    for platform in stats.platforms {
      platforms.appendRow(cells(platform))
    }
    var accounts = JSONWriter(
      keys: ["account", "platform", "display_name", "interactions_received", "distinct_engagers"])
    for account in stats.topAccounts {
      accounts.appendRow([
        .text(account.handle ?? account.userID ?? "?"), .text(account.platform),
        account.displayName.map { .text($0) } ?? .empty, .integer(account.interactionsReceived),
        .integer(account.distinctEngagers),
      ])
    }
    return "{\n\"platforms\": \(platforms.text.dropLast()),\n\"top_accounts\": "
      + "\(accounts.text.dropLast()),\n\"ingest_runs\": \(stats.ingestRuns),\n"
      + "\"schema_version\": \(stats.schemaVersion)\n}\n"
  }
}
