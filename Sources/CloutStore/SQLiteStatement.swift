import CSQLite

// Raw sqlite3 access for the ingest hot path only (see BatchWriter.swift for why). Kept apart
// from GRDB-using files: both modules declare the sqlite3 C API.

/// A SQLite failure on the raw path, turned into `StoreError` at the ingest boundary.
struct SQLiteFailure: Error {
  var code: Int32
  var message: String
  var sql: String
}

private let transient = unsafeBitCast(
  OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
/// SQLITE_STATIC: SQLite reads the caller's bytes and copies nothing.
private let noCopy = unsafeBitCast(OpaquePointer(bitPattern: 0), to: sqlite3_destructor_type.self)

/// One prepared statement, reused with bind / step / reset. Owns its handle and finalizes it
/// in deinit; it must not outlive the connection it was prepared on.
final class SQLiteStatement {
  let handle: OpaquePointer
  let connection: OpaquePointer
  let sql: String
  /// A failed text bind (SQLITE_TOOBIG for a value over SQLite's 1 GB limit): the next step
  /// throws instead of running with the previous row's value still bound.
  private var bindFailure: Int32 = SQLITE_OK
  /// Texts bound without a copy, kept alive here until the statement's next reset, when their
  /// parameters are bound to NULL so that SQLite never holds a pointer into a freed string.
  private var pinned: [(index: Int32, value: String)] = []

  /// Texts at least this long are bound with SQLITE_STATIC (no copy); shorter ones are copied,
  /// which costs nothing that matters. A 200 MB post text bound with SQLITE_TRANSIENT cost a
  /// second 200 MB (issue 21). The limit also keeps small strings, whose UTF-8 lives inside
  /// the `String` value rather than in heap storage, on the copying path.
  static let noCopyLength = 1 << 16

  init(_ connection: OpaquePointer, _ sql: String) throws(SQLiteFailure) {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v3(
      connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard code == SQLITE_OK, let statement else {
      sqlite3_finalize(statement)
      throw SQLiteFailure(
        code: code, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
    self.handle = statement
    self.connection = connection
    self.sql = sql
  }

  deinit { sqlite3_finalize(handle) }

  @inline(__always)
  func bind(_ index: Int32, _ value: Int64) {
    sqlite3_bind_int64(handle, index, value)
  }

  @inline(__always)
  func bind(_ index: Int32, _ value: Int64?) {
    if let value {
      sqlite3_bind_int64(handle, index, value)
    } else {
      sqlite3_bind_null(handle, index)
    }
  }

  @inline(__always)
  func bind(_ index: Int32, _ value: Double) {
    sqlite3_bind_double(handle, index, value)
  }

  @inline(__always)
  func bind(_ index: Int32, _ value: String?) {
    guard var value else {
      sqlite3_bind_null(handle, index)
      return
    }
    if value.utf8.count >= Self.noCopyLength, let code = bindWithoutCopy(index, value) {
      if code != SQLITE_OK { bindFailure = code }
      return
    }
    let code = value.withUTF8 { bytes in
      guard let base = bytes.baseAddress else {
        return sqlite3_bind_text(handle, index, "", 0, transient)
      }
      // The 64-bit length: `Int32(bytes.count)` trapped on a field over 2 GB.
      return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
        sqlite3_bind_text64(
          handle, index, $0, sqlite3_uint64(bytes.count), transient, UInt8(SQLITE_UTF8))
      }
    }
    if code != SQLITE_OK { bindFailure = code }
  }

  /// Binds a large native string's UTF-8 storage in place, keeping the string (and so its
  /// heap storage, whose address does not move while it is referenced and not mutated) in
  /// `pinned`. Nil when the string has no contiguous UTF-8 (then it is copied as usual).
  private func bindWithoutCopy(_ index: Int32, _ value: String) -> Int32? {
    let code = value.utf8.withContiguousStorageIfAvailable { bytes -> Int32 in
      bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
        sqlite3_bind_text64(
          handle, index, $0, sqlite3_uint64(bytes.count), noCopy, UInt8(SQLITE_UTF8))
      }
    }
    if code == SQLITE_OK { pinned.append((index, value)) }
    return code
  }

  /// Resets the statement and lets go of the texts bound without a copy.
  private func resetAndUnpin() {
    sqlite3_reset(handle)
    guard !pinned.isEmpty else { return }
    for entry in pinned { sqlite3_bind_null(handle, entry.index) }
    pinned.removeAll()
  }

  private func checkBinds() throws(SQLiteFailure) {
    guard bindFailure != SQLITE_OK else { return }
    let code = bindFailure
    bindFailure = SQLITE_OK
    resetAndUnpin()
    throw SQLiteFailure(
      code: code, message: String(cString: sqlite3_errstr(code)) + " (a value is too long)",
      sql: sql)
  }

  /// Runs a statement that returns no rows; returns the number of rows it changed.
  @discardableResult
  func run() throws(SQLiteFailure) -> Int {
    try checkBinds()
    defer { resetAndUnpin() }
    let code = sqlite3_step(handle)
    guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code) }
    return Int(sqlite3_changes(connection))
  }

  /// Steps once; the body reads the first row's columns. Returns nil when there is no row.
  func firstRow<T>(_ body: (SQLiteStatement) -> T) throws(SQLiteFailure) -> T? {
    try checkBinds()
    defer { resetAndUnpin() }
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW: return body(self)
    case SQLITE_DONE: return nil
    default: throw failure(code)
    }
  }

  @inline(__always)
  func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

  /// The text with its stored length: `String(cString:)` cut values at a NUL byte, which
  /// strangers' data may hold (JSON `\u0000`), so keys read back differed from keys written.
  func string(_ column: Int32) -> String? {
    guard let text = sqlite3_column_text(handle, column) else { return nil }
    let count = Int(sqlite3_column_bytes(handle, column))
    return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
  }

  var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }

  private func failure(_ code: Int32) -> SQLiteFailure {
    SQLiteFailure(
      code: sqlite3_extended_errcode(connection),
      message: String(cString: sqlite3_errmsg(connection)), sql: sql)
  }
}

extension SQLiteStatement {
  /// Steps to the next row of a query: true while there is a row, false at the end.
  /// The caller resets the statement when done (`reset()`).
  @inline(__always)
  func step() throws(SQLiteFailure) -> Bool {
    try checkBinds()
    let code = sqlite3_step(handle)
    if code == SQLITE_ROW { return true }
    if code == SQLITE_DONE { return false }
    throw SQLiteFailure(
      code: sqlite3_extended_errcode(connection),
      message: String(cString: sqlite3_errmsg(connection)), sql: sql)
  }

  func reset() {
    resetAndUnpin()
    sqlite3_clear_bindings(handle)
  }

  @inline(__always)
  func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

  @inline(__always)
  func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

  func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }
}

/// Process-wide SQLite settings, applied once before the first connection opens.
enum SQLiteGlobalConfiguration {
  /// True when applied; false when SQLite was already initialized (settings left as they were).
  static let applied: Bool = clout_sqlite3_disable_memstatus() == SQLITE_OK
}
