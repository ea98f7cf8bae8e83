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
    // WAL mode (read and write versions 2) without a `-wal` file: every committed page is in
    // the main file, so its header is the truth. An empty database (one page) may become a
    // store; any other file without Clout's application id is not one.
    let walMode = bytes[18] == 2 && bytes[19] == 2
    if walMode && applicationID == 0 && access(path + "-wal", F_OK) != 0 {
      let rawPageSize = integer(at: 16, size: 2)
      let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
      if userVersion != 0 || fileSize > pageSize { throw StoreError.notAStore(path: path) }
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
