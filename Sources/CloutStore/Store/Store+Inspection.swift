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
  static func createPlainDatabase(path: String, sql: String) throws {
    let queue = try DatabaseQueue(path: path)
    if !sql.isEmpty { try queue.write { try $0.execute(sql: sql) } }
    try queue.close()
  }
}
