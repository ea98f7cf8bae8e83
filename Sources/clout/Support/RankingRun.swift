import CloutCore
import CloutReports
import CloutRender
import CloutStore
import Dispatch
import Foundation

/// Loads the selected window from the store and scores it: the first half of every ranking
/// command.
enum RankingRun {
  /// The ranking of the selected window, loaded without `EngagementData.postRowIDs`, which
  /// only `computeKeepingStore(…, postRowIDs: true)` callers read.
  static func compute(store storeOptions: StoreOptions, ranking: RankingOptions) throws
    -> InfluenceRanking
  {
    try computeKeepingStore(store: storeOptions, ranking: ranking, postRowIDs: false).result
  }

  /// As `compute`, also returning the open store for follow-up queries; `postRowIDs` for a
  /// command that looks up posts by `EngagementData.postRowIDs` (`explain`, `report`);
  /// `notesDroppedParts` false for a command whose output says which parts left the mix.
  static func computeKeepingStore(
    store storeOptions: StoreOptions, ranking: RankingOptions, postRowIDs: Bool,
    notesDroppedParts: Bool = true
  ) throws -> (store: Store, result: InfluenceRanking) {
    let store = try CommandSupport.openStore(path: storeOptions.db, readOnly: true)
    let started = DispatchTime.now()
    let data: EngagementData
    data = try ranking.data(
      in: store, snapshotMinimumRows: snapshotMinimumRows, postRowIDs: postRowIDs)
    let loaded = DispatchTime.now()
    guard data.interactionCount > 0 else {
      Console.error(emptyMessage(ranking))
      throw CloutExit.dataError
    }
    let calibration = try savedCalibration(store, ranking: ranking)
    let result: InfluenceRanking
    result = try InfluenceRanking(
      data: data, parameters: try ranking.parameters(for: data, calibration: calibration))
    if notesDroppedParts {
      for note in result.droppedPartNotes { Console.note(note) }
    }
    if ranking.verbose {
      for note in result.parameters.notes where !note.hasPrefix("warning:") { Console.note(note) }
      Console.note(windowText(ranking))
      report(result, loadSeconds: seconds(started, loaded), scoreSeconds: seconds(loaded, .now()))
    }
    return (store, result)
  }

  /// When a whole-store load uses the snapshot beside the store: `CLOUT_SNAPSHOT_MIN_ROWS`
  /// (`off` for never) lets the tests exercise it on small stores and compare with a scan.
  static var snapshotMinimumRows: Int? {
    guard let value = ProcessInfo.processInfo.environment["CLOUT_SNAPSHOT_MIN_ROWS"] else {
      return EngagementSnapshotPolicy.defaultMinimumRows
    }
    return Int(value)
  }

  /// The store's saved calibration for the ranking's platform, unless `--calibration none`.
  /// One saved by an older build below today's floor (`Calibration.belowFloor`) is not used:
  /// a one-line warning says so (unless `warns` is false, for a second look-up in one run).
  static func savedCalibration(
    _ store: Store, ranking: RankingOptions, warns: Bool = true
  ) throws -> Calibration? {
    guard ranking.usesCalibration,
      let saved = try store.latestCalibration(platform: ranking.filter.platform)
    else { return nil }
    if let why = saved.belowFloor {
      if warns {
        Console.note(
          "warning: the saved calibration (Clout \(saved.cloutVersion)) \(why); the "
            + "uncalibrated default is used instead; re-run: clout calibrate")
      }
      return nil
    }
    return saved
  }

  /// The window `-v` reports: the seconds the typed bounds resolved to, so `--since 2017`
  /// visibly means the start of 2017.
  static func windowText(_ ranking: RankingOptions) -> String {
    let from = ranking.since?.seconds.map(TimeText.iso8601) ?? "the first interaction"
    let to = ranking.until?.lastSecond.map(TimeText.iso8601) ?? "the last interaction"
    let platform = ranking.platform.map { ", platform \($0)" } ?? ""
    let topic = ranking.topic.map { ", topic '\($0)'" } ?? ""
    return "window: from \(from) to \(to)\(platform)\(topic)"
  }

  static func emptyMessage(_ ranking: RankingOptions) -> String {
    var window: [String] = []
    if let since = ranking.since { window.append("since \(since)") }
    if let until = ranking.until { window.append("until \(until)") }
    if let platform = ranking.platform { window.append("on platform \(platform)") }
    if let topic = ranking.topic { window.append("in the conversations of topic '\(topic)'") }
    if window.isEmpty {
      return "the store has no interactions between accounts yet; add data with: clout ingest FILE"
    }
    return "no interactions between accounts \(window.joined(separator: " ")); "
      + "widen the window or check the platform name with: clout stats"
  }

  private static func seconds(_ start: DispatchTime, _ end: DispatchTime) -> Double {
    Double(end.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }

  private static func report(_ result: InfluenceRanking, loadSeconds: Double, scoreSeconds: Double)
  {
    let g = NumberFormatting.grouped
    let pagerank = result.pagerank
    Console.note(
      """
      loaded \(g(result.data.interactionCount)) interactions and \(g(result.data.postAuthors.count)) \
      posts in \(NumberFormatting.fixed(loadSeconds, digits: 2)) s
      graph: \(g(result.graph.nodeCount)) accounts, \(g(result.graph.edgeCount)) weighted edges; \
      reply forest: \(g(result.forest.postCount)) posts, \(result.forest.cycles.count) parent cycles broken
      PageRank: \(pagerank.iterations) iterations, \(pagerank.converged ? "converged" : "NOT converged") \
      (last change \(String(format: "%.2g", pagerank.lastChange))); scored in \(NumberFormatting.fixed(scoreSeconds, digits: 2)) s
      ages measured from \(TimeText.iso8601(result.asOf))
      """)
  }
}
