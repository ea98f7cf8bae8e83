import CloutCore
import CloutStore
import Foundation
import Testing

@Suite struct CalibrateCommandTests {
  /// An edges-csv timeline of `days` days from 2026-01-01: 40 accounts, 200 replies a day,
  /// targets drawn with a fixed skew by a seeded LCG, so every run writes the same file.
  static func timeline(days: Int, startDay: Int = 0, seed: UInt64 = 1) -> String {
    var state = seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    var lines = ["source,target,type,timestamp"]
    let start = 1_767_225_600 + startDay * 86_400
    for event in 0..<(days * 200) {
      let time = start + event * 86_400 / 200
      let draw = Double(next() % 10_000) / 10_000
      let target = Int(40 * draw * draw * draw)
      var actor = Int(next() % 40)
      if actor == target { actor = (actor + 1) % 40 }
      lines.append("u\(actor),u\(target),reply,\(time)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func store(_ directory: TemporaryDirectory, name: String = "clout.db", days: Int = 16)
    throws -> String
  {
    let csv = directory.path(name + ".csv")
    try Data(timeline(days: days).utf8).write(to: URL(fileURLWithPath: csv))
    let db = directory.path(name)
    let result = try CloutProcess.run(["ingest", "--db", db, "--format", "edges-csv", csv])
    #expect(result.status == 0, "\(result.stderr)")
    return db
  }

  func add(_ text: String, to db: String, in directory: TemporaryDirectory) throws {
    let csv = directory.path("more-\(UUID().uuidString).csv")
    try Data(text.utf8).write(to: URL(fileURLWithPath: csv))
    let result = try CloutProcess.run(["ingest", "--db", db, "--format", "edges-csv", csv])
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test func calibrationIsByteIdenticalAcrossProcessesAndUsedByRank() throws {
    let directory = try TemporaryDirectory()
    let first = try Self.store(directory, name: "first.db")
    let second = try Self.store(directory, name: "second.db")
    let a = try CloutProcess.run(["calibrate", "--db", first, "--format", "json"])
    let b = try CloutProcess.run(["calibrate", "--db", second, "--format", "json"])
    #expect(a.status == 0, "\(a.stderr)")
    #expect(a.stdout == b.stdout)
    let tableA = try CloutProcess.run(["calibrate", "--db", first])
    let tableB = try CloutProcess.run(["calibrate", "--db", second])
    #expect(tableA.stdout == tableB.stdout)
    #expect(tableA.stdout.contains("fold 2: validate"))
    for name in ["clout-calibrated", "clout-uncalibrated", "recent-in-degree", "recent-engagers"] {
      #expect(tableA.stdout.contains(name))
    }
    // Each fold marks its best NDCG as `evaluate` does, on the value, and says what "*" means.
    let marked = tableA.stdout.split(separator: "\n").filter {
      $0.range(of: #"^\S+\s+\d\.\d{4}\*"#, options: .regularExpression) != nil
    }
    #expect(marked.count >= 2)
    #expect(tableA.stdout.contains("* best ndcg@50 of the fold"))
    // Each candidate row says which weights scored it, the parts that weigh.
    #expect(tableA.stdout.contains("best weights"))
    let rows = tableA.stdout.split(separator: "\n").filter {
      $0.range(
        of: #"^\S+\s+\S+\s+0\.\d{4}\s+0\.\d{4}\s+[a-z]+=[0-9.]+"#, options: .regularExpression)
        != nil
    }
    #expect(rows.count >= 6)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
    // 16 days of data: the half-lives are scaled to the whole span; 3 folds, of which the
    // last two have an earlier origin whose horizon (its own history) ends before theirs.
    let horizon = try #require(object["horizon"] as? Int)
    #expect(abs(horizon - 16 * 86_400) < 600)
    #expect((object["folds"] as? [Any])?.count == 2)
    let candidates = try #require(object["candidates"] as? [[String: Any]])
    #expect(candidates.allSatisfy { ($0["weights"] as? [String: Any])?["values"] is [Double] })

    let verbose = try CloutProcess.run(["rank", "--db", first, "-v", "--top", "3"])
    #expect(verbose.stderr.contains("score: saved calibration"))
    let none = try CloutProcess.run([
      "rank", "--db", first, "-v", "--top", "3", "--calibration", "none",
    ])
    #expect(none.stderr.contains("score: uncalibrated default (--calibration none)"))
    let override = try CloutProcess.run(["rank", "--db", first, "-v", "--half-life", "2h"])
    #expect(override.stderr.contains("--half-life 2h overrides the calibration's"))
  }

  @Test func belowTheFloorNothingIsFittedAndOneLineSaysWhy() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let one = try CloutProcess.run(["calibrate", "--db", db, "--folds", "1"])
    #expect(one.status == 65)
    // The same line says what rank uses instead: nothing was ever saved here.
    #expect(
      one.stderr == "error: not enough folds to calibrate: a half-life chosen on 1 fold "
        + "is chosen on one window's noise; use --folds 2 or more; nothing was saved; rank and "
        + "the other commands use the uncalibrated default\n")
    // A horizon of an hour: 200 replies a day leave fewer than 20 engaged accounts an hour.
    let short = try CloutProcess.run(["calibrate", "--db", db, "--horizon", "1h"])
    #expect(short.status == 65)
    #expect(short.stderr.hasPrefix("error: not enough history to calibrate: 0 of 3 folds"))
    #expect(short.stderr.components(separatedBy: "\n").count == 2)
    let rank = try CloutProcess.run(["rank", "--db", db, "-v", "--top", "1"])
    #expect(rank.stderr.contains("score: uncalibrated default (no saved calibration)"))
    // After a calibration that fits, a refused one leaves it in use, and says so.
    #expect(try CloutProcess.run(["calibrate", "--db", db]).status == 0)
    let refusedAfter = try CloutProcess.run(["calibrate", "--db", db, "--horizon", "1h"])
    #expect(refusedAfter.status == 65)
    #expect(
      refusedAfter.stderr.hasSuffix(
        "nothing was saved; rank and the other commands keep the calibration saved by Clout "
          + "\(CloutCore.version) on data to 2026-01-16T23:52:48Z\n"), "\(refusedAfter.stderr)")
  }

  /// On a terminal, calibrate names each step as it starts, and clears the line before its
  /// table; piped, standard error stays empty.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func progressNamesEachStepOnATerminal() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let binary = CloutProcess.executable.path
    let shown = try NewUserTests.onATerminal("\(binary) calibrate --db \(db)")
    for step in [
      "calibrate: loading the window's interactions", "calibrate: origin 1 of 4: loading",
      "calibrate: origin 4 of 4: ranking at every candidate half-life",
      "calibrate: scoring every candidate at every origin\r\u{1B}[Kcalibrated on ",
    ] {
      #expect(shown.contains(step), "\(step)")
    }
    let piped = try CloutProcess.run(["calibrate", "--db", db])
    #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped.stderr)")
  }

  /// `-v` says per origin what it stood on and whether it counted, also when calibration
  /// refuses.
  @Test func verboseReportsEveryOrigin() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let fitted = try CloutProcess.run(["calibrate", "--db", db, "-v"])
    #expect(fitted.status == 0, "\(fitted.stderr)")
    let lines = fitted.stderr.split(separator: "\n").filter { $0.hasPrefix("origin ") }
    #expect(lines.count == 4, "\(fitted.stderr)")
    #expect(lines.allSatisfy { $0.hasSuffix("; used") && $0.contains(" of them known before") })
    let refused = try CloutProcess.run(["calibrate", "--db", db, "-v", "--horizon", "1h"])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("; not used: it needs 20 engaged, 10 of them known before"))
  }

  @Test func aMissingStoreIsAnErrorAndIsNotCreated() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("missing.db")
    let result = try CloutProcess.run(["calibrate", "--db", db])
    #expect(result.status == 74)
    #expect(result.stderr == "error: no store at \(db); run `clout ingest` first or pass --db\n")
    #expect(!FileManager.default.fileExists(atPath: db))
  }

  @Test func optionsACalibrationCannotUseAreRefusedAndNothingIsSaved() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let seeds = directory.path("seeds.txt")
    try Data("u1\n".utf8).write(to: URL(fileURLWithPath: seeds))
    for (options, says) in [
      (["--calibration", "none"], "--calibration none is for rank"),
      (["--as-of", "2026-01-10"], "leave out --as-of"),
      (["--seed-accounts", seeds], "leave out --seed-accounts"),
      (["--include-seeds"], "leave out --seed-accounts"),
    ] {
      let result = try CloutProcess.run(["calibrate", "--db", db] + options)
      #expect(result.status == 64, "\(options)")
      #expect(result.stderr.contains(says), "\(result.stderr)")
    }
    let rank = try CloutProcess.run(["rank", "--db", db, "-v", "--top", "1"])
    #expect(rank.stderr.contains("score: uncalibrated default (no saved calibration)"))
  }

  @Test func explainPartsAddUpWithACalibration() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    #expect(try CloutProcess.run(["calibrate", "--db", db]).status == 0)
    let top = try CloutProcess.run(["rank", "--db", db, "--top", "1", "--format", "csv"])
    let fields = top.stdout.components(separatedBy: "\r\n")[1].components(separatedBy: ",")
    let score = try #require(Double(fields[3]))
    let result = try CloutProcess.run(["explain", "--db", db, fields[1]])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("score: saved calibration"))
    let values = result.stdout.components(separatedBy: "\n").filter { $0.contains(" part ") }
      .compactMap { line in line.split(separator: " ").compactMap { Double($0) }.first }
    #expect(values.count == ScorePart.allCases.count)
    #expect(abs(values.reduce(0, +) - score) < 4e-6)
  }

  @Test func aStaleCalibrationWarnsOnce() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    #expect(try CloutProcess.run(["calibrate", "--db", db]).status == 0)
    let fresh = try CloutProcess.run(["rank", "--db", db, "--top", "1"])
    #expect(!fresh.stderr.contains("re-run"))
    try add("source,target,type,timestamp\nu1,u2,reply,1788000000\n", to: db, in: directory)
    let stale = try CloutProcess.run(["rank", "--db", db, "--top", "1"])
    #expect(stale.status == 0)
    let warnings = stale.stderr.components(separatedBy: "\n").filter {
      $0.contains("re-run: clout calibrate")
    }
    #expect(warnings.count == 1)
  }

  @Test func aCalibrationBelowTheFloorSavedByAnOlderBuildIsNotUsed() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    #expect(try CloutProcess.run(["calibrate", "--db", db]).status == 0)
    let calibrated = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    // What builds before the floor saved: one fold, validated on one engaged account.
    let store = try Store.open(path: db)
    var old = try #require(try store.latestCalibration(platform: nil))
    #expect(old.belowFloor == nil)
    old.folds = [old.folds[0]]
    old.folds[0].engaged = 1
    old.cloutVersion = "0.3.0"
    try store.saveCalibration(old)
    let uncalibrated = try CloutProcess.run([
      "rank", "--db", db, "--top", "0", "--format", "csv", "--calibration", "none",
    ])
    let ranked = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    #expect(ranked.status == 0)
    #expect(ranked.stdout == uncalibrated.stdout)
    #expect(ranked.stdout != calibrated.stdout)
    let warnings = ranked.stderr.components(separatedBy: "\n").filter {
      $0.hasPrefix("warning:")
    }
    #expect(
      warnings == [
        "warning: the saved calibration (Clout 0.3.0) was validated on 1 fold with as few as 1 "
          + "engaged accounts, below the 2 folds of 20 that clout calibrate now requires; the "
          + "uncalibrated default is used instead; re-run: clout calibrate"
      ])
    let explain = try CloutProcess.run(["explain", "--db", db, "u0"])
    #expect(explain.stdout.contains("score: uncalibrated default"))
  }

  @Test func calibrationNoneWithAnExplicitHalfLifeIsTheRankingBeforeCalibrating() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let before = try CloutProcess.run([
      "rank", "--db", db, "--top", "0", "--format", "csv", "--half-life", "90d",
    ])
    #expect(try CloutProcess.run(["calibrate", "--db", db]).status == 0)
    let after = try CloutProcess.run([
      "rank", "--db", db, "--top", "0", "--format", "csv", "--half-life", "90d",
      "--calibration", "none",
    ])
    let calibrated = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    #expect(before.stdout == after.stdout)
    #expect(calibrated.stdout != before.stdout)
  }

  @Test func evaluateCalibratesOnlyOnDataBeforeTheSplit() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let arguments = ["evaluate", "--db", db, "--split-at", "2026-01-13", "-v"]
    let clean = try CloutProcess.run(arguments)
    #expect(clean.status == 0, "\(clean.stderr)")
    let line = { (text: String) in
      text.components(separatedBy: "\n").first { $0.hasPrefix("calibrated on the data before") }
    }
    let before = try #require(line(clean.stderr))
    // -v names the re-fitted calibration as such, not as the store's saved one.
    #expect(
      clean.stderr.contains(
        "score: calibration of the data before the split (re-fitted, not the saved one) fitted on"))
    #expect(!clean.stderr.contains("saved calibration"))
    // Poison the future: a flood of engagement of one account after the split, and a saved
    // calibration fitted on everything. Neither may change what evaluate fits.
    var flood = ["source,target,type,timestamp"]
    for index in 0..<500 { flood.append("p\(index),u39,reply,\(1_768_300_000 + index)") }
    try add(flood.joined(separator: "\n") + "\n", to: db, in: directory)
    #expect(try CloutProcess.run(["calibrate", "--db", db]).status == 0)
    let poisoned = try CloutProcess.run(arguments)
    #expect(line(poisoned.stderr) == before)
    #expect(poisoned.stdout.contains("clout-uncalibrated"))
    #expect(poisoned.stdout.contains("recent-engagers"))
  }

  @Test func tiesShareRanksInRankAndExplain() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("star.db")
    try add(
      """
      source,target,type,timestamp
      hub,x,reply,1767225600
      hub,y,reply,1767225600
      hub,z,reply,1767225600

      """, to: db, in: directory)
    let rank = try CloutProcess.run(["rank", "--db", db, "--top", "1", "--format", "csv"])
    #expect(rank.stdout.components(separatedBy: "\r\n")[1].hasPrefix("1,x,"))
    #expect(rank.stderr.contains("note: 2 more accounts tie with rank 1 at the cut; --top 3"))
    // No post ids: reply engagement leaves the mix, with a note, and the top scores 1.
    #expect(rank.stderr.contains("note: reply engagement is 0 for every account"))
    #expect(rank.stdout.contains(",1.000000,"))
    let all = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    let ranks = all.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
      .map { $0.split(separator: ",")[0] }
    #expect(ranks == ["1", "1", "1", "4"])
    let explain = try CloutProcess.run(["explain", "--db", db, "y"])
    #expect(explain.stdout.contains("tied for ranks 1–3 of 4 (top 75.0%)"))
    // explain says under its parts that reply engagement left the mix, and only there: on
    // standard error too it read twice in a terminal.
    let dropped = "note: reply engagement is 0 for every account"
    #expect(explain.stdout.components(separatedBy: dropped).count == 2)
    #expect(!explain.stderr.contains(dropped))
  }

  @Test func rankHelpIsPinned() throws {
    let help = try CloutProcess.run(["rank", "--help"])
    let start = try #require(help.stdout.range(of: "The score is one sum"))
    let end = try #require(help.stdout.range(of: "Equal scores share a rank"))
    #expect(
      String(help.stdout[start.lowerBound..<end.lowerBound]) == """
        The score is one sum of named parts, each a feature scaled so the best account
        gets 1 and multiplied by its weight:

          PageRank: ln(1 + n × PageRank), attention flowing to the account through the
        weighted interaction graph; attention from accounts that get attention counts
        more (n accounts, so 1 is average).
          reach: ln(1 + Σ distinct engagers' min(1, weight) / log2(2 + accounts they
        engage)), distinct accounts that engaged it, each discounted by how
        indiscriminately it engages.
          reply engagement: ln(1 + reply recency × max reply depth × distinct
        repliers), conversations that go deep and draw many people; reply recency is
        the mean decay of the replies it received, so old threads fade like every other
        part.
          activity: ln(1 + weighted, decayed interactions received), how much it was
        engaged, each interaction by type weight and decay (recency-weighted
        in-degree), at the activity half-life.
          outreach: ln(1 + Σ distinct accounts it engaged, each min(1, weight)), how
        many accounts it engages itself: accounts that reply and join conversations are
        answered back.
          freshness: 0.5^(time since the last engagement it received / activity
        half-life), how recently anyone engaged it (1 = just now, 0 = never).

        score = Σ over the parts of weight × feature / highest feature in the window;
        the weights sum to 1, so the score is in [0, 1]. Without a saved calibration
        ('clout calibrate') the weights are
        pagerank=0.25,reach=0.25,engagement=0.5,activity=0,outreach=0,freshness=0. A
        part that is 0 for every account in the window (no post ids, so no reply trees)
        leaves the mix and its weight goes to the others. Every part decays: activity
        and freshness with the activity half-life (a calibration may choose a shorter
        one, for what happened lately), the others with the half-life. Outreach weighs
        at most 0.25: it counts what the account does, not what others do for it.


        """)
    let explain = try CloutProcess.run(["explain", "--help"])
    #expect(explain.stdout.contains("The score is one sum of named parts"))
    #expect(!explain.stdout.contains("two parts"))
  }

  @Test func readmeListsTheScoreFromItsDefinition() throws {
    let readme = try String(
      contentsOf: CloutProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    for part in ScorePart.allCases {
      #expect(readme.contains("| \(part.label) | `\(part.formula)` |"), "\(part)")
    }
  }
}

/// `calibrate --topic` fits on the topic's conversations but saves nothing: a calibration from
/// one topic would otherwise become every later ranking's default.
@Suite struct CalibrateTopicTests {
  @Test func aTopicCalibrationIsPrintedNotSaved() throws {
    let directory = try TemporaryDirectory()
    // The calibration timeline as posts whose text all mention the topic word, so the topic
    // selects the whole store and the fit succeeds as it does without a topic.
    var lines = ["id,author,created_at,text,reply_to_id,reply_to_author,platform"]
    for (index, line) in CalibrateCommandTests.timeline(days: 16).split(separator: "\n")
      .dropFirst().enumerated()
    {
      let fields = line.split(separator: ",")
      lines.append("p\(index),\(fields[0]),\(fields[3]),about solarflare,,\(fields[1]),mastodon")
    }
    let csv = directory.path("posts.csv")
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: csv))
    let db = directory.path("clout.db")
    let ingest = try CloutProcess.run(["ingest", "--db", db, "--format", "posts-csv", csv])
    #expect(ingest.status == 0, "\(ingest.stderr)")

    let topic = try CloutProcess.run(["calibrate", "--db", db, "--topic", "solarflare"])
    #expect(topic.status == 0, "\(topic.stderr)")
    #expect(topic.stdout.contains("fold 2: validate"))
    #expect(topic.stderr.contains("not saved"))
    let afterTopic = try CloutProcess.run(["rank", "--db", db, "-v", "--top", "3"])
    #expect(afterTopic.stderr.contains("score: uncalibrated default (no saved calibration)"))

    let whole = try CloutProcess.run(["calibrate", "--db", db])
    #expect(whole.status == 0, "\(whole.stderr)")
    let afterWhole = try CloutProcess.run(["rank", "--db", db, "-v", "--top", "3"])
    #expect(afterWhole.stderr.contains("score: saved calibration"))
  }
}
