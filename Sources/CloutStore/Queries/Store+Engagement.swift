import CloutCore
import GRDB

/// When a whole-store load may use the snapshot cache (see `EngagementSnapshot`).
public enum EngagementSnapshotPolicy {
  /// Below this many interactions plus posts the scan takes well under 0.1 s: no side file.
  public static let defaultMinimumRows = 200_000
}

extension Store {
  /// Everything scoring needs for the filter's window, read in one consistent snapshot
  /// (a read transaction: an ingest running meanwhile is not seen half-done).
  ///
  /// The interactions and the posts are scanned at once on two connections when both see the
  /// same store state (`EngagementScanner.fingerprint`), else one after the other on one.
  ///
  /// Rows that ingest never writes but an older or edited store may hold are read safely:
  /// a weight outside 0…1e12 (or NaN) is clamped into that range, an interaction naming no
  /// stored account is left out; `warning` receives one sentence saying so.
  ///
  /// A whole-store load (no window, no platform) reads the snapshot beside the store when it
  /// matches the state this transaction sees, and otherwise writes one for the next reader once
  /// the store holds `snapshotMinimumRows` interactions plus posts (`EngagementSnapshot`; nil
  /// never uses one).
  ///
  /// `postRowIDs: false` leaves `EngagementData.postRowIDs` empty: a ranking never reads
  /// them, and on the 10M-post store they are 80 MB that the snapshot reader need not
  /// allocate (see `EngagementSnapshot.FileReader.skip`).
  public func loadEngagementData(
    _ filter: EngagementFilter, warning: ((String) -> Void)? = nil,
    snapshotMinimumRows: Int? = EngagementSnapshotPolicy.defaultMinimumRows,
    postRowIDs: Bool = true
  ) throws -> EngagementData {
    do {
      let snapshotPath = EngagementSnapshot.path(forStore: path)
      var (data, repairs, unsaved) = try pool.read { db in
        guard let connection = db.sqliteConnection else {
          throw StoreError.database(path: path, message: "the store connection is closed")
        }
        let scanner = EngagementScanner(connection: connection, filter: filter)
        // A raw-path SQLiteFailure keeps its code to `mapError`: busy and I/O stay apart.
        let state = try scanner.fingerprint()
        var key: String?
        if snapshotMinimumRows != nil && filter == EngagementFilter() {
          key = try EngagementSnapshot.key(connection: connection, fingerprint: state)
          // The sources are for topic cuts (`topicFromSnapshot`), never for a whole load.
          if let key,
            let contents = EngagementSnapshot.read(
              path: snapshotPath, key: key, columns: postRowIDs ? .postRowIDs : [])
          {
            return (contents.data, contents.repairs, (String, StoreSources)?.none)
          }
        }
        let postsTask = Concurrent { [pool] in
          Self.readOnSecondConnection(pool, seeing: state) { connection in
            try EngagementScanner(connection: connection, filter: filter).scanPosts()
          }
        }
        let interactions = try scanner.scanInteractions()
        let posts: EngagementScanner.PostColumns
        // A second connection that cannot open (a low descriptor limit) or sees another
        // state costs time, not the answer: the posts are read on this connection.
        if case .success(let scanned)? = postsTask.wait() {
          posts = scanned
        } else {
          posts = try scanner.scanPosts()
        }
        let (data, repairs, sources) = try scanner.assemble(
          interactions, posts, withSources: key != nil)
        return (data, repairs, key.flatMap { key in sources.map { (key, $0) } })
      }
      if let (key, sources) = unsaved, let snapshotMinimumRows,
        data.interactionCount + data.postAuthors.count >= snapshotMinimumRows
      {
        EngagementSnapshot.write(
          EngagementSnapshot.Contents(data: data, repairs: repairs, sources: sources), key: key,
          path: snapshotPath)
      }
      if !postRowIDs { data.postRowIDs = [] }
      if let warning, !repairs.isEmpty { warning(Self.describe(repairs, path: path)) }
      return data
    } catch {
      throw Self.mapError(error, path: path)
    }
  }

  /// `body` in a read transaction on another connection of `pool`, when that connection sees
  /// the store state `state` (`EngagementScanner.fingerprint`); nil when it sees another one
  /// or cannot open, and the caller then reads on its own connection. Two reads of one store
  /// at once, on two cores.
  static func readOnSecondConnection<T>(
    _ pool: DatabasePool, seeing state: String, _ body: (OpaquePointer) throws -> T
  ) -> Result<T, any Error>? {
    let result = Result {
      try pool.read { other -> T? in
        guard let connection = other.sqliteConnection,
          try EngagementScanner(connection: connection, filter: EngagementFilter())
            .fingerprint() == state
        else { return nil }
        return try body(connection)
      }
    }
    switch result {
    case .success(let value?): return .success(value)
    case .success(nil): return nil
    case .failure(let error): return .failure(error)
    }
  }

  static func describe(_ repairs: EngagementScanner.Repairs, path: String) -> String {
    var parts: [String] = []
    if let first = repairs.firstClamped {
      parts.append(
        "\(repairs.clampedWeights) interaction weight(s) outside 0…1e12 were read clamped into "
          + "that range (first: interactions row \(first.rowID), weight \(first.weight))")
    }
    if let first = repairs.firstOrphan {
      parts.append(
        "\(repairs.orphanInteractions) interaction(s) naming no stored account were left out "
          + "(first: interactions row \(first))")
    }
    return "\(path): " + parts.joined(separator: "; ")
      + "; ingest the source files into a new store to correct them"
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
