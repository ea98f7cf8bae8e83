import CloutCore
import Foundation
import GRDB

extension Store {
  /// The oldest and newest interaction time between two accounts in the filter's window,
  /// and how many there are; nil when there are none.
  public func interactionSpan(_ filter: EngagementFilter) throws
    -> (from: Int64, to: Int64, count: Int)?
  {
    do {
      return try pool.read { db in
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT min(created_at), max(created_at), count(*) FROM interactions
            WHERE actor_id <> target_id AND created_at BETWEEN ?1 AND ?2
              AND (?3 IS NULL OR platform = (SELECT id FROM platforms WHERE name = ?3))
              AND (?4 IS NULL OR post_id IN (SELECT value FROM json_each(?4)))
            """,
          arguments: [
            filter.since ?? Int64.min, filter.until ?? Int64.max, filter.platform,
            filter.posts?.jsonArray,
          ])
        guard let row, let from: Int64 = row[0], let to: Int64 = row[1] else { return nil }
        return (from, to, row[2])
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }

  /// Saves `calibration` as the newest for its platform (nil = every platform).
  public func saveCalibration(_ calibration: Calibration) throws {
    let body = String(decoding: try Self.calibrationJSON(calibration), as: UTF8.self)
    do {
      try pool.write { db in
        try db.execute(
          sql: """
            INSERT INTO calibrations(clout_version, platform, data_from, data_to, interactions,
              half_life, weights, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            calibration.cloutVersion, calibration.platform, calibration.dataFrom,
            calibration.dataTo, calibration.interactions, calibration.halfLife,
            calibration.weights.text, body,
          ])
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }

  /// The newest saved calibration for `platform` (nil = the one fitted on every platform),
  /// or nil when there is none. A body this build cannot read is an error, not ignored.
  public func latestCalibration(platform: String?) throws -> Calibration? {
    let body: String?
    do {
      body = try pool.read { db in
        try String.fetchOne(
          db,
          sql: "SELECT body FROM calibrations WHERE platform IS ? ORDER BY id DESC LIMIT 1",
          arguments: [platform])
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
    guard let body else { return nil }
    do {
      return try JSONDecoder().decode(Calibration.self, from: Data(body.utf8))
    } catch {
      throw StoreError.database(
        path: path,
        message: "the saved calibration cannot be read (\(error)); re-run: clout calibrate")
    }
  }

  /// Sorted-key JSON, so the same calibration is always the same bytes.
  public static func calibrationJSON(_ calibration: Calibration) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(calibration)
  }
}
