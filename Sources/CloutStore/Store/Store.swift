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
  /// A writer's descriptor of the store file, which carried the open lock; closed after the
  /// pool (closing a descriptor of the file drops every POSIX lock this process holds on it,
  /// SQLite's included).
  private let lockFile: StoreOpenLock?

  /// How long a write waits for another process's write to finish; also how long a writer's
  /// open waits for another process that is creating or migrating the same store.
  public static let busyTimeout: TimeInterval = 5

  private init(path: String, isReadOnly: Bool, pool: DatabasePool, lockFile: StoreOpenLock?) {
    self.path = path
    self.isReadOnly = isReadOnly
    self.pool = pool
    self.lockFile = lockFile
  }

  deinit {
    checkpoint()
    try? pool.close()
    lockFile?.close()
  }

  /// Copies what the write-ahead log holds into the store file, without waiting for anyone.
  ///
  /// SQLite copies the log only every 1,000 pages (4 MB), and closing the pool left the log
  /// as it was: after ingesting the bundled fixtures the store file was 4 KB and all of its
  /// 2 MB sat in `clout.db-wal`, so a store copied, mailed or backed up without that file was
  /// empty (`StoreCopyTests`). A passive checkpoint never blocks: frames an open reader
  /// still needs (another process's `rank`) stay in the log, and SQLite copies them later.
  private func checkpoint() {
    guard !isReadOnly else { return }
    try? pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
  }

  /// Opens the store at `path`, creating and migrating it when missing (or an empty SQLite
  /// file). A file that is not a Clout store, or whose schema is newer than this build knows,
  /// is refused before anything is written to it, from its header where that decides it (no
  /// `-wal` or `-shm` file is created next to a refused file). Devices, FIFOs and sockets are
  /// refused.
  ///
  /// A writer holds an exclusive `flock` on the store file while it inspects, creates and
  /// migrates it, so two ingests creating the same new store do not race (one lost with "not
  /// a clout store" or "table already exists"): the second waits up to `busyTimeout` for the
  /// first, then finds a migrated store, or fails with `StoreError.busy`.
  ///
  /// A store from an older Clout is migrated even when opened for reading: upgrading Clout
  /// must not leave every read command refusing the user's store. `migrating` hears of it
  /// first (a migration of a large store takes a while); when the store cannot be written
  /// (a read-only file or directory) the read is refused with a message saying so.
  public static func open(
    path: String, readOnly: Bool = false, migrating: ((String) -> Void)? = nil
  ) throws -> Store {
    _ = SQLiteGlobalConfiguration.applied
    if readOnly, let existing = try inspectExistingFile(path: path),
      existing.schemaVersion < StoreSchema.version
    {
      migrating?(
        "\(path): migrating the store from schema \(existing.schemaVersion) to "
          + "\(StoreSchema.version) (once; large stores take a minute)")
      do {
        _ = try open(path: path, readOnly: false)
      } catch let error as StoreError {
        switch error {
        case .busy: throw error
        default:
          throw StoreError.cannotOpen(
            path: path,
            reason: "its schema version \(existing.schemaVersion) is older than "
              + "\(StoreSchema.version) and it cannot be migrated here (\(error)); open it "
              + "once for writing (e.g. `clout ingest`) where it can be written")
        }
      }
    }
    let lock = readOnly ? nil : try StoreOpenLock.acquire(path: path, timeout: busyTimeout)
    do {
      let store = try openLocked(path: path, readOnly: readOnly, lock: lock)
      lock?.unlock()
      return store
    } catch {
      lock?.close()
      throw error
    }
  }

  private static func openLocked(path: String, readOnly: Bool, lock: StoreOpenLock?) throws
    -> Store
  {
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
      let pool = try DatabasePool(
        path: readOnly && needsImmutableRead(path: path) ? immutableURI(path) : path,
        configuration: config)
      if !readOnly {
        let migrator = StoreSchema.migrator
        if try pool.read({ try !migrator.hasCompletedMigrations($0) }) {
          try migrator.migrate(pool)
        }
      }
      return Store(path: path, isReadOnly: readOnly, pool: pool, lockFile: lock)
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
    var info = stat()
    guard stat(path, &info) == 0 else {
      // Not "no such file" when the file may exist behind a directory we cannot enter.
      if let problem = permissionProblem(path: path), problem.contains("cannot be entered") {
        throw StoreError.cannotOpen(path: path, reason: problem)
      }
      return nil
    }
    let kind = info.st_mode & S_IFMT
    if kind == S_IFDIR {
      throw StoreError.cannotOpen(path: path, reason: "it is a directory")
    }
    // Before any open: opening a FIFO for reading blocks until a writer comes, and SQLite
    // creates `/dev/null-journal` next to a device.
    guard kind == S_IFREG else {
      throw StoreError.cannotOpen(
        path: path, reason: "it is not a regular file (a device, FIFO or socket); pass a file path")
    }
    guard let header = StoreFileHeader(path: path) else {
      throw StoreError.cannotOpen(path: path, reason: "the file cannot be read")
    }
    if header.isEmpty { return nil }
    if let decided = try header.decide(path: path) { return decided }

    return try StoreFileInspection.inspect(path: path)
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

  /// A reader of a WAL-mode store needs its `-shm` file, and SQLite creates it when missing:
  /// in a directory the reader cannot write (a store on read-only media, or someone else's
  /// store shared read-only) the open failed with "it cannot be written". With no `-wal` file
  /// every committed page is in the main file, so the reader opens it `immutable` instead,
  /// which needs no `-shm`. (Nobody can be writing it then: a writer would have a `-wal`.)
  static func needsImmutableRead(path: String) -> Bool {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return access(path + "-wal", F_OK) != 0 && access(path + "-shm", F_OK) != 0
      && access(directory, W_OK) != 0
  }

  static func immutableURI(_ path: String) -> String {
    "file:" + StoreFileInspection.escaped(path) + "?immutable=1"
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
    checkpoint()
    do { try pool.close() } catch { throw Self.mapError(error, path: path) }
  }
}
