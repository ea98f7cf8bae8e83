import CloutCore
import CloutRender
import CloutStore

/// The text of `clout stats`.
public enum StatsReport {
  public static let typeColumns = InteractionType.allCases

  /// One platform's counts, in the column order both formats share.
  public static func cells(_ platform: StoreStats.Platform) -> [Cell] {
    [.text(platform.platform), .integer(platform.posts), .integer(platform.accounts)]
      + typeColumns.map { .integer(platform.interactions[$0] ?? 0) }
      + [
        .integer(platform.selfInteractions), .integer(platform.pendingInteractions),
        platform.earliest.map { .text(TimeText.iso8601($0)) } ?? .empty,
        platform.latest.map { .text(TimeText.iso8601($0)) } ?? .empty,
      ]
  }

  public static func table(_ stats: StoreStats) -> String {
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
    if stats.platforms.contains(where: { $0.platform == PlatformName.unknown }) {
      // The same accounts ingested once with a platform and once without count twice.
      text +=
        "\n\(PlatformName.unknown): records whose file named no platform; ingest them with"
        + " --platform NAME to merge them with that platform's accounts\n"
    }
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

  public static func json(_ stats: StoreStats) throws -> String {
    try JSONDocumentEncoder.encode(Document(stats), flatTopLevel: true)
  }

  /// The JSON document: platform rows with the table's columns, then the top accounts.
  struct Document: Encodable {
    static let platformKeys =
      ["platform", "posts", "accounts"] + typeColumns.map(\.rawValue)
      + ["self_interactions", "pending_interactions", "from", "to"]
    static let accountKeys = [
      "account", "platform", "display_name", "interactions_received", "distinct_engagers",
    ]

    var platforms: [JSONRow]
    var topAccounts: [JSONRow]
    var ingestRuns: Int
    var schemaVersion: Int

    init(_ stats: StoreStats) {
      platforms = stats.platforms.map { JSONRow(keys: Self.platformKeys, cells: cells($0)) }
      topAccounts = stats.topAccounts.map { account in
        JSONRow(
          keys: Self.accountKeys,
          cells: [
            .text(account.handle ?? account.userID ?? "?"), .text(account.platform),
            account.displayName.map { .text($0) } ?? .empty,
            .integer(account.interactionsReceived), .integer(account.distinctEngagers),
          ])
      }
      ingestRuns = stats.ingestRuns
      schemaVersion = stats.schemaVersion
    }

    enum CodingKeys: String, CodingKey {
      case platforms
      case topAccounts = "top_accounts"
      case ingestRuns = "ingest_runs"
      case schemaVersion = "schema_version"
    }
  }
}
