import CSQLite
import Foundation

/// The first 100 bytes of a SQLite file, read with plain `open`/`read` so that a file can be
/// judged without SQLite: opening a WAL-mode database, even read-only, creates its `-shm` and
/// `-wal` files, which a refused file must not get.
struct StoreFileHeader {
  let bytes: [UInt8]
  let fileSize: Int64

  /// Nil when the file cannot be opened for reading.
  init?(path: String) {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 100)
    var count = 0
    while count < buffer.count {
      let got = buffer.withUnsafeMutableBytes {
        read(descriptor, $0.baseAddress! + count, $0.count - count)
      }
      if got < 0 && errno == EINTR { continue }
      if got <= 0 { break }
      count += got
    }
    var info = stat()
    fileSize = fstat(descriptor, &info) == 0 ? Int64(info.st_size) : 0
    bytes = Array(buffer.prefix(count))
  }

  var isEmpty: Bool { bytes.isEmpty }

  /// A big-endian integer of the header (SQLite's file format, section 1.3).
  private func integer(at offset: Int, size: Int) -> Int64 {
    bytes[offset..<offset + size].reduce(0) { $0 << 8 | Int64($1) }
  }

  /// Refuses what the header alone proves is not an openable store; returns nil when SQLite
  /// has to look (the file is ours, or SQLite reads it without creating files).
  func decide(path: String) throws -> Store.ExistingFile? {
    guard bytes.count >= 16, bytes.prefix(16).elementsEqual("SQLite format 3\0".utf8) else {
      throw StoreError.notAStore(path: path)
    }
    guard bytes.count == 100 else { throw StoreError.notAStore(path: path) }
    let userVersion = Int(Int32(truncatingIfNeeded: integer(at: 60, size: 4)))
    let applicationID = Int32(truncatingIfNeeded: integer(at: 68, size: 4))
    if applicationID != 0 && applicationID != StoreSchema.applicationID {
      throw StoreError.notAStore(path: path)
    }
    if applicationID == StoreSchema.applicationID && userVersion > StoreSchema.version {
      throw StoreError.newerSchema(path: path, found: userVersion, supported: StoreSchema.version)
    }
    return nil
  }
}

/// An exclusive `flock` on the store file, held by a writer while it inspects, creates and
/// migrates the store. `flock` locks are separate from the POSIX record locks SQLite uses, so
/// the two do not interfere; the descriptor stays open until the store is closed because
/// closing any descriptor of a file drops this process's POSIX locks on it.
final class StoreOpenLock: @unchecked Sendable {
  private var descriptor: Int32

  private init(descriptor: Int32) { self.descriptor = descriptor }

  /// Opens (creating when missing) and locks `path`, waiting up to `timeout` for another
  /// process's lock. A file that cannot be opened for writing gets no lock: the open that
  /// follows reports why, as before.
  static func acquire(path: String, timeout: TimeInterval) throws -> StoreOpenLock {
    var info = stat()
    if stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
      return StoreOpenLock(descriptor: -1)  // directories, devices, FIFOs: refused next
    }
    let descriptor = open(path, O_RDWR | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return StoreOpenLock(descriptor: -1) }
    let lock = StoreOpenLock(descriptor: descriptor)
    let deadline = Date().addingTimeInterval(timeout)
    while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
        lock.close()
        throw StoreError.busy(path: path)
      }
      usleep(5_000)
    }
    return lock
  }

  func unlock() {
    if descriptor >= 0 { flock(descriptor, LOCK_UN) }
  }

  func close() {
    guard descriptor >= 0 else { return }
    Foundation.close(descriptor)
    descriptor = -1
  }
}

/// Reads a file's identity (application id, schema version, tables, applied migrations) with
/// SQLite, read-only and without creating files: with no `-wal` file next to it the main file
/// holds every committed page and is opened `immutable` (SQLite then creates no `-shm` or
/// `-wal`); with one, its sidecars exist already and a plain read-only open adds none.
enum StoreFileInspection {
  static func inspect(path: String) throws -> Store.ExistingFile {
    let hasWAL = access(path + "-wal", F_OK) == 0
    let uri = "file:" + escaped(path) + (hasWAL ? "?mode=ro" : "?immutable=1")
    var connection: OpaquePointer?
    let code = sqlite3_open_v2(uri, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil)
    defer { sqlite3_close_v2(connection) }
    guard code == SQLITE_OK, let connection else {
      throw StoreError.cannotOpen(
        path: path,
        reason: Store.permissionProblem(path: path) ?? String(cString: sqlite3_errstr(code)))
    }
    sqlite3_busy_timeout(connection, Int32(Store.busyTimeout * 1000))
    do {
      return try read(connection, path: path)
    } catch let failure as SQLiteFailure {
      throw error(for: failure, path: path)
    }
  }

  /// What a failed read of the file's identity means to the user. A full disk shows up here
  /// as an I/O error: the `-shm` file cannot grow (`scripts/disk-faults.sh`), so I/O and
  /// full-disk codes keep the messages that say so rather than SQLite's bare "disk I/O error".
  static func error(for failure: SQLiteFailure, path: String) -> StoreError {
    switch failure.code & 0xFF {
    case SQLITE_NOTADB, SQLITE_CORRUPT: return .notAStore(path: path)
    case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path)
    case SQLITE_IOERR, SQLITE_FULL:
      return StoreError(sqliteCode: failure.code, message: failure.message, path: path)
    default: return .database(path: path, message: failure.message)
    }
  }

  private static func read(_ connection: OpaquePointer, path: String) throws -> Store.ExistingFile {
    func integer(_ sql: String) throws(SQLiteFailure) -> Int64 {
      try SQLiteStatement(connection, sql).firstRow { $0.int64(0) } ?? 0
    }
    let applicationID = Int32(truncatingIfNeeded: try integer("PRAGMA application_id"))
    let userVersion = Int(try integer("PRAGMA user_version"))
    // GRDB creates its `grdb_migrations` table before the first migration's transaction: a
    // store killed in between holds that empty table only, and is still a new store.
    let objects = try integer("SELECT count(*) FROM sqlite_master WHERE name <> 'grdb_migrations'")
    let hasMigrations =
      try integer("SELECT count(*) FROM sqlite_master WHERE name = 'grdb_migrations'") > 0
    let applied: [String] =
      hasMigrations ? try strings(connection, "SELECT identifier FROM grdb_migrations") : []
    if applicationID == 0, objects == 0, userVersion == 0, applied.isEmpty {
      return Store.ExistingFile(schemaVersion: 0)
    }
    guard applicationID == StoreSchema.applicationID else {
      throw StoreError.notAStore(path: path)
    }
    if userVersion > StoreSchema.version {
      throw StoreError.newerSchema(path: path, found: userVersion, supported: StoreSchema.version)
    }
    // A migration this build does not know was applied by a newer build.
    let known = Set(StoreSchema.migrations.map(\.identifier))
    if applied.contains(where: { !known.contains($0) }) {
      throw StoreError.newerSchema(
        path: path, found: max(userVersion, StoreSchema.version + 1),
        supported: StoreSchema.version)
    }
    return Store.ExistingFile(schemaVersion: userVersion)
  }

  private static func strings(_ connection: OpaquePointer, _ sql: String) throws(SQLiteFailure)
    -> [String]
  {
    let statement = try SQLiteStatement(connection, sql)
    var values: [String] = []
    while try statement.step() { values.append(statement.string(0) ?? "") }
    return values
  }

  /// A path as the path part of a `file:` URI: `%`, `?` and `#` percent-encoded.
  static func escaped(_ path: String) -> String {
    var out = ""
    for character in path {
      switch character {
      case "%": out += "%25"
      case "?": out += "%3F"
      case "#": out += "%23"
      default: out.append(character)
      }
    }
    return out
  }
}
