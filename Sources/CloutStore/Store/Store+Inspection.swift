import Foundation
import GRDB

// Small internal queries for tests and diagnostics; the public API stays task-shaped.
extension Store {
  /// The first column of the first row, as an integer.
  func integer(_ sql: String) throws -> Int64? {
    try pool.read { try Int64.fetchOne($0, sql: sql) }
  }

  /// The first column of every row, as text (nil for NULL).
  func strings(_ sql: String) throws -> [String?] {
    try pool.read { try Optional<String>.fetchAll($0, sql: sql) }
  }

  func execute(_ sql: String) throws {
    try pool.writeWithoutTransaction { try $0.execute(sql: sql) }
  }

  /// Creates a SQLite database that is not a store (for refusal tests).
  static func createPlainDatabase(path: String, sql: String, wal: Bool = false) throws {
    let queue = try DatabaseQueue(path: path)
    if wal {
      try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
    }
    if !sql.isEmpty { try queue.write { try $0.execute(sql: sql) } }
    try queue.close()
  }

  /// Checkpoints a WAL-mode file and closes it as its last connection, so that SQLite removes
  /// the `-wal` file: the state of a store copied or backed up on its own (for tests).
  static func checkpointAndDetach(path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    try queue.close()
    try? FileManager.default.removeItem(atPath: path + "-shm")
  }
}
