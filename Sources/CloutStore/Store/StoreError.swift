/// Why a store cannot be opened or written. Every case names the file, and the description is
/// a sentence a user can act on.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file exists but is not a Clout store (another SQLite database, or not SQLite at all).
  /// It was left untouched.
  case notAStore(path: String)
  /// The store was written by a newer build of clout. It was left untouched.
  case newerSchema(path: String, found: Int, supported: Int)
  /// Another connection holds the write lock for longer than the busy timeout.
  case busy(path: String)
  /// A write was attempted through a store opened read-only.
  case readOnly(path: String)
  /// A read-only open of a file that does not exist.
  case notFound(path: String)
  /// The file or its directory cannot be opened or created.
  case cannotOpen(path: String, reason: String)
  /// SQLite could not write because the disk is full (`SQLITE_FULL`).
  case diskFull(path: String)
  /// The file system failed a read or write (`SQLITE_IOERR` and its extended codes), which is
  /// also how a full or read-only file system shows up when SQLite writes the WAL index.
  case ioFailure(path: String, message: String)
  /// Any other SQLite failure, with SQLite's message.
  case database(path: String, message: String)

  public var description: String {
    switch self {
    case .notAStore(let path):
      "\(path) is not a clout store (it was left untouched); choose another --db path"
    case .newerSchema(let path, let found, let supported):
      "\(path) has store schema version \(found), but this clout supports up to "
        + "\(supported); upgrade clout to use it (the file was left untouched)"
    case .busy(let path):
      "store is busy: another clout process is writing \(path); try again"
    case .readOnly(let path):
      "\(path) is opened read-only; it cannot be written"
    case .notFound(let path):
      "no store at \(path); run `clout ingest` first or pass --db"
    case .cannotOpen(let path, let reason):
      "cannot open store \(path): \(reason)"
    case .diskFull(let path):
      "store \(path): the disk is full; committed batches were kept; free space and run the "
        + "same command again"
    case .ioFailure(let path, let message):
      "store \(path): \(message) (is the disk full, or the file system failing?); the store "
        + "keeps its last committed batch"
    case .database(let path, let message):
      "store \(path): \(message)"
    }
  }

  /// The error for a SQLite result code (primary or extended, as `sqlite3_extended_errcode`
  /// returns it) with SQLite's message: the one mapping from SQLite to clout's errors, for
  /// GRDB's `DatabaseError` and the raw ingest path alike.
  public init(sqliteCode code: Int32, message: String?, path: String) {
    // Primary result codes from sqlite3.h; an extended code keeps its primary in the low byte.
    switch code & 0xFF {
    case 5, 6: self = .busy(path: path)  // SQLITE_BUSY, SQLITE_LOCKED
    case 8: self = .readOnly(path: path)  // SQLITE_READONLY
    case 10: self = .ioFailure(path: path, message: message ?? "disk I/O error")  // SQLITE_IOERR
    case 13: self = .diskFull(path: path)  // SQLITE_FULL
    case 14:  // SQLITE_CANTOPEN
      self = .cannotOpen(path: path, reason: message ?? "unable to open file")
    case 26: self = .notAStore(path: path)  // SQLITE_NOTADB
    default: self = .database(path: path, message: message ?? "SQLite error \(code)")
    }
  }

  /// True when waiting and trying again can succeed (exit status 75 in the CLI).
  public var isTemporary: Bool {
    if case .busy = self { return true }
    return false
  }
}
