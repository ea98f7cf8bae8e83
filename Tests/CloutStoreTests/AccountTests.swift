import CloutCore
import Foundation
import Testing

@testable import CloutStore

@Suite struct AccountTests {
  func rows(_ store: Store) throws -> [String] {
    try store.strings(
      """
      SELECT (SELECT name FROM platforms WHERE id = platform) || '|' || coalesce(user_id, '-') || '|' || coalesce(handle, '-') || '|'
        || coalesce(display_name, '-') || '|' || first_seen || '|' || last_seen
      FROM accounts ORDER BY id
      """
    ).map { $0 ?? "?" }
  }

  @Test func keyedByUserIDElseHandle() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([
      post("1", by: account("alice", id: "1"), at: 10),
      // A handle-only reference prefers the existing row with that handle.
      post("2", by: account("@Alice"), at: 20),
      // Same handle, another id: another account (handles can change hands).
      post("3", by: account("alice", id: "9"), at: 30),
      // Handle-only, never seen with an id.
      post("4", by: account("zed"), at: 40),
      // Same id on another platform is another account.
      post("5", by: account("alice", id: "1"), at: 50, platform: "bluesky"),
    ])
    #expect(
      try rows(store) == [
        "twitter|1|alice|-|10|20", "twitter|9|alice|-|30|30", "twitter|-|zed|-|40|40",
        "bluesky|1|alice|-|50|50",
      ])
    // In a later run (empty cache) a handle-only reference still finds a row.
    let summary = try store.ingest([post("6", by: account("zed"), at: 60)])
    #expect(summary.accountsAdded == 0)
    #expect(try store.count("accounts") == 4)
  }

  @Test func handleOnlyAccountGetsItsIDLater() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([
      post("1", by: account("bob"), at: 10),
      post("2", by: account("carol"), at: 15, mentions: [account("bob")]),
    ])
    let summary = try store.ingest([post("3", by: account("bob", id: "2", name: "Bob"), at: 20)])
    #expect(summary.accountsAdded == 0)
    #expect(try rows(store) == ["twitter|2|bob|Bob|10|20", "twitter|-|carol|-|15|15"])
    // Within one run as well.
    let again = try store.ingest([
      post("4", by: account("dan"), at: 30),
      post("5", by: account("dan", id: "4"), at: 31),
      post("6", by: account("dan"), at: 32),
    ])
    #expect(again.accountsAdded == 1)
    #expect(try store.count("accounts", where: "handle = 'dan'") == 1)
  }

  @Test func latestNamesWinByPostTime() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(
      [
        post("1", by: account("old", id: "7", name: "First"), at: 100),
        post("2", by: account("newest", id: "7", name: "Third"), at: 300),
        post("3", by: account("middle", id: "7", name: "Second"), at: 200),
        // A mention without a display name keeps the name.
        post("4", by: account("x"), at: 400, mentions: [account("newest", id: "7")]),
      ], batchSize: 2)
    #expect(try rows(store).first == "twitter|7|newest|Third|100|400")
    // An older post in a later run does not replace the name.
    try store.ingest([post("5", by: account("older", id: "7", name: "Zeroth"), at: 50)])
    #expect(try rows(store).first == "twitter|7|newest|Third|50|400")
    try store.ingest([post("6", by: account("latest", id: "7", name: "Fourth"), at: 500)])
    #expect(try rows(store).first == "twitter|7|latest|Fourth|50|500")
  }
}
