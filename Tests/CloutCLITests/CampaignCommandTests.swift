import CloutTestSupport
import Foundation
import Testing

@Suite struct CampaignCommandTests {
  static let columns = [
    "metric", "contacted_before", "contacted_after", "comparison_before", "comparison_after",
    "effect", "ci_low", "ci_high", "contacted", "comparison",
  ]
  /// Contacted: every fifth account, 8 of 40.
  static let contacted = stride(from: 2, to: 40, by: 5).map { "u\($0)" }

  /// 40 accounts on mastodon, activity level k = 1 + i % 5, ten days before 2026-01-11 and
  /// ten after. Each mentions k random others before and 2k after (a trend), and the brand
  /// k/2 times before, k/2 + 1 after (a trend shared by all), contacted accounts 4 more:
  /// every account's brand trend is the same +1, so the estimate is exactly 4.
  static func store(_ directory: TemporaryDirectory) throws -> String {
    var generator = SeededGenerator(seed: 3)
    var csv = "id,author,created_at,mentions,platform\n"
    var id = 0
    func post(_ author: String, _ target: String, after: Bool) {
      id += 1
      let day = (after ? 11 : 1) + generator.below(10)
      let hour = generator.below(24)
      csv +=
        "\(id),\(author),2026-01-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):00:00Z,"
        + "\(target),mastodon\n"
    }
    for index in 0..<40 {
      let level = 1 + index % 5
      for after in [false, true] {
        for _ in 0..<(after ? 2 * level : level) {
          var other = generator.below(40)
          if other == index { other = (other + 1) % 40 }
          post("u\(index)", "u\(other)", after: after)
        }
        let extra = after ? 1 + (contacted.contains("u\(index)") ? 4 : 0) : 0
        for _ in 0..<(level / 2 + extra) { post("u\(index)", "brand", after: after) }
      }
    }
    let input = directory.path("timeline.csv")
    try Data(csv.utf8).write(to: URL(fileURLWithPath: input))
    let db = directory.path("clout.db")
    let ingest = try CloutProcess.run(["ingest", "--db", db, input])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    try Data(("# contacted\n" + contacted.joined(separator: "\n") + "\nghost\n").utf8)
      .write(to: URL(fileURLWithPath: directory.path("contacted.txt")))
    try Data("mastodon:brand\n".utf8).write(to: URL(fileURLWithPath: directory.path("brand.txt")))
    return db
  }

  static func arguments(_ directory: TemporaryDirectory, _ db: String, _ extra: [String] = [])
    -> [String]
  {
    [
      "campaign", "--db", db, "--contacted", directory.path("contacted.txt"), "--brand",
      directory.path("brand.txt"), "--on", "2026-01-11", "--window", "10d",
    ] + extra
  }

  @Test func tableRecoversThePlantedEffectAndIsDeterministic() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let first = try CloutProcess.run(Self.arguments(directory, db))
    let second = try CloutProcess.run(Self.arguments(directory, db))
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout == second.stdout)
    let lines = first.stdout.components(separatedBy: "\n")
    #expect(lines[0].split(separator: " ").map(String.init) == Self.columns)
    let brand = try #require(lines.first { $0.hasPrefix("brand_interactions ") })
    let cells = brand.split(separator: " ").map(String.init)
    // effect, ci_low, ci_high; 8 contacted accounts.
    #expect(Array(cells[5...8]) == ["4.000", "4.000", "4.000", "8"], "\(brand)")
    #expect(
      first.stdout.contains(
        "contacted accounts engaged the brand 4.0 more times each than comparable accounts"
          + " (95% interval 4.0 to 4.0)"))
    #expect(first.stdout.contains("warning: the contacted group is small (8 < 10 accounts)"))
    #expect(first.stdout.contains("log_in_degree"))
    #expect(first.stderr.contains("contacted.txt:10: ghost"), "\(first.stderr)")
    let other = try CloutProcess.run(Self.arguments(directory, db, ["--seed", "9"]))
    #expect(other.status == 0)
  }

  @Test func jsonAndCSVHaveExactlyTheColumns() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let json = try CloutProcess.run(Self.arguments(directory, db, ["--format", "json"]))
    #expect(json.status == 0, "\(json.stderr)")
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count == 4)
    for row in rows { #expect(Set(row.keys) == Set(Self.columns)) }
    #expect(
      rows.map { $0["metric"] as? String } == [
        "brand_interactions", "brand_engagers", "engagers", "score",
      ])
    #expect(json.stderr.contains("engaged the brand 4.0 more times"))
    let csv = try CloutProcess.run(Self.arguments(directory, db, ["--format", "csv"]))
    #expect(csv.stdout.hasPrefix(Self.columns.joined(separator: ",") + "\r\n"))
    #expect(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 5)
  }

  @Test func withoutBrandOnlyOwnEngagementIsMeasured() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let result = try CloutProcess.run([
      "campaign", "--db", db, "--contacted", directory.path("contacted.txt"), "--on",
      "2026-01-11", "--window", "10d", "--format", "csv",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let metrics = result.stdout.components(separatedBy: "\r\n").dropFirst()
      .compactMap { $0.split(separator: ",").first.map(String.init) }
    #expect(metrics == ["engagers", "score"])
  }

  @Test func readsAShortlist() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let shortlist = directory.path("shortlist.csv")
    let written = try CloutProcess.run(["shortlist", "--db", db, "--out", shortlist, "--top", "6"])
    #expect(written.status == 0, "\(written.stderr)")
    let result = try CloutProcess.run([
      "campaign", "--db", db, "--contacted", shortlist, "--on", "2026-01-11", "--window", "10d",
      "--format", "csv",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let row = try #require(result.stdout.components(separatedBy: "\r\n").dropFirst().first)
    #expect(row.split(separator: ",")[8] == "6", "\(row)")
  }

  /// A person's row names its accounts in `handles`; a file with only account/platform
  /// columns names one account per row, the formula guard taken off.
  @Test func readsShortlistHandlesAndAccountColumns() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let merged = directory.path("merged.csv")
    try Data(
      ("rank,account,platform,handles,user_id\r\n"
        + "1,Person,mastodon,mastodon:u2 mastodon:u7, \r\n2,u12,mastodon,mastodon:u12,\r\n")
        .utf8
    ).write(to: URL(fileURLWithPath: merged))
    let plain = directory.path("plain.csv")
    try Data("account,platform\nu2,mastodon\nu17,mastodon\nghost,mastodon\n".utf8)
      .write(to: URL(fileURLWithPath: plain))
    for (file, count) in [(merged, "3"), (plain, "2")] {
      let result = try CloutProcess.run([
        "campaign", "--db", db, "--contacted", file, "--on", "2026-01-11", "--window", "10d",
        "--format", "csv",
      ])
      #expect(result.status == 0, "\(result.stderr)")
      let row = try #require(result.stdout.components(separatedBy: "\r\n").dropFirst().first)
      #expect(row.split(separator: ",")[8] == Substring(count), "\(file): \(row)")
    }
    let skipped = try CloutProcess.run([
      "campaign", "--db", db, "--contacted", plain, "--on", "2026-01-11", "--window", "10d",
    ])
    #expect(skipped.stderr.contains("plain.csv:4: mastodon:ghost"), "\(skipped.stderr)")
  }

  @Test func badInputGetsClearMessages() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let nobody = directory.path("nobody.txt")
    try Data("ghost\nmastodon:nobody\n".utf8).write(to: URL(fileURLWithPath: nobody))
    let none = try CloutProcess.run([
      "campaign", "--db", db, "--contacted", nobody, "--on", "2026-01-11",
    ])
    #expect(none.status == 65)
    #expect(none.stderr.contains("nobody.txt:2: mastodon:nobody"), "\(none.stderr)")
    #expect(none.stderr.contains("none of the contacted accounts"))
    let base = Array(Self.arguments(directory, db).dropLast(4))
    let outside = try CloutProcess.run(base + ["--on", "2027"])
    #expect(outside.status == 65)
    #expect(outside.stderr.contains("outside the data"), "\(outside.stderr)")
    // Posts are on the hour: a one-second period before 00:30 holds nothing.
    let empty = try CloutProcess.run(base + ["--on", "2026-01-05T00:30:00Z", "--window", "1s"])
    #expect(empty.status == 65)
    #expect(empty.stderr.contains("no interactions between accounts in the period"))
    for bad in [
      ["--window", "none"], ["--comparison", "0"], ["--since", "2026"], ["--on", "soon"],
    ] {
      let result = try CloutProcess.run(Self.arguments(directory, db) + bad)
      #expect(result.status == 64, "\(bad): \(result.stderr)")
    }
    let missing = try CloutProcess.run([
      "campaign", "--db", db, "--contacted", directory.path("absent.txt"), "--on", "2026-01-11",
    ])
    #expect(missing.status == 74)
    #expect(missing.stderr.contains("absent.txt: no such file"))
  }

  @Test func verboseReportsProgress() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let result = try CloutProcess.run(Self.arguments(directory, db, ["-v"]))
    #expect(result.status == 0)
    #expect(result.stderr.contains("before [2026-01-01T00:00:00Z, 2026-01-11T00:00:00Z): "))
    #expect(result.stderr.contains("drew 2,000 bootstrap resamples"))
  }
}
