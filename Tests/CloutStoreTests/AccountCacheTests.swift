import CloutCore
import Foundation
import Testing

@testable import CloutStore

/// A run that creates a platform's accounts skips the look-ups in `accounts` for references
/// its cache does not know (`PlatformAccounts.cacheIsComplete`). These are the cases where the
/// store holds an account the cache cannot find, and the look-ups must come back.
@Suite struct AccountCacheTests {
  /// The cache maps the handle an account was created with: once an account's handle
  /// changes, a reference to the new handle alone is looked up, and finds it.
  @Test func anAccountIsFoundUnderTheHandleItChangedTo() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(
      [
        post("1", by: account("old", id: "7"), at: 10),
        post("2", by: account("new", id: "7"), at: 20),
        post("3", by: account("ann", id: "1"), at: 30, mentions: [account("new")]),
      ], batchSize: 2)
    #expect(try store.count("accounts") == 2)
    #expect(try store.count("accounts", where: "user_id = '7' AND handle = 'new'") == 1)
    #expect(try store.interactionList() == ["ann>new:mention"])
  }

  /// Accounts another connection stored between two batches of a run are found, by id and,
  /// for an id-less one, by handle (which then gets the id), instead of being created again.
  @Test func accountsAnotherConnectionWroteBetweenBatchesAreFound() throws {
    let directory = try TempDirectory()
    let store = try Store.open(path: directory.path("clout.db"))
    let other = try Store.open(path: directory.path("clout.db"))
    let bob = account("bob", id: "2")
    try store.pool.writeWithoutTransaction { db in
      let writer = try BatchWriter(connection: db.sqliteConnection!)
      try db.inTransaction(.immediate) {
        try writer.beginBatch(lastPost: 0)
        try writer.write(post("a", by: account("ann", id: "1"), at: 10))
        try writer.flush()
        return .commit
      }
      try other.ingest([post("b", by: bob, at: 20, mentions: [account("cy")])])
      try db.inTransaction(.immediate) {
        try writer.beginBatch(lastPost: 2)
        try writer.write(post("c", by: bob, at: 30, mentions: [account("cy", id: "3")]))
        try writer.flush()
        return .commit
      }
    }
    #expect(try store.count("accounts") == 3)
    #expect(try store.count("accounts", where: "handle = 'cy' AND user_id = '3'") == 1)
    #expect(
      try store.strings(
        "SELECT post_key FROM posts WHERE author_id = (SELECT id FROM accounts "
          + "WHERE user_id = '2') ORDER BY id") == ["b", "c"])
  }
}
