import CloutCore
import GRDB

extension Store {
  /// Everything scoring needs for the filter's window, read in one consistent snapshot
  /// (a read transaction: an ingest running meanwhile is not seen half-done).
  ///
  /// The interactions and the posts are scanned at once on two connections when both see the
  /// same store state (`EngagementScanner.fingerprint`), else one after the other on one.
  public func loadEngagementData(_ filter: EngagementFilter) throws -> EngagementData {
    do {
      return try pool.read { db in
        guard let connection = db.sqliteConnection else {
          throw StoreError.database(path: path, message: "the store connection is closed")
        }
        let scanner = EngagementScanner(connection: connection, filter: filter)
        do {
          let state = try scanner.fingerprint()
          let postsTask = Concurrent {
            [pool] () -> Result<EngagementScanner.PostColumns?, any Error> in
            Result {
              try pool.read { other -> EngagementScanner.PostColumns? in
                guard let connection = other.sqliteConnection else { return nil }
                let scanner = EngagementScanner(connection: connection, filter: filter)
                guard try scanner.fingerprint() == state else { return nil }
                return try scanner.scanPosts()
              }
            }
          }
          let interactions = try scanner.scanInteractions()
          let posts: EngagementScanner.PostColumns
          // A second connection that cannot open (a low descriptor limit) or sees another
          // state costs time, not the answer: the posts are read on this connection.
          if case .success(let scanned?) = postsTask.wait() {
            posts = scanned
          } else {
            posts = try scanner.scanPosts()
          }
          return try scanner.assemble(interactions, posts)
        } catch let failure as SQLiteFailure {
          throw StoreError.database(path: path, message: failure.message)
        }
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
