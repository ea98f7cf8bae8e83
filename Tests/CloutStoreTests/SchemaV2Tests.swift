import CloutCore
import Foundation
import GRDB
import Testing

@testable import CloutStore

/// Stored type codes that name a type and nothing more, parents stored as row ids, the
/// migration of v1 stores, and duplicate copies that leave accounts alone.
@Suite struct SchemaV2Tests {
  let alice = account("alice")
  let bob = account("bob")

  @Test func typeCodesAreTheTableNotThePrecedence() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    #expect(
      try store.strings("SELECT code || ':' || name FROM interaction_types ORDER BY code")
        == ["1:reply", "2:repost", "3:quote", "4:mention"])
    for type in InteractionType.allCases {
      #expect(StoreSchema.type(code: StoreSchema.code(of: type)) == type)
    }
    #expect(StoreSchema.type(code: 0) == nil)
    #expect(StoreSchema.type(code: 5) == nil)
  }

  /// A post that quotes one post and reposts another, both by bob and both stored later:
  /// one interaction, the quote (quote beats repost), although the repost's stored code is
  /// the smaller number.
  @Test func deferredReferencesKeepTheStrongestTypeByPrecedence() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([
      post("10", by: alice, at: 100, repostOf: reference("1"), quoteOf: reference("2"))
    ])
    #expect(try store.count("pending_interactions") == 2)
    try store.ingest([post("1", by: bob, at: 50), post("2", by: bob, at: 60)])
    #expect(try store.interactionList() == ["alice>bob:quote"])
    #expect(try store.count("pending_interactions") == 0)
  }

  @Test func unknownTypeCodeIsAnErrorNotAMention() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([post("1", by: alice, at: 100, mentions: [bob])])
    try store.execute(
      "PRAGMA foreign_keys = OFF; UPDATE interactions SET type = 9; PRAGMA foreign_keys = ON")
    #expect {
      try store.loadEngagementData(EngagementFilter())
    } throws: { error in
      "\(error)".contains("unknown type code 9")
    }
  }

  @Test func parentsAreRowIDsAlsoWhenTheParentArrivesLater() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([
      post("2", by: bob, at: 200, replyTo: reference("1", author: alice)),
      post("3", by: alice, at: 300, replyTo: reference("2")),
    ])
    // "3" found "2" in the store; "1" is not there yet.
    #expect(try store.count("pending_parents") == 1)
    #expect(
      try store.integer("SELECT reply_to_post FROM posts WHERE post_key = '3'")
        == store.integer("SELECT id FROM posts WHERE post_key = '2'"))
    let before = try store.loadEngagementData(EngagementFilter())
    // A placeholder for "1" authored by alice.
    #expect(before.postRowIDs.count == 3)
    #expect(before.placeholderKeys.values.sorted() == ["1"])

    try store.ingest([post("1", by: alice, at: 100)])
    #expect(try store.count("pending_parents") == 0)
    #expect(
      try store.integer("SELECT reply_to_post FROM posts WHERE post_key = '2'")
        == store.integer("SELECT id FROM posts WHERE post_key = '1'"))
    let after = try store.loadEngagementData(EngagementFilter())
    #expect(after.placeholderKeys.isEmpty)
    #expect(after.postRowIDs.count == 3)
    // 3 → 2 → 1 by post time order of row ids: "2" (row 1), "3" (row 2), "1" (row 3).
    #expect(after.postParents == [2, 0, -1])
  }

  /// A parent and its reply in one batch, the reply first: resolved when the batch ends.
  @Test func replyBeforeItsParentInOneBatch() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([
      post("2", by: bob, at: 200, replyTo: reference("1")),
      post("1", by: alice, at: 100),
    ])
    #expect(try store.count("pending_parents") == 0)
    #expect(try store.interactionList() == ["bob>alice:reply"])
    let data = try store.loadEngagementData(EngagementFilter())
    #expect(data.postParents == [1, -1])
  }

  /// The attack: copies of post 1 with a later time, a formula as display name, and
  /// another author mentioning a new account. Only the first copy counts.
  @Test func duplicateCopiesCreateAndChangeNoAccount() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let t2026: Int64 = 1_767_225_600
    let t2030: Int64 = 1_893_456_000
    let summary = try store.ingest([
      post("1", by: account("alice", name: "Alice"), at: t2026, mentions: [bob]),
      post(
        "1", by: account("alice", name: "=HYPERLINK(\"x\")"), at: t2030, mentions: [bob]),
      post("1", by: account("mallory"), at: t2026, mentions: [account("victim")]),
    ])
    #expect(summary.duplicatesSkipped == 2)
    #expect(summary.conflicts == 2)
    #expect(try store.strings("SELECT handle FROM accounts ORDER BY handle") == ["alice", "bob"])
    #expect(
      try store.strings("SELECT display_name FROM accounts WHERE handle = 'alice'") == ["Alice"])
    #expect(try store.integer("SELECT max(last_seen) FROM accounts") == t2026)
    #expect(try store.interactionList() == ["alice>bob:mention"])
    // Also across runs: the copy in a later ingest changes nothing either.
    try store.ingest([post("1", by: account("alice", name: "Later"), at: t2030)])
    #expect(
      try store.strings("SELECT display_name FROM accounts WHERE handle = 'alice'") == ["Alice"])
    #expect(try store.integer("SELECT max(last_seen) FROM accounts") == t2026)
  }

  /// A v1 store (precedence codes, parents as text keys only) migrates: codes mapped by name,
  /// parents resolved, unresolved replies pending, and the ranking input unchanged.
  @Test func migratesAVersionOneStore() throws {
    let directory = try TempDirectory()
    let path = directory.path("v1.db")
    // v1 codes: 0 reply, 1 quote, 2 repost, 3 mention.
    try Self.makeVersionOneStore(
      at: path,
      rows: """
        INSERT INTO platforms(id, name) VALUES (1, 'twitter');
        INSERT INTO accounts(id, platform, handle, first_seen, last_seen, names_at)
          VALUES (1, 1, 'alice', 100, 300, 100), (2, 1, 'bob', 200, 200, 200),
                 (3, 1, 'carol', 300, 300, 300);
        INSERT INTO posts(id, platform, post_key, author_id, created_at, reply_to_key)
          VALUES (1, 1, 'p1', 1, 100, NULL), (2, 1, 'p2', 2, 200, 'p1'),
                 (3, 1, 'p3', 3, 300, 'gone');
        INSERT INTO interactions(platform, actor_id, target_id, type, created_at, post_id)
          VALUES (1, 2, 1, 0, 200, 2), (1, 3, 1, 1, 300, 3), (1, 3, 2, 2, 300, 3),
                 (1, 1, 3, 3, 100, 1);
        INSERT INTO pending_interactions(platform, actor_id, post_id, type, created_at,
          via_post_key) VALUES (1, 3, 3, 0, 300, 'gone');
        """)
    let store = try Store.open(path: path)
    #expect(try store.schemaVersion() == StoreSchema.version)
    #expect(
      try store.interactionList()
        == ["alice>carol:mention", "bob>alice:reply", "carol>alice:quote", "carol>bob:repost"])
    #expect(try store.integer("SELECT type FROM pending_interactions") == 1)
    #expect(try store.integer("SELECT reply_to_post FROM posts WHERE id = 2") == 1)
    #expect(try store.strings("SELECT parent_key FROM pending_parents") == ["gone"])
    let data = try store.loadEngagementData(EngagementFilter())
    #expect(data.postParents == [-1, 0, 3, -1])
    #expect(data.placeholderKeys == [3: "gone"])

    // The missing parent arrives: the pending reply and interaction resolve.
    try store.ingest([post("gone", by: bob, at: 50)])
    #expect(try store.count("pending_parents") == 0)
    #expect(try store.interactionList().contains("carol>bob:reply"))
  }

  /// Read commands open stores read-only; an older store is migrated first (and says so)
  /// instead of refusing every read after an upgrade.
  @Test func readOnlyOpenMigratesAnOlderStore() throws {
    let directory = try TempDirectory()
    let path = directory.path("old.db")
    try Self.makeVersionOneStore(
      at: path,
      rows: """
        INSERT INTO platforms(id, name) VALUES (1, 'twitter');
        INSERT INTO accounts(id, platform, handle, first_seen, last_seen, names_at)
          VALUES (1, 1, 'alice', 100, 200, 100), (2, 1, 'bob', 200, 200, 200);
        INSERT INTO posts(id, platform, post_key, author_id, created_at, reply_to_key)
          VALUES (1, 1, 'p1', 1, 100, NULL), (2, 1, 'p2', 2, 200, 'p1');
        INSERT INTO interactions(platform, actor_id, target_id, type, created_at, post_id)
          VALUES (1, 2, 1, 0, 200, 2);
        """)
    var notes: [String] = []
    let store = try Store.open(path: path, readOnly: true, migrating: { notes.append($0) })
    #expect(notes.count == 1)
    #expect(notes.first?.contains("from schema 1 to \(StoreSchema.version)") == true)
    #expect(try store.schemaVersion() == StoreSchema.version)
    #expect(try store.interactionList() == ["bob>alice:reply"])
    let data = try store.loadEngagementData(EngagementFilter())
    #expect(data.postParents == [-1, 0])
    // Opened again, it is current: no second migration.
    notes = []
    _ = try Store.open(path: path, readOnly: true, migrating: { notes.append($0) })
    #expect(notes.isEmpty)
  }

  /// The parallel load trusts two connections only when their fingerprints agree: every ingest
  /// transaction, even one that adds nothing, must change it.
  @Test func everyIngestChangesTheFingerprint() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    func fingerprint() throws -> String {
      try store.pool.read { db in
        try EngagementScanner(connection: db.sqliteConnection!, filter: EngagementFilter())
          .fingerprint()
      }
    }
    var seen: [String] = [try fingerprint()]
    let records = [post("1", by: alice, at: 100), post("2", by: bob, at: 200)]
    try store.ingest(records, batchSize: 1)
    seen.append(try fingerprint())
    try store.ingest(records, batchSize: 1)  // duplicates only
    seen.append(try fingerprint())
    try store.ingest([post("2", by: bob, at: 200, text: "filled")])  // fills a text only
    seen.append(try fingerprint())
    #expect(Set(seen).count == seen.count, "\(seen)")
    // And the two-connection load gives what one connection gives.
    let parallel = try store.loadEngagementData(EngagementFilter())
    let sequential = try store.pool.read { db in
      try EngagementScanner(connection: db.sqliteConnection!, filter: EngagementFilter()).scan().0
    }
    #expect(parallel.postRowIDs == sequential.postRowIDs)
    #expect(parallel.accounts == sequential.accounts)
  }

  /// A store at schema version 1 (as the first Clout wrote it) holding `rows`.
  static func makeVersionOneStore(at path: String, rows: String) throws {
    let queue = try DatabaseQueue(path: path)
    try StoreSchema.migrator.migrate(queue, upTo: StoreSchema.migrations[0].identifier)
    try queue.write { db in try db.execute(sql: rows) }
    try queue.close()
  }
}
