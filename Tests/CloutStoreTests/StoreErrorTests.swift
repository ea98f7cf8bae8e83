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

  /// Reading a store's identity on a full disk fails with SQLITE_IOERR_SHMSIZE (the `-shm`
  /// file cannot grow; `scripts/disk-faults.sh`): the message must say the disk may be full,
  /// not only SQLite's "disk I/O error".
  @Test func theIdentityReadKeepsIOAndFullDiskMeanings() {
    let path = "s.db"
    func error(_ code: Int32, _ message: String) -> StoreError {
      StoreFileInspection.error(
        for: SQLiteFailure(code: code, message: message, sql: "SELECT 1"), path: path)
    }
    // SQLITE_IOERR_SHMSIZE = 10 | 19 << 8.
    let shm = error(4874, "disk I/O error")
    #expect(shm == .ioFailure(path: path, message: "disk I/O error"))
    #expect(shm.description.contains("is the disk full"))
    #expect(error(13, "database or disk is full") == .diskFull(path: path))
    #expect(error(26, "file is not a database") == .notAStore(path: path))
    #expect(error(11, "database disk image is malformed") == .notAStore(path: path))
    #expect(error(517, "database is locked") == .busy(path: path))
    #expect(error(1, "no such table: x") == .database(path: path, message: "no such table: x"))
  }

  @Test func onlyBusyIsWorthRetrying() {
    #expect(StoreError.busy(path: "s.db").isTemporary)
    #expect(!StoreError.diskFull(path: "s.db").isTemporary)
    #expect(!StoreError.ioFailure(path: "s.db", message: "x").isTemporary)
    #expect(StoreError.diskFull(path: "s.db").description.contains("the disk is full"))
  }
}
