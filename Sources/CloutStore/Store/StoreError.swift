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
    case .database(let path, let message):
      "store \(path): \(message)"
    }
  }
}
