import CloutCore
import GRDB

/// What a store holds, for `clout stats`.
public struct StoreStats: Sendable, Equatable {
  /// Counts for one platform.
  public struct Platform: Sendable, Equatable {
    public var platform: String
    public var posts = 0
    public var accounts = 0
    /// Interactions between two different accounts, by type (types with none are absent).
    public var interactions: [InteractionType: Int] = [:]
    /// Interactions of an account with itself: stored, left out of the graph.
    public var selfInteractions = 0
    /// Deferred interactions still waiting for their referenced post.
    public var pendingInteractions = 0
    /// The earliest and latest `created_at` of its posts and interactions (unix seconds, UTC).
    public var earliest: Int64?
    public var latest: Int64?

    public var totalInteractions: Int { interactions.values.reduce(0, +) }

    public init(platform: String) { self.platform = platform }
  }

  /// An account ranked by interactions received from other accounts.
  public struct TopAccount: Sendable, Equatable {
    public var platform: String
    public var userID: String?
    public var handle: String?
    public var displayName: String?
    public var interactionsReceived: Int
    /// Distinct accounts that gave those interactions.
    public var distinctEngagers: Int

    public init(
      platform: String, userID: String?, handle: String?, displayName: String?,
      interactionsReceived: Int, distinctEngagers: Int
    ) {
      self.platform = platform
      self.userID = userID
      self.handle = handle
      self.displayName = displayName
      self.interactionsReceived = interactionsReceived
      self.distinctEngagers = distinctEngagers
    }
  }

  /// Sorted by platform name.
  public var platforms: [Platform]
  /// Most interactions received first (ties: more engagers, then older account).
  public var topAccounts: [TopAccount]
  public var ingestRuns: Int
  public var schemaVersion: Int

  public init(
    platforms: [Platform], topAccounts: [TopAccount], ingestRuns: Int, schemaVersion: Int
  ) {
    self.platforms = platforms
    self.topAccounts = topAccounts
    self.ingestRuns = ingestRuns
    self.schemaVersion = schemaVersion
  }
}

extension Store {
  /// Counts per platform, the `top` accounts by interactions received, and the run count.
  public func stats(top: Int = 10) throws -> StoreStats {
    do {
      return try pool.read { db in try Self.stats(db, top: top) }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }

  private static func stats(_ db: Database, top: Int) throws -> StoreStats {
    var platforms: [String: StoreStats.Platform] = [:]
    func update(_ name: String, _ body: (inout StoreStats.Platform) -> Void) {
      body(&platforms[name, default: StoreStats.Platform(platform: name)])
    }
    func widen(_ stats: inout StoreStats.Platform, _ earliest: Int64?, _ latest: Int64?) {
      if let earliest { stats.earliest = min(stats.earliest ?? earliest, earliest) }
      if let latest { stats.latest = max(stats.latest ?? latest, latest) }
    }

    let posts = try Row.fetchAll(
      db,
      sql: """
        SELECT (SELECT name FROM platforms WHERE id = platform), count(*), min(created_at), max(created_at)
        FROM posts GROUP BY platform
        """)
    for row in posts {
      update(row[0]) {
        $0.posts = row[1]
        widen(&$0, row[2], row[3])
      }
    }
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT (SELECT name FROM platforms WHERE id = platform), count(*) FROM accounts GROUP BY platform
        """)
    {
      update(row[0]) { $0.accounts = row[1] }
    }
    let interactions = try Row.fetchAll(
      db,
      sql: """
        SELECT (SELECT name FROM platforms WHERE id = platform), type, actor_id = target_id,
          count(*), min(created_at), max(created_at)
        FROM interactions GROUP BY platform, 2, 3
        """)
    for row in interactions {
      let count: Int = row[3]
      update(row[0]) {
        if row[2] as Bool {
          $0.selfInteractions += count
        } else if let type = StoreSchema.type(code: row[1]) {
          $0.interactions[type, default: 0] += count
        }
        widen(&$0, row[4], row[5])
      }
    }
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT (SELECT name FROM platforms WHERE id = platform), count(*) FROM pending_interactions
        GROUP BY platform
        """)
    {
      update(row[0]) { $0.pendingInteractions = row[1] }
    }

    let topAccounts = try Row.fetchAll(
      db,
      sql: """
        SELECT (SELECT name FROM platforms WHERE id = a.platform), a.user_id, a.handle, a.display_name, t.received, t.engagers
        FROM (SELECT target_id, count(*) AS received, count(DISTINCT actor_id) AS engagers
              FROM interactions WHERE actor_id <> target_id
              GROUP BY target_id
              ORDER BY received DESC, engagers DESC, target_id LIMIT ?) AS t
        JOIN accounts AS a ON a.id = t.target_id
        ORDER BY t.received DESC, t.engagers DESC, a.id
        """, arguments: [max(0, top)]
    ).map { row in
      StoreStats.TopAccount(
        platform: row[0], userID: row[1], handle: row[2], displayName: row[3],
        interactionsReceived: row[4], distinctEngagers: row[5])
    }

    return StoreStats(
      platforms: platforms.values.sorted { $0.platform < $1.platform },
      topAccounts: topAccounts,
      ingestRuns: try Int.fetchOne(db, sql: "SELECT count(*) FROM ingest_runs") ?? 0,
      schemaVersion: try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0)
  }
}
