import Foundation
import GRDB

/// One Clout store: a SQLite file in WAL mode holding posts, accounts, interactions and the
/// record of ingest runs. Owns one GRDB `DatabasePool`: any number of concurrent readers, one
/// writer; another process writing at the same time waits up to `busyTimeout`, then gets
/// `StoreError.busy`.
public final class Store: Sendable {
  /// The file as given to `open`.
  public let path: String
  public let isReadOnly: Bool
  let pool: DatabasePool

  /// How long a write waits for another process's write to finish.
  public static let busyTimeout: TimeInterval = 5

  private init(path: String, isReadOnly: Bool, pool: DatabasePool) {
    self.path = path
    self.isReadOnly = isReadOnly
    self.pool = pool
  }

  /// Opens the store at `path`, creating and migrating it when missing (or an empty SQLite
  /// file). A file that is not a Clout store, or whose schema is newer than this build knows,
  /// is refused before anything is written to it.
  public static func open(path: String, readOnly: Bool = false) throws -> Store {
    _ = SQLiteGlobalConfiguration.applied
    let existing = try inspectExistingFile(path: path)
    if existing == nil, readOnly { throw StoreError.notFound(path: path) }
    if readOnly, let existing, existing.schemaVersion < StoreSchema.version {
      throw StoreError.cannotOpen(
        path: path,
        reason: "its schema version \(existing.schemaVersion) is older than "
          + "\(StoreSchema.version); open it once for writing (e.g. `clout ingest`) to migrate")
    }

    var config = Configuration()
    config.readonly = readOnly
    config.busyMode = .timeout(busyTimeout)
    config.label = "clout-store"
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA temp_store = MEMORY")
      if !db.configuration.readonly {
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
      }
    }
    do {
      let pool = try DatabasePool(path: path, configuration: config)
      if !readOnly {
        let migrator = StoreSchema.migrator
        if try pool.read({ try !migrator.hasCompletedMigrations($0) }) {
          try migrator.migrate(pool)
        }
      }
      return Store(path: path, isReadOnly: readOnly, pool: pool)
    } catch {
      throw mapError(error, path: path)
    }
  }

  /// What `open` learned about a file that already exists, before opening it for writing.
  struct ExistingFile {
    var schemaVersion: Int
  }

  /// Returns nil when there is no file, or an empty one, to be created as a new store.
  /// Throws `notAStore` / `newerSchema` without modifying the file.
  static func inspectExistingFile(path: String) throws -> ExistingFile? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      // Not "no such file" when the file may exist behind a directory we cannot enter.
      if let problem = permissionProblem(path: path), problem.contains("cannot be entered") {
        throw StoreError.cannotOpen(path: path, reason: problem)
      }
      return nil
    }
    if isDirectory.boolValue {
      throw StoreError.cannotOpen(path: path, reason: "it is a directory")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw StoreError.cannotOpen(path: path, reason: "the file cannot be read")
    }
    let header = (try? handle.read(upToCount: 16)) ?? Data()
    try? handle.close()
    if header.isEmpty { return nil }
    guard header == Data("SQLite format 3\0".utf8) else { throw StoreError.notAStore(path: path) }

    var config = Configuration()
    config.readonly = true
    config.busyMode = .timeout(busyTimeout)
    do {
      let queue = try DatabaseQueue(path: path, configuration: config)
      defer { try? queue.close() }
      return try queue.read { db in
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if applicationID == 0, objects == 0, userVersion == 0 {
          return ExistingFile(schemaVersion: 0)
        }
        guard applicationID == StoreSchema.applicationID else {
          throw StoreError.notAStore(path: path)
        }
        if userVersion > StoreSchema.version {
          throw StoreError.newerSchema(
            path: path, found: userVersion, supported: StoreSchema.version)
        }
        if try StoreSchema.migrator.hasBeenSuperseded(db) {
          throw StoreError.newerSchema(
            path: path, found: max(userVersion, StoreSchema.version + 1),
            supported: StoreSchema.version)
        }
        return ExistingFile(schemaVersion: userVersion)
      }
    } catch {
      throw mapError(error, path: path)
    }
  }

  /// Turns SQLite failures into `StoreError`s at the boundary; other errors pass through.
  static func mapError(_ error: any Error, path: String) -> any Error {
    switch error {
    case let error as DatabaseError:
      let mapped = StoreError(
        sqliteCode: error.extendedResultCode.rawValue, message: error.message, path: path)
      if case .cannotOpen = mapped {
        return StoreError.cannotOpen(
          path: path,
          reason: permissionProblem(path: path) ?? error.message ?? "unable to open file")
      }
      return mapped
    case let failure as SQLiteFailure:
      return StoreError(sqliteCode: failure.code, message: failure.message, path: path)
    default:
      return error
    }
  }

  /// Why a store could not be opened when file modes are the cause, for the message.
  static func permissionProblem(path: String) -> String? {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    if access(directory, F_OK) != 0 { return "the directory \(directory) does not exist" }
    if access(directory, X_OK) != 0 { return "its directory \(directory) cannot be entered" }
    if access(path, F_OK) == 0 {
      if access(path, R_OK) != 0 { return "the file is not readable (permission denied)" }
      if access(path, W_OK) != 0 {
        return errno == EROFS
          ? "the file system is read-only (SQLite needs to write its -shm file even to read)"
          : "the file is read-only (permission denied)"
      }
    }
    if access(directory, W_OK) != 0 {
      return "cannot create files in \(directory) (permission denied; SQLite needs its -wal "
        + "and -shm files there)"
    }
    return nil
  }

  /// The schema version recorded in the file.
  public func schemaVersion() throws -> Int {
    do {
      return try pool.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }

  /// Closes the connections; the store cannot be used afterwards. Also happens on deinit.
  public func close() throws {
    do { try pool.close() } catch { throw Self.mapError(error, path: path) }
  }
}
