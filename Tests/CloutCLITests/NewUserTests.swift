import Foundation
import Testing

/// What a new user types first, checked on the built binary.
@Suite struct NewUserTests {
  /// Edges on both sides of every period boundary the date tests use: each target is engaged
  /// once, so the accounts a window ranks name the edges it selected.
  static func datedStore(_ directory: TemporaryDirectory) throws -> String {
    let csv = directory.path("dated.csv")
    try """
    source,target,type,timestamp
    a,dec2016,reply,2016-12-31T23:59:59Z
    a,jan2017,reply,2017-01-01T00:00:00Z
    a,sep2017,reply,2017-09-30T23:59:59Z
    a,oct2017,reply,2017-10-15T12:00:00Z
    a,nov2017,reply,2017-11-01T00:00:00Z
    a,dec2017,reply,2017-12-31T23:59:59Z
    a,jan2018,reply,2018-01-01T00:00:00Z

    """.write(toFile: csv, atomically: true, encoding: .utf8)
    let db = directory.path("dated.db")
    let ingest = try CloutProcess.run(["ingest", "--db", db, csv])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    return db
  }

  static func rankedTargets(_ db: String, _ window: [String]) throws -> Set<String> {
    let result = try CloutProcess.run(
      ["rank", "--db", db, "--top", "0", "--format", "csv"] + window)
    #expect(result.status == 0, "\(result.stderr)")
    let rows = result.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
    let names = rows.map { String($0.split(separator: ",")[1]) }
    return Set(names).subtracting(["a"])
  }

  @Test func yearsAndMonthsCoverTheWholePeriod() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.datedStore(directory)
    #expect(
      try Self.rankedTargets(db, ["--since", "2017", "--until", "2017"])
        == ["jan2017", "sep2017", "oct2017", "nov2017", "dec2017"])
    #expect(
      try Self.rankedTargets(db, ["--since", "2017-10", "--until", "2017-10"]) == ["oct2017"])
    #expect(
      try Self.rankedTargets(db, ["--since", "2017-10"]) == [
        "oct2017", "nov2017", "dec2017", "jan2018",
      ])
    // 1483228800 is 2017-01-01T00:00:00Z; the explicit form keeps exact seconds.
    #expect(
      try Self.rankedTargets(db, ["--since", "@1483228800", "--until", "@1483228800"])
        == ["jan2017"])
  }

  @Test func aBareNumberIsRefusedWithTheExplicitForm() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.datedStore(directory)
    let result = try CloutProcess.run(["rank", "--db", db, "--since", "1483228800"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("@1483228800"), "\(result.stderr)")
    let month = try CloutProcess.run(["rank", "--db", db, "--since", "2017-13"])
    #expect(month.status == 64)
  }

  @Test func verbosePrintsTheSelectedWindow() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.datedStore(directory)
    let result = try CloutProcess.run(
      ["rank", "--db", db, "-v", "--since", "2017", "--until", "2017-10"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains("window: from 2017-01-01T00:00:00Z to 2017-10-31T23:59:59Z"),
      "\(result.stderr)")
  }

  @Test func dashIsStandardOutputAndFormatsMustAgree() throws {
    let directory = try TemporaryDirectory()
    let db = try RankCommandTests.fixtureStore(directory)
    let dot = try CloutProcess.run(
      ["map", "--db", db, "--out", "-", "--format", "dot", "--top", "10"], in: directory.url)
    #expect(dot.status == 0, "\(dot.stderr)")
    #expect(dot.stdout.hasPrefix("digraph"))
    #expect(!FileManager.default.fileExists(atPath: directory.path("-")))
    let noFormat = try CloutProcess.run(["map", "--db", db, "--out", "-"], in: directory.url)
    #expect(noFormat.status == 64)
    #expect(noFormat.stderr.contains("--format"))
    let mismatch = try CloutProcess.run([
      "map", "--db", db, "--out", directory.path("m.svg"), "--format", "png",
    ])
    #expect(mismatch.status == 64)
    #expect(mismatch.stderr.contains("does not match"))
    #expect(!FileManager.default.fileExists(atPath: directory.path("m.svg")))
  }

  @Test func topZeroIsAllAndANegativeTopSaysWhatIsValid() throws {
    let directory = try TemporaryDirectory()
    let db = try RankCommandTests.fixtureStore(directory)
    let rank = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    let shortlist = try CloutProcess.run(["shortlist", "--db", db, "--out", "-", "--top", "0"])
    #expect(shortlist.status == 0, "\(shortlist.stderr)")
    let rankRows = rank.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count
    let listRows = shortlist.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count
    #expect(rankRows > 50)
    #expect(listRows == rankRows)
    let map = try CloutProcess.run([
      "map", "--db", db, "--out", directory.path("all.dot"), "--top", "0",
    ])
    #expect(map.status == 0, "\(map.stderr)")
    for command in [["rank"], ["shortlist", "--out", "-"], ["map", "--out", "m.dot"]] {
      let negative = try CloutProcess.run(command + ["--db", db, "--top", "-1"])
      #expect(negative.status == 64)
      #expect(negative.stderr.contains("or 0 for all"), "\(negative.stderr)")
    }
  }

  @Test func aReversedComparisonIsAUsageError() throws {
    let directory = try TemporaryDirectory()
    let db = try RankCommandTests.fixtureStore(directory)
    let result = try CloutProcess.run([
      "rank", "--db", db, "--compare", "2018-01-01..2017-01-01",
    ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("earlier time first"))
  }

  @Test func aFailedIngestLeavesNoStoreBehind() throws {
    let directory = try TemporaryDirectory()
    let fixtures = CloutProcess.fixtures.path
    let inputs = [
      directory.path("missing.csv"), "\(fixtures)/bad/empty.csv", directory.path(""),
      "\(fixtures)/bad/binary.bin",
    ]
    for (index, input) in inputs.enumerated() {
      let db = directory.path("store\(index).db")
      let result = try CloutProcess.run(["ingest", "--db", db, input])
      #expect(result.status != 0, "\(input)")
      #expect(!FileManager.default.fileExists(atPath: db), "\(input) left \(db)")
    }
    // A good file still creates the store.
    let db = directory.path("good.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, "\(fixtures)/edges.csv"]).status == 0)
    #expect(FileManager.default.fileExists(atPath: db))
  }

  @Test func cutsQuotedInputAndSaysTheFileIsJSON() throws {
    let directory = try TemporaryDirectory()
    let long = directory.path("tweets.jsonl")
    // A v2 page's first line: thousands of fields, each a comma-separated "column" to CSV.
    let fields = (0..<5_000).map { "\"field\($0)\":\"value \($0)\"" }
    try ("{" + fields.joined(separator: ",") + "}\n")
      .write(toFile: long, atomically: true, encoding: .utf8)
    let result = try CloutProcess.run([
      "ingest", "--db", directory.path("s.db"), "--format", "posts-csv", long,
    ])
    #expect(result.status == 65)
    #expect(result.stderr.count < 400, "\(result.stderr.count) characters")
    #expect(result.stderr.contains("…"))
    #expect(result.stderr.contains("the first line is JSON"))
    #expect(result.stderr.contains("--format auto"))
    let csvAsJSON = try CloutProcess.run([
      "ingest", "--db", directory.path("t.db"), "--format", "twitter-v2",
      "\(CloutProcess.fixtures.path)/posts.csv",
    ])
    #expect(csvAsJSON.status == 65)
    #expect(csvAsJSON.stderr.contains("looks like posts-csv, not twitter-v2: try --format auto"))
  }

  @Test func suggestsNearHandlesAndCommands() throws {
    let directory = try TemporaryDirectory()
    let csv = directory.path("e.csv")
    try "source,target,type,timestamp\nfan,theonion,reply,2020-01-01\nfan,cnn,reply,2020-01-02\n"
      .write(toFile: csv, atomically: true, encoding: .utf8)
    let db = directory.path("e.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, csv]).status == 0)
    let typo = try CloutProcess.run(["explain", "--db", db, "theonoin"])
    #expect(typo.status == 65)
    #expect(typo.stderr.contains("did you mean theonion?"), "\(typo.stderr)")
    let far = try CloutProcess.run(["explain", "--db", db, "zzzzzzzz"])
    #expect(!far.stderr.contains("did you mean"))
    let command = try CloutProcess.run(["ranks", "--db", db])
    #expect(command.status == 64)
    #expect(command.stderr.contains("did you mean 'rank'?"), "\(command.stderr)")
  }

  /// Two accounts that held @potus one after the other (user ids 111 and 222), each replied
  /// to once.
  static let potus = """
    {"id":"10","author_id":"111","author":{"id":"111","username":"potus"},\
    "created_at":"2017-01-01T00:00:00.000Z","text":"first"}
    {"id":"11","author_id":"900","author":{"id":"900","username":"fan"},\
    "created_at":"2017-01-02T00:00:00.000Z","text":"@potus yes","in_reply_to_user_id":"111",\
    "referenced_tweets":[{"type":"replied_to","id":"10"}]}
    {"id":"20","author_id":"222","author":{"id":"222","username":"potus"},\
    "created_at":"2021-01-21T00:00:00.000Z","text":"second"}
    {"id":"21","author_id":"901","author":{"id":"901","username":"fan2"},\
    "created_at":"2021-01-22T00:00:00.000Z","text":"@potus hi","in_reply_to_user_id":"222",\
    "referenced_tweets":[{"type":"replied_to","id":"20"}]}

    """

  @Test func collidingHandlesAreListedWithIdsAndNamedByHashID() throws {
    let directory = try TemporaryDirectory()
    let file = directory.path("potus.jsonl")
    try Self.potus.write(toFile: file, atomically: true, encoding: .utf8)
    let db = directory.path("p.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, file]).status == 0)
    let ambiguous = try CloutProcess.run(["explain", "--db", db, "twitter:potus"])
    #expect(ambiguous.status == 64)
    #expect(!ambiguous.stderr.contains("twitter:twitter:"))
    #expect(
      ambiguous.stderr.contains(
        "twitter:potus#111  (user id 111, first seen 2017-01-01T00:00:00Z, last seen"
          + " 2017-01-02T00:00:00Z)"), "\(ambiguous.stderr)")
    #expect(ambiguous.stderr.contains("twitter:potus#222"))
    let named = try CloutProcess.run(["explain", "--db", db, "twitter:potus#111"])
    #expect(named.status == 0, "\(named.stderr)")
    let rank = try CloutProcess.run(["rank", "--db", db, "--format", "csv"])
    let rows = rank.stdout.components(separatedBy: "\r\n")
    #expect(rows[0].hasSuffix(",display_name,user_id,followers,flags"))
    let potusIDs = rows.filter { $0.contains(",potus,") }.map { $0.split(separator: ",").last! }
    #expect(Set(potusIDs) == ["111", "222"])
    let list = try CloutProcess.run(["shortlist", "--db", db, "--out", "-", "--top", "0"])
    #expect(list.stdout.contains("https://x.com/i/user/111,"))
    #expect(list.stdout.contains("https://x.com/i/user/222,"))
    #expect(!list.stdout.contains("https://x.com/potus"))
  }

  @Test func textOnlyCSVGetsMentionsFromTextAndNotesAboutPlatformAndEmptyFiles() throws {
    let directory = try TemporaryDirectory()
    let posts = directory.path("t.csv")
    try """
    id,author,created_at,text
    1,alice,2020-01-01,hi @bob and @carol@example.org
    2,bob,2020-01-02,@alice thanks (mail bob@example.com)

    """.write(toFile: posts, atomically: true, encoding: .utf8)
    let quiet = directory.path("q.csv")
    try "id,author,created_at,text\n9,dave,2020-01-03,no one named here\n"
      .write(toFile: quiet, atomically: true, encoding: .utf8)
    let db = directory.path("t.db")
    let ingest = try CloutProcess.run(["ingest", "--db", db, posts, quiet])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    // alice→bob, alice→carol@example.org, bob→alice; the e-mail address is no mention.
    #expect(ingest.stdout.contains("t.csv: 2 posts, 3 accounts, 3 interactions added"))
    #expect(ingest.stderr.contains("no platform column"))
    #expect(ingest.stderr.contains("--platform"))
    #expect(ingest.stderr.contains("warning: \(quiet) added no interactions"))
    #expect(!ingest.stderr.contains("warning: \(posts)"))
    let stats = try CloutProcess.run(["stats", "--db", db])
    #expect(stats.stdout.contains("unknown: records whose file named no platform"))
    let named = try CloutProcess.run([
      "ingest", "--db", directory.path("n.db"), "--platform", "twitter", posts,
    ])
    #expect(!named.stderr.contains("no platform column"))
  }

  @Test func explainShowsTheConversationsDateTextAndLink() throws {
    let directory = try TemporaryDirectory()
    let file = directory.path("thread.jsonl")
    // The first post's text holds a terminal escape (red), a line break and 200 more letters.
    let long = String(repeating: "y", count: 200)
    try """
    {"id":"10","author_id":"111","author":{"id":"111","username":"potus"},\
    "created_at":"2017-01-01T00:00:00.000Z","text":"\\u001b[31mred\\nline \(long)"}
    {"id":"11","author_id":"900","author":{"id":"900","username":"fan"},\
    "created_at":"2017-01-02T00:00:00.000Z","text":"@potus yes","in_reply_to_user_id":"111",\
    "referenced_tweets":[{"type":"replied_to","id":"10"}]}

    """.write(toFile: file, atomically: true, encoding: .utf8)
    let db = directory.path("t.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, file]).status == 0)
    let explain = try CloutProcess.run(["explain", "--db", db, "potus"])
    #expect(explain.status == 0, "\(explain.stderr)")
    #expect(!explain.stdout.contains("\u{1B}"))
    let row = explain.stdout.components(separatedBy: "\n").first { $0.hasPrefix("10 ") }
    #expect(row?.contains("2017-01-01T00:00:00Z") == true, "\(explain.stdout)")
    // "[31mred line " then y's: 80 characters in all, the last one "…".
    let expected = "[31mred line " + String(repeating: "y", count: 80 - 14) + "…"
    #expect(row?.hasSuffix(expected) == true, "\(row ?? "")")
    #expect(explain.stdout.contains("10: https://x.com/i/status/10"))
  }

  /// Runs `command` under script(1), so that standard error is a terminal and the progress
  /// line is drawn; returns what the terminal received.
  static func onATerminal(_ command: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qec", command, "/dev/null"]
    let output = Pipe()
    process.standardOutput = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func progressShowsPercentAndTimeLeftForFilesOnly() throws {
    let directory = try TemporaryDirectory()
    let csv = directory.path("big.csv")
    // Enough rows for the debug build to take well over the 0.2 s between redraws.
    var text = "source,target,type,timestamp\n"
    for i in 0..<200_000 { text += "u\(i % 5_000),v\(i * 7 % 3_000),reply,2020-01-01\n" }
    try text.write(toFile: csv, atomically: true, encoding: .utf8)
    let binary = CloutProcess.executable.path
    let file = try Self.onATerminal("\(binary) ingest --db \(directory.path("f.db")) \(csv)")
    #expect(file.contains("records/s, "), "\(file.suffix(300))")
    #expect(file.contains("% , about") || file.contains("%, about"))
    #expect(file.contains(" left"))
    let piped = try Self.onATerminal(
      "cat \(csv) | \(binary) ingest --db \(directory.path("p.db")) -")
    #expect(piped.contains("records/s"), "\(piped.suffix(300))")
    #expect(!piped.contains(" left"))
  }

  /// A brand that engages no one: f1, f2 and f3 engage it, f1 and f2 also reply to creator,
  /// and x, y, z talk among themselves, away from the brand.
  @Test func seedAccountsRankTheBrandsEcosystemAndAreLeftOut() throws {
    let directory = try TemporaryDirectory()
    let csv = directory.path("brand.csv")
    try """
    source,target,type,timestamp
    f1,acme,reply,2020-01-01
    f2,acme,reply,2020-01-02
    f3,acme,mention,2020-01-03
    f1,creator,reply,2020-01-04
    f2,creator,reply,2020-01-05
    f3,f1,reply,2020-01-06
    x,y,reply,2020-01-07
    z,y,reply,2020-01-08

    """.write(toFile: csv, atomically: true, encoding: .utf8)
    let seeds = directory.path("seeds.txt")
    try "acme\nnobody\n".write(toFile: seeds, atomically: true, encoding: .utf8)
    let db = directory.path("b.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, csv]).status == 0)
    func pageranks(_ extra: [String]) throws -> [String: Double] {
      let result = try CloutProcess.run(
        ["rank", "--db", db, "--top", "0", "--format", "csv", "--seed-accounts", seeds] + extra)
      #expect(result.stderr.contains("seeds.txt:2: nobody"), "\(result.stderr)")
      var values: [String: Double] = [:]
      for row in result.stdout.components(separatedBy: "\r\n").dropFirst() where !row.isEmpty {
        let cells = row.split(separator: ",", omittingEmptySubsequences: false)
        values[String(cells[1])] = Double(cells[4])
      }
      return values
    }
    let listed = try pageranks([])
    #expect(listed["acme"] == nil)
    #expect(Set(listed.keys) == ["creator", "f1", "f2", "f3", "x", "y", "z"])
    // The brand's audience and whom it engages get PageRank; the unconnected group none.
    for name in ["creator", "f1", "f2", "f3"] { #expect((listed[name] ?? 0) > 0.01, "\(name)") }
    for name in ["x", "y", "z"] { #expect(listed[name] == 0, "\(name)") }
    // creator, engaged by two of the brand's engagers, outranks f3, who engages only.
    #expect((listed["creator"] ?? 0) > (listed["f3"] ?? 0))
    let withSeeds = try pageranks(["--include-seeds"])
    #expect((withSeeds["acme"] ?? 0) > 0.3 && (withSeeds["acme"] ?? 1) < 0.9)
  }

  /// `map` drew the seed accounts that `rank` leaves out; now it leaves them out too, unless
  /// --include-seeds.
  /// A store where `acme` (the seed, in the returned file) is engaged by f1 and f2, and f1
  /// also engages `creator`.
  static func brandStoreWithSeed(_ directory: TemporaryDirectory) throws -> (
    db: String, seeds: String
  ) {
    let csv = directory.path("brand.csv")
    try """
    source,target,type,timestamp
    f1,acme,reply,2020-01-01
    f2,acme,reply,2020-01-02
    f1,creator,reply,2020-01-04

    """.write(toFile: csv, atomically: true, encoding: .utf8)
    let seeds = directory.path("seeds.txt")
    try "acme\n".write(toFile: seeds, atomically: true, encoding: .utf8)
    let db = directory.path("b.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, csv]).status == 0)
    return (db, seeds)
  }

  @Test func mapLeavesTheSeedAccountsOutLikeRank() throws {
    let directory = try TemporaryDirectory()
    let (db, seeds) = try Self.brandStoreWithSeed(directory)
    func map(_ extra: [String]) throws -> String {
      let result = try CloutProcess.run(
        ["map", "--db", db, "--out", "-", "--format", "dot", "--seed-accounts", seeds] + extra)
      #expect(result.status == 0, "\(result.stderr)")
      return result.stdout
    }
    // Every drawn account has a tooltip that starts with its handle.
    let drawn = try map([])
    #expect(drawn.contains(#"tooltip="f1 "#) && drawn.contains(#"tooltip="creator "#))
    #expect(!drawn.contains(#"tooltip="acme "#))
    #expect(try map(["--include-seeds"]).contains(#"tooltip="acme "#))
  }

  @Test func reportLeavesTheSeedAccountsOutLikeRank() throws {
    let directory = try TemporaryDirectory()
    let (db, seeds) = try Self.brandStoreWithSeed(directory)
    func report(_ extra: [String]) throws -> String {
      let out = directory.path("report-\(extra.count).html")
      let result = try CloutProcess.run(
        ["report", "--db", db, "--out", out, "--seed-accounts", seeds] + extra)
      #expect(result.status == 0, "\(result.stderr)")
      return try String(contentsOfFile: out, encoding: .utf8)
    }
    // The embedded data names every shown account's handle.
    let shown = try report([])
    #expect(shown.contains(#""handle": "creator""#))
    #expect(!shown.contains(#""handle": "acme""#))
    #expect(try report(["--include-seeds"]).contains(#""handle": "acme""#))
  }

  @Test func wideNamesKeepTheTableAlignedAndCountsAgree() throws {
    let directory = try TemporaryDirectory()
    let csv = directory.path("wide.csv")
    // One reply each: "1 account", and names 2, 4 and 1 columns wide per character.
    try """
    id,author,created_at,text,reply_to_id,reply_to_author,display_name
    1,alice,2020-01-01,hi,,,😀😀
    2,bob,2020-01-02,hi,1,alice,東京タワー
    3,carol,2020-01-03,hi,2,bob,plain

    """.write(toFile: csv, atomically: true, encoding: .utf8)
    let db = directory.path("w.db")
    let ingest = try CloutProcess.run(["ingest", "--db", db, csv])
    #expect(ingest.stdout.contains("3 posts, 3 accounts, 2 interactions added"))
    let stats = try CloutProcess.run(["stats", "--db", db])
    // Every row of the accounts table ends its display name column at the same terminal
    // column: the "interactions in" figure starts at the same display width in each row.
    let rows = stats.stdout.components(separatedBy: "\n").filter {
      $0.hasPrefix("alice") || $0.hasPrefix("bob") || $0.hasPrefix("carol")
    }
    #expect(rows.count == 2)
    let ends = rows.map { row -> Int in
      let digits = row.lastIndex { $0.isNumber && $0.isASCII }!
      let beforeLast = row[..<digits].lastIndex { $0 == " " }!
      let lastField = row[..<beforeLast].lastIndex { $0.isNumber && $0.isASCII }!
      return Self.columns(String(row[...lastField]))
    }
    #expect(Set(ends).count == 1, "\(rows)")
    let explain = try CloutProcess.run(["explain", "--db", db, "bob"])
    #expect(explain.stdout.contains("(1 account)"), "\(explain.stdout)")
    #expect(!explain.stdout.contains("1 accounts"))
  }

  /// Terminal columns of `text`, counted independently of the code under test: the two
  /// wide scripts used above take 2 columns per character, the rest 1.
  static func columns(_ text: String) -> Int {
    text.reduce(0) { sum, character in
      let value = character.unicodeScalars.first!.value
      return sum
        + ((0x1F600...0x1F64F).contains(value) || (0x3040...0x9FFF).contains(value) ? 2 : 1)
    }
  }

  /// The README's worked example of the rank columns ("Reading the ranking"), row by row.
  @Test func theReadmesWorkedExampleHolds() throws {
    let directory = try TemporaryDirectory()
    let csv = directory.path("example.csv")
    try """
    id,author,created_at,text,reply_to_id,reply_to_author
    1,alice,2026-10-01T09:00:00Z,launch day,,
    2,bob,2026-10-01T09:05:00Z,congrats,1,alice
    3,carol,2026-10-01T09:10:00Z,agreed,2,bob
    4,dave,2026-10-01T09:20:00Z,when is it out?,1,alice
    5,bob,2026-10-01T10:00:00Z,and another,1,alice

    """.write(toFile: csv, atomically: true, encoding: .utf8)
    let db = directory.path("e.db")
    #expect(
      try CloutProcess.run(["ingest", "--db", db, "--platform", "mastodon", csv]).status == 0)
    let rank = try CloutProcess.run(["rank", "--db", db])
    let lines = rank.stdout.components(separatedBy: "\n")
    #expect(
      lines.contains(
        "   1  alice    mastodon  1.000000  0.4706084565      2       2.000         3        3   3    0"
      ), "\(rank.stdout)")
    #expect(
      lines.contains(
        "   2  bob      mastodon  0.406171  0.2543829495      1       1.000         1        1   1    2"
      ), "\(rank.stdout)")
    // Equal scores share a rank.
    #expect(
      lines.contains(
        "   3  carol    mastodon  0.103498  0.1375042970      0       0.000         0        0   0    1"
      ))
    #expect(
      lines.contains(
        "   3  dave     mastodon  0.103498  0.1375042970      0       0.000         0        0   0    1"
      ))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip")))
  func gzipInputIsReadDirectly() throws {
    let directory = try TemporaryDirectory()
    let fixture = CloutProcess.fixtures.appendingPathComponent("twitter-v1.jsonl").path
    let compressed = directory.path("tweets.jsonl.gz")
    // Two gzip members back to back (`cat a.gz b.gz`), as gunzip reads them: the second
    // copy adds nothing new.
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
    gzip.arguments = [
      "-c", "gzip -c '\(fixture)' > '\(compressed)' && gzip -c '\(fixture)' >> '\(compressed)'",
    ]
    try gzip.run()
    gzip.waitUntilExit()
    #expect(gzip.terminationStatus == 0)
    let plain = try CloutProcess.run(["ingest", "--db", directory.path("plain.db"), fixture])
    let zipped = try CloutProcess.run(["ingest", "--db", directory.path("gz.db"), compressed])
    #expect(zipped.status == 0, "\(zipped.stderr)")
    // Same posts, accounts and interactions as the plain file; the second member's copies are
    // duplicates.
    let counts = { (line: String) in line.components(separatedBy: " added;")[0] }
    let plainCounts = counts(plain.stdout.components(separatedBy: ": ").dropFirst().joined())
    #expect(zipped.stdout.contains(plainCounts), "\(zipped.stdout) vs \(plain.stdout)")
    let rankPlain = try CloutProcess.run(["rank", "--db", directory.path("plain.db"), "--top", "0"])
    let rankZipped = try CloutProcess.run(["rank", "--db", directory.path("gz.db"), "--top", "0"])
    #expect(rankPlain.stdout == rankZipped.stdout)
  }

  /// The header twarc-csv writes (its test-data/small_sample.csv), with two hand-made rows.
  static let twarcHeader =
    "reply_settings,possibly_sensitive,id,context_annotations,source,text,author_id,"
    + "conversation_id,created_at,lang,entities.mentions,entities.annotations,"
    + "public_metrics.retweet_count,public_metrics.reply_count,public_metrics.like_count,"
    + "public_metrics.quote_count,geo.place_id,geo.name,geo.country_code,geo.place_type,"
    + "geo.full_name,geo.id,geo.country,geo.geo.type,geo.geo.bbox,author.location,"
    + "author.created_at,author.name,author.entities.url.urls,author.entities.description.urls,"
    + "author.entities.description.mentions,author.id,author.description,"
    + "author.public_metrics.followers_count,author.public_metrics.following_count,"
    + "author.public_metrics.tweet_count,author.public_metrics.listed_count,author.protected,"
    + "author.verified,author.profile_image_url,author.username,author.url,entities.hashtags,"
    + "author.pinned_tweet_id,type,referenced_tweets,entities.urls"

  @Test func columnsMapRealExportHeaders() throws {
    let directory = try TemporaryDirectory()
    let fields = Self.twarcHeader.split(separator: ",").count
    func twarcRow(id: String, text: String, time: String, user: String) -> String {
      var cells = [String](repeating: "", count: fields)
      let names = Self.twarcHeader.split(separator: ",").map(String.init)
      cells[names.firstIndex(of: "id")!] = id
      cells[names.firstIndex(of: "text")!] = text
      cells[names.firstIndex(of: "created_at")!] = time
      cells[names.firstIndex(of: "author.username")!] = user
      return cells.joined(separator: ",")
    }
    let twarc = directory.path("twarc.csv")
    try [
      Self.twarcHeader,
      twarcRow(
        id: "1", text: "hello @GameStop", time: "2019-09-05T22:10:38.000Z", user: "aXSniperSC"),
      twarcRow(id: "2", text: "@aXSniperSC hi", time: "2019-09-06T13:41:29.000Z", user: "GameStop"),
      "",
    ].joined(separator: "\n").write(toFile: twarc, atomically: true, encoding: .utf8)
    let db = directory.path("c.db")
    let refused = try CloutProcess.run(["ingest", "--db", db, twarc])
    #expect(refused.status == 65)
    let mapped = try CloutProcess.run([
      "ingest", "--db", db, "--platform", "twitter", "--columns", "author=author.username", twarc,
    ])
    #expect(mapped.status == 0, "\(mapped.stderr)")
    #expect(mapped.stdout.contains("2 posts, 2 accounts, 2 interactions added"), "\(mapped.stdout)")
    // A social-listening export: every required column under another name.
    let listening = directory.path("listening.csv")
    try "Url,Author,Date,Full Text\nhttps://e.example/1,ann,2024-05-01,thanks @ben\n"
      .write(toFile: listening, atomically: true, encoding: .utf8)
    let second = try CloutProcess.run([
      "ingest", "--db", db, "--columns", "id=Url,created_at=Date,text=Full Text", listening,
    ])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("1 post, 2 accounts, 1 interaction added"), "\(second.stdout)")
    let bad = try CloutProcess.run(["ingest", "--db", db, "--columns", "writer=Author", listening])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("'writer' is not one of Clout's columns"))
  }
}
