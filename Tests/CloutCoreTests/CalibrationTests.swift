import Foundation
import CloutTestSupport
import Testing

@testable import CloutCore

/// Synthetic timelines in memory: every account is a graph account in every window, so a
/// loader is a time filter over one list of interactions.
struct SyntheticTimeline {
  var accounts: [AccountInfo]
  var actors: [UInt32] = []
  var targets: [UInt32] = []
  var times: [Int64] = []

  init(accountCount: Int) {
    accounts = (0..<accountCount).map {
      AccountInfo(
        platform: "test", handle: "a" + String(1000 + $0).dropFirst(), userID: nil,
        displayName: nil)
    }
  }

  func window(_ since: Int64?, _ until: Int64?) -> EngagementData {
    let keep = times.indices.filter {
      times[$0] >= (since ?? .min) && times[$0] <= (until ?? .max)
    }
    return EngagementData(
      accounts: accounts, graphAccountCount: accounts.count,
      interactionActors: keep.map { actors[$0] }, interactionTargets: keep.map { targets[$0] },
      interactionTypes: keep.map { _ in .reply }, interactionTimes: keep.map { times[$0] },
      interactionMultipliers: keep.map { _ in 1 }, postAuthors: [], postParents: [],
      postRowIDs: [])
  }

  /// `perDay` replies a day for `days` days; targets drawn by `weight(account, time)`.
  static func make(
    accounts: Int, days: Int, perDay: Int, seed: UInt64,
    weights: (inout SeededGenerator, Int64) -> [Double]
  ) -> SyntheticTimeline {
    var rng = SeededGenerator(seed: seed)
    var timeline = SyntheticTimeline(accountCount: accounts)
    let total = days * perDay
    var current: [Double] = []
    var currentPeriod: Int64 = -1
    for event in 0..<total {
      let time = Int64(event) * 86_400 / Int64(perDay)
      let period = time / 3_600
      if period != currentPeriod {
        current = weights(&rng, time)
        currentPeriod = period
      }
      let sum = current.reduce(0, +)
      var pick = Double.random(in: 0..<sum, using: &rng)
      var target = 0
      while target < accounts - 1 && pick >= current[target] {
        pick -= current[target]
        target += 1
      }
      var actor = Int.random(in: 0..<accounts, using: &rng)
      if actor == target { actor = (actor + 1) % accounts }
      timeline.actors.append(UInt32(actor))
      timeline.targets.append(UInt32(target))
      timeline.times.append(time)
    }
    return timeline
  }
}

@Suite struct CalibrationTests {
  static let day: Int64 = 86_400

  /// Default horizon (each origin's own history) unless `horizon` is given.
  func calibrate(_ timeline: SyntheticTimeline, horizon: Int64? = nil) throws -> Calibration {
    let calibrator = Calibrator(folds: 3, k: 20, horizon: horizon)
    return try calibrator.run(
      from: timeline.times.first!, to: timeline.times.last!, interactions: timeline.times.count
    ) { since, until in timeline.window(since, until) }
  }

  /// Who gets engaged keeps changing: 15 hot accounts, each replaced with chance 1/48 an
  /// hour (two days on average), so only the last day or so predicts the next.
  static func bursty() -> SyntheticTimeline {
    var hot: [Int] = []
    return SyntheticTimeline.make(accounts: 300, days: 30, perDay: 400, seed: 7) { rng, _ in
      if hot.isEmpty { hot = (0..<15).map { _ in Int.random(in: 0..<300, using: &rng) } }
      for slot in hot.indices where Int.random(in: 0..<48, using: &rng) == 0 {
        hot[slot] = Int.random(in: 0..<300, using: &rng)
      }
      var weights = [Double](repeating: 1, count: 300)
      for account in hot { weights[account] = 40 }
      return weights
    }
  }

  /// Fixed, heavy-tailed engagingness and sparse events: the more history, the better.
  static func slow() -> SyntheticTimeline {
    var fixed: [Double] = []
    return SyntheticTimeline.make(accounts: 300, days: 30, perDay: 60, seed: 8) { rng, _ in
      if fixed.isEmpty {
        fixed = (0..<300).map { _ in pow(Double.random(in: 0.02..<1, using: &rng), -1.5) }
      }
      return fixed
    }
  }

  @Test func choosesAShortHalfLifeOnABurstyTimeline() throws {
    let calibration = try calibrate(Self.bursty())
    let halfLife = try #require(calibration.halfLife)
    #expect(halfLife <= Double(Self.day))
    // Origins at 1/4, 11/24, 2/3 and 7/8 of the span; the first origin's horizon (its own
    // history) ends at half the span, so folds validate at the last two.
    #expect(calibration.folds.count == 2)
    // The calibrated score beats the undecayed in-degree over the folds (the fold whose
    // window opens with a new hot set is luck for every method).
    func mean(_ name: String) -> Double {
      calibration.folds.map { fold in fold.metrics.first { $0.name == name }!.ndcg }
        .reduce(0, +) / Double(calibration.folds.count)
    }
    #expect(mean("clout-calibrated") > 1.5 * mean("in-degree"))
  }

  @Test func choosesALongHalfLifeOnASlowTimeline() throws {
    let calibration = try calibrate(Self.slow())
    #expect(calibration.halfLife == nil || calibration.halfLife! >= 4 * Double(Self.day))
  }

  @Test func sameDataSameCalibration() throws {
    let timeline = Self.bursty()
    let first = try calibrate(timeline)
    let second = try calibrate(timeline)
    #expect(first == second)
    // Folds follow the documented origins, from + span × (1/4 + 5/8 × j/F), and each
    // validates on its own history's length after it, capped at the end of the data.
    let from = timeline.times.first!
    let end = timeline.times.last!
    let span = end - from + 1
    #expect(first.folds.map(\.origin) == [from + span * 2 / 3, from + span * 7 / 8])
    #expect(first.folds.map(\.end) == [end, end])
    #expect(first.horizon == span)
    // With a horizon, every origin validates on that horizon and folds start at the second.
    let fixed = try calibrate(timeline, horizon: Self.day)
    #expect(
      fixed.folds.map(\.origin)
        == [11 * span / 24, 2 * span / 3, 7 * span / 8].map { from + $0 })
    #expect(fixed.folds.map { $0.end - $0.origin } == [Self.day - 1, Self.day - 1, Self.day - 1])
  }

  /// The same timeline with every time doubled chooses the same fractions of its span: the
  /// half-lives double (up to the second the span's end adds).
  @Test func theChosenTimeScaleScalesWithTheData() throws {
    let timeline = Self.bursty()
    var stretched = timeline
    stretched.times = timeline.times.map { 2 * $0 }
    let original = try calibrate(timeline)
    let doubled = try calibrate(stretched)
    #expect(!original.keptDefault && !doubled.keptDefault)
    #expect(original.weights == doubled.weights)
    let ratio = try #require(doubled.halfLife) / (try #require(original.halfLife))
    #expect(abs(ratio - 2) < 1e-3)
  }

  @Test func tooShortAHistoryIsAClearError() throws {
    let timeline = Self.slow()
    // 20-day horizons on 30 days: the first origin's (day 7.5) ends after the last origin
    // (day 26.25), so no fold has an earlier origin to fit on.
    let calibrator = Calibrator(folds: 3, horizon: 20 * Self.day)
    #expect(throws: Calibrator.Failure.self) {
      try calibrator.run(
        from: timeline.times.first!, to: timeline.times.last!, interactions: 1
      ) { since, until in timeline.window(since, until) }
    }
  }

  /// Replies a day to only the first `engaged` of 300 accounts.
  static func concentrated(engaged: Int) -> SyntheticTimeline {
    SyntheticTimeline.make(accounts: 300, days: 30, perDay: 200, seed: 9) { _, _ in
      (0..<300).map { $0 < engaged ? 1 : 0 }
    }
  }

  /// The message of the `notEnoughHistory` failure `calibrating` throws; records an issue and
  /// returns nil when it calibrates (`what`: on what) or fails otherwise.
  static func refusal(_ what: String, _ calibrating: () throws -> Calibration) -> String? {
    do {
      _ = try calibrating()
      Issue.record("calibrated \(what)")
    } catch Calibrator.Failure.notEnoughHistory(let message) {
      return message
    } catch {
      Issue.record("\(error)")
    }
    return nil
  }

  @Test func foldsWithTooFewEngagedAccountsAreRefused() throws {
    // 19 engaged accounts per window, one fewer than the floor for k = 20: refused, and the
    // message says why and what would do.
    #expect(Calibrator.minimumEngaged(k: 20) == 20)
    if let message = Self.refusal(
      "on windows of 19 engaged accounts",
      { try calibrate(Self.concentrated(engaged: 19), horizon: Self.day) })
    {
      #expect(message.hasPrefix("not enough history to calibrate: 0 of 3 folds"))
      #expect(message.contains("at least 20 accounts") && message.contains("(fewest: 19 engaged"))
      #expect(message.contains("--horizon") && !message.contains("\n"))
    }
    // At the floor it fits.
    #expect(try calibrate(Self.concentrated(engaged: 20), horizon: Self.day).folds.count == 3)
  }

  /// One reply an hour for 30 days, each to an account never seen before, from 10 regular
  /// actors: every account engaged after an origin is a newcomer to the data before it. With
  /// `returning` n, accounts 0..<n also get a reply every day, so each origin has n engaged
  /// accounts it can rank. The loader keeps only the accounts of the window, as the store does.
  struct NewcomerTimeline {
    var times: [Int64] = []
    var actors: [Int] = []
    var targets: [Int] = []

    init(returning: Int) {
      // Newcomers are numbered after the regular actors and the returning accounts.
      var next = 10 + returning
      for hour in 0..<(30 * 24) {
        let time = Int64(hour) * 3_600
        times.append(time)
        actors.append(hour % 10)
        targets.append(next)
        next += 1
        if hour % 24 == 12 {
          for account in 0..<returning {
            times.append(time + 60 * Int64(account + 1))
            // Actors 0–9 reply; a returning account is never its own replier.
            actors.append(account == 9 ? 8 : 9)
            targets.append(account)
          }
        }
      }
    }

    func window(_ since: Int64?, _ until: Int64?) -> EngagementData {
      let keep = times.indices.filter {
        times[$0] >= (since ?? .min) && times[$0] <= (until ?? .max)
      }
      let present = Set(keep.flatMap { [actors[$0], targets[$0]] }).sorted()
      let node = Dictionary(uniqueKeysWithValues: present.enumerated().map { ($1, UInt32($0)) })
      return EngagementData(
        accounts: present.map {
          AccountInfo(
            platform: "test", handle: "n" + String(10_000 + $0).dropFirst(), userID: nil,
            displayName: nil)
        },
        graphAccountCount: present.count,
        interactionActors: keep.map { node[actors[$0]]! },
        interactionTargets: keep.map { node[targets[$0]]! },
        interactionTypes: keep.map { _ in .reply }, interactionTimes: keep.map { times[$0] },
        interactionMultipliers: keep.map { _ in 1 }, postAuthors: [], postParents: [],
        postRowIDs: [])
    }

    func calibrate() throws -> Calibration {
      try Calibrator(folds: 3, k: 20).run(
        from: times.first!, to: times.last!, interactions: times.count
      ) { since, until in window(since, until) }
    }
  }

  @Test func originsWhoseEngagedAccountsAreAllNewcomersAreNotUsed() throws {
    // Every origin has 100+ engaged accounts, over the floor, but no ranking can place any of
    // them: every candidate would score 0 there, so no origin may choose.
    if let message = Self.refusal(
      "on origins where every engaged account is a newcomer",
      { try NewcomerTimeline(returning: 0).calibrate() })
    {
      #expect(message.hasPrefix("not enough history to calibrate: 0 of 3 folds"))
      #expect(message.contains("10 of them already in the data before it"))
      #expect(message.contains("0 of them known before"))
    }
    // Nine accounts it can rank per origin are too few to choose on (the floor is
    // min(k, 10))...
    #expect(Calibrator.minimumRankable(k: 20) == 10)
    if let message = Self.refusal(
      "on origins with 9 engaged accounts known before them",
      { try NewcomerTimeline(returning: 9).calibrate() })
    {
      #expect(message.contains("9 of them known before"))
    }
    // ...ten are enough, and the folds say how many of their engaged accounts were newcomers.
    let calibration = try NewcomerTimeline(returning: 10).calibrate()
    #expect(calibration.folds.count == 2)
    for fold in calibration.folds {
      #expect(fold.rankableEngaged == 10)
      #expect(fold.engaged > 20)
    }
    #expect(calibration.belowFloor == nil)
    // Saved by a build with the older floor (at least one known account), it is below this one;
    // saved before the count was recorded, it is judged on the rest.
    var older = calibration
    older.folds[0].rankableEngaged = 3
    #expect(
      older.belowFloor
        == "was validated on 2 folds with as few as 3 engaged accounts that the data before "
        + "them knew, below the 10 that clout calibrate now requires")
    for index in older.folds.indices { older.folds[index].rankableEngaged = nil }
    #expect(older.belowFloor == nil)
  }

  @Test func oneFoldIsRefused() throws {
    let timeline = Self.bursty()
    let calibrator = Calibrator(folds: 1, k: 20, horizon: Self.day)
    #expect(
      throws: Calibrator.Failure.notEnoughHistory(
        "not enough folds to calibrate: a half-life chosen on 1 fold is chosen on one "
          + "window's noise; use --folds 2 or more; nothing was saved")
    ) {
      try calibrator.run(
        from: timeline.times.first!, to: timeline.times.last!, interactions: 1
      ) { since, until in timeline.window(since, until) }
    }
  }

  @Test func staleCalibrationWarns() throws {
    let timeline = Self.slow()
    var calibration = try calibrate(timeline)
    let data = timeline.window(nil, nil)
    let fresh = ScoreSettings(
      calibration: calibration, calibrationDisabled: false, explicitHalfLife: nil,
      explicitDepthWeight: nil, explicitTypeWeights: false, data: data, asOf: nil,
      date: { "\($0)" })
    #expect(fresh.staleWarning == nil)
    #expect(fresh.halfLife == calibration.halfLife && fresh.weights == calibration.weights)
    calibration.dataTo -= 1
    let stale = ScoreSettings(
      calibration: calibration, calibrationDisabled: false, explicitHalfLife: .some(3_600),
      explicitDepthWeight: 0.5, explicitTypeWeights: false, data: data, asOf: nil,
      date: { "\($0)" })
    #expect(stale.staleWarning?.contains("re-run: clout calibrate") == true)
    // Explicit options win and say so.
    #expect(stale.halfLife == 3_600)
    #expect(stale.weights.depthWeight == 0.5)
    #expect(stale.notes.contains { $0.hasPrefix("--half-life 1h overrides the calibration's") })
  }

  @Test func adaptiveHalfLifeIsTheMedianAge() {
    var timeline = SyntheticTimeline(accountCount: 2)
    timeline.actors = [0, 0, 0, 0, 0]
    timeline.targets = [1, 1, 1, 1, 1]
    timeline.times = [0, 10 * 3_600, 20 * 3_600, 23 * 3_600, 24 * 3_600]
    // Ages at the newest: 24h, 14h, 4h, 1h, 0 → median 4h.
    #expect(TimeScale.adaptiveHalfLife(timeline.window(nil, nil)) == 4 * 3_600)
    timeline.times = [5, 5, 5, 5, 5]
    #expect(TimeScale.adaptiveHalfLife(timeline.window(nil, nil)) == TimeScale.minimumHalfLife)
  }

  @Test func theDefaultStaysUnlessTheFitsWorstOriginBeatsIt() {
    // Same worst origin, better sum: the fit.
    #expect(!Calibrator.keepsDefault(fitted: [0.5, 0.6, 0.7], defaults: [0.5, 0.5, 0.5]))
    // Better on average but a worse worst origin: noise, keep the default.
    #expect(Calibrator.keepsDefault(fitted: [0.9, 0.9, 0.4], defaults: [0.5, 0.5, 0.5]))
    // A better worst origin wins even when the default is better elsewhere.
    #expect(!Calibrator.keepsDefault(fitted: [0.6, 0.6], defaults: [0.9, 0.55]))
    // Equal everywhere: nothing gained.
    #expect(Calibrator.keepsDefault(fitted: [0.5, 0.5], defaults: [0.5, 0.5]))
  }

  @Test func simplexGridCoversEveryQuarterStepOnce() {
    let grid = CandidateSearch.simplexGrid(parts: 4, steps: 4)
    // Compositions of 4 into 4 non-negative parts: C(7, 3) = 35.
    #expect(grid.count == 35)
    #expect(Set(grid).count == 35)
    #expect(grid.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 && $0.count == 4 })
  }

  /// The choice maximizes the worst origin, not the mean: by hand, candidate 0 scores
  /// (0.9, 0.3) (mean 0.6), candidate 1 (0.5, 0.5), candidate 2 (0.6, 0.5) (same worst, better
  /// mean). A fold that sees only the first origin takes candidate 0.
  @Test func theChoiceMaximizesTheWorstOrigin() {
    let pair = Calibrator.TimeScalePair(main: 0, activity: 0)
    let search = CandidateSearch(
      pairs: [pair], weights: [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0]],
      table: [[[0.9, 0.5, 0.6]], [[0.3, 0.5, 0.5]]])
    let both = search.best(on: [0, 1])
    #expect(both.weights == 2 && both.worst == 0.5 && both.perWindow == [0.6, 0.5])
    #expect(abs(both.mean - 0.55) < 1e-12)
    #expect(search.best(on: [0]).weights == 0)
  }

  /// An origin where every candidate scores the same (here 0: none ranks an engaged account
  /// in its top k) does not count in the worst: with it, every worst would be 0 and the mean
  /// would choose candidate 0 (0.9, 0.3); without it, max-min over the two other origins
  /// chooses candidate 1 (0.5, 0.5). The mean is over the same two origins.
  @Test func anOriginTyingEveryCandidateDoesNotCountInTheWorst() {
    let pair = Calibrator.TimeScalePair(main: 0, activity: 0)
    let search = CandidateSearch(
      pairs: [pair], weights: [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0]],
      table: [[[0, 0]], [[0.9, 0.5]], [[0.3, 0.5]]])
    #expect(!search.tellsCandidatesApart(0) && search.tellsCandidatesApart(1))
    let choice = search.best(on: [0, 1, 2])
    #expect(choice.weights == 1 && choice.worst == 0.5 && choice.perWindow == [0, 0.5, 0.5])
    #expect(choice.mean == 0.5)
    // With only tying origins, all of them count (every candidate ties; the first wins).
    #expect(search.best(on: [0]).weights == 0 && search.best(on: [0]).worst == 0)
  }
}
