import CloutCore
import GRDB

extension Store {
  /// Everything scoring needs for the filter's window, read in one consistent snapshot
  /// (a read transaction: an ingest running meanwhile is not seen half-done).
  public func loadEngagementData(_ filter: EngagementFilter) throws -> EngagementData {
    do {
      return try pool.read { db in
        guard let connection = db.sqliteConnection else {
          throw StoreError.database(path: path, message: "the store connection is closed")
        }
        // A raw-path SQLiteFailure keeps its code to `mapError`: busy and I/O stay apart.
        return try EngagementScanner(connection: connection, filter: filter).scan()
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }

  /// The platform post ids of stored posts, by row id (for `explain`).
  public func postKeys(rowIDs: [Int64]) throws -> [Int64: String] {
    guard !rowIDs.isEmpty else { return [:] }
    do {
      return try pool.read { db in
        var keys: [Int64: String] = [:]
        let rows = try Row.fetchAll(
          db,
          sql:
            "SELECT id, post_key FROM posts WHERE id IN (\(rowIDs.map(String.init).joined(separator: ",")))"
        )
        for row in rows { keys[row[0]] = row[1] }
        return keys
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }
}
