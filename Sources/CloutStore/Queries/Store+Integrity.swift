import GRDB

extension Store {
  /// SQLite's own consistency check of every table and index: an empty list when the store
  /// is sound, else SQLite's descriptions of what is wrong.
  public func integrityProblems() throws -> [String] {
    do {
      return try pool.read { db in
        let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        return lines == ["ok"] ? [] : lines
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }
}
