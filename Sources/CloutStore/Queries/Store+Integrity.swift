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

extension Store {
  /// FTS5's check that the full-text index holds exactly the stored posts' text (the
  /// `integrity-check` command with rank 1 compares it with the posts table): an empty list
  /// when they agree. A command, so it needs a store opened for writing; it changes nothing.
  public func textIndexProblems() throws -> [String] {
    do {
      try pool.write { db in
        try db.execute(
          sql: "INSERT INTO post_text(post_text, rank) VALUES ('integrity-check', 1)")
      }
      return []
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
      return [error.message ?? "the full-text index disagrees with the posts"]
    } catch {
      throw Self.mapError(error, path: path)
    }
  }
}
