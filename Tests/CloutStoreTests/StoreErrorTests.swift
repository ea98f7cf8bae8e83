import Testing

@testable import CloutStore

/// SQLite result codes (sqlite3.h), extended ones included, map to one `StoreError` each.
@Suite struct StoreErrorTests {
  @Test func extendedCodesKeepTheirPrimaryMeaning() {
    let path = "s.db"
    // SQLITE_BUSY_SNAPSHOT = 5 | 2 << 8, SQLITE_LOCKED_SHAREDCACHE = 6 | 1 << 8.
    #expect(StoreError(sqliteCode: 517, message: "busy", path: path) == .busy(path: path))
    #expect(StoreError(sqliteCode: 262, message: nil, path: path) == .busy(path: path))
    // SQLITE_IOERR_WRITE = 10 | 3 << 8, SQLITE_IOERR_SHMMAP = 10 | 21 << 8.
    #expect(
      StoreError(sqliteCode: 778, message: "disk I/O error", path: path)
        == .ioFailure(path: path, message: "disk I/O error"))
    #expect(
      StoreError(sqliteCode: 5386, message: nil, path: path)
        == .ioFailure(path: path, message: "disk I/O error"))
    #expect(StoreError(sqliteCode: 13, message: "full", path: path) == .diskFull(path: path))
    // SQLITE_READONLY_DBMOVED = 8 | 4 << 8.
    #expect(StoreError(sqliteCode: 1032, message: nil, path: path) == .readOnly(path: path))
    #expect(StoreError(sqliteCode: 26, message: nil, path: path) == .notAStore(path: path))
    // SQLITE_CONSTRAINT_UNIQUE = 19 | 8 << 8: no special meaning, SQLite's message kept.
    #expect(
      StoreError(sqliteCode: 2067, message: "UNIQUE constraint failed", path: path)
        == .database(path: path, message: "UNIQUE constraint failed"))
  }

  @Test func onlyBusyIsWorthRetrying() {
    #expect(StoreError.busy(path: "s.db").isTemporary)
    #expect(!StoreError.diskFull(path: "s.db").isTemporary)
    #expect(!StoreError.ioFailure(path: "s.db", message: "x").isTemporary)
    #expect(StoreError.diskFull(path: "s.db").description.contains("the disk is full"))
  }
}
