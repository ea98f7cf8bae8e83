import Foundation
import Testing

/// `--topic` and `clout topics` end to end, against the networkx reference of
/// scripts/reference/topic_reference.py on the RumourEval excerpt.
@Suite struct TopicCommandTests {
  static func twitterStore(_ directory: TemporaryDirectory) throws -> String {
    let db = directory.path("clout.db")
    let result = try CloutProcess.run([
      "ingest", "--db", db, "\(CloutProcess.fixtures.path)/twitter-v1.jsonl",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    return db
  }

  struct Reference: Decodable {
    struct Case: Decodable {
      var word: String
      var accounts: [String: Account]
    }
    struct Account: Decodable {
      var pagerank: Double
      var max_reply_depth: Int
      var distinct_repliers: Int
      var replies_received: Int
    }
    var cases: [Case]
  }

  @Test func rankTopicMatchesTheIndependentFilterAndNetworkx() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.twitterStore(directory)
    let url = CloutProcess.fixtures.appendingPathComponent("reference/topic-rumoureval.json")
    let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    #expect(reference.cases.count == 3)
    for topic in reference.cases {
      let result = try CloutProcess.run([
        "rank", "--db", db, "--topic", topic.word, "--half-life", "none", "--weights",
        "reply=1,quote=1,repost=1,mention=1", "--calibration", "none", "--top", "0",
        "--format", "json",
      ])
      #expect(result.status == 0, "\(result.stderr)")
      let rows =
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
      var byUser: [String: [String: Any]] = [:]
      for row in rows { byUser[row["user_id"] as? String ?? ""] = row }
      #expect(Set(byUser.keys) == Set(topic.accounts.keys), "\(topic.word)")
      for (user, expected) in topic.accounts {
        guard let row = byUser[user] else { continue }
        let pagerank = row["pagerank"] as? Double ?? -1
        #expect(abs(pagerank - expected.pagerank) < 1e-9, "\(topic.word) \(user)")
        #expect(row["max_reply_depth"] as? Int == expected.max_reply_depth, "\(topic.word) \(user)")
        #expect(row["distinct_repliers"] as? Int == expected.distinct_repliers)
        #expect(row["replies_received"] as? Int == expected.replies_received)
      }
    }
  }

  /// Once a whole-store rank has written the snapshot, a topic is cut out of it: the same
  /// bytes as the SQL path.
  @Test func rankTopicFromTheSnapshotEqualsTheSQLPath() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.twitterStore(directory)
    let arguments = [
      "rank", "--db", db, "--topic", "#hillaryshealth OR conspiracy", "--top", "0", "--format",
      "csv",
    ]
    let sql = try CloutProcess.run(arguments, environment: ["CLOUT_SNAPSHOT_MIN_ROWS": "off"])
    let whole = try CloutProcess.run(
      ["rank", "--db", db, "--top", "1"], environment: ["CLOUT_SNAPSHOT_MIN_ROWS": "0"])
    #expect(whole.status == 0, "\(whole.stderr)")
    #expect(FileManager.default.fileExists(atPath: db + "-snapshot"))
    let cut = try CloutProcess.run(arguments, environment: ["CLOUT_SNAPSHOT_MIN_ROWS": "0"])
    #expect(sql.status == 0 && cut.status == 0, "\(sql.stderr) \(cut.stderr)")
    #expect(cut.stdout == sql.stdout)
    #expect(sql.stdout.components(separatedBy: "\r\n").count > 100)
  }

  @Test func invalidSyntaxIsAUsageErrorShowingTheQuery() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.twitterStore(directory)
    for command in ["rank", "shortlist", "communities", "export", "calibrate"] {
      let result = try CloutProcess.run([command, "--db", db, "--topic", "hillary AND"])
      #expect(result.status == 64, "\(command): \(result.stderr)")
      #expect(result.stderr.contains("--topic 'hillary AND'"))
      #expect(result.stderr.contains("\"a phrase\", OR, NOT"))
    }
  }

  @Test func aTopicMatchingNothingSaysSo() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.twitterStore(directory)
    for arguments in [
      ["rank"], ["explain", "flightradar24"], ["map", "--format", "dot", "--out", "-"],
      ["evaluate", "--split-at", "2016"],
    ] {
      let result = try CloutProcess.run(arguments + ["--db", db, "--topic", "zeppelin"])
      #expect(result.status == 65, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains("matches the topic 'zeppelin'"))
    }
  }

  @Test func everyRankingCommandTakesATopic() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.twitterStore(directory)
    let whole = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    let topic = try CloutProcess.run([
      "rank", "--db", db, "--topic", "autopilot", "--top", "0", "--format", "csv",
    ])
    #expect(topic.status == 0, "\(topic.stderr)")
    #expect(topic.stdout.components(separatedBy: "\r\n").count == 1 + 11 + 1)
    #expect(topic.stdout != whole.stdout)
    for arguments in [
      ["explain", "flightradar24"], ["shortlist", "--out", "-"], ["communities"],
      ["export", "--out", directory.path("topic.graphml")],
      ["map", "--format", "dot", "--out", "-"],
    ] {
      let result = try CloutProcess.run(arguments + ["--db", db, "--topic", "autopilot"])
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }
  }

  @Test func topicsListsTheCommonestHashtagsWithoutStopWords() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.twitterStore(directory)
    let result = try CloutProcess.run(["topics", "--db", db, "--top", "3", "--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.components(separatedBy: "\r\n")
    #expect(lines[0] == "term,kind,posts,authors,conversations")
    // Counted from the fixture with scripts/reference/topic_reference.py's tokenizer.
    #expect(lines[1] == "#hillaryshealth,hashtag,11,9,6")
    #expect(!result.stdout.contains("\nthe,"))
    let compared = try CloutProcess.run([
      "topics", "--db", db, "--since", "2016", "--compare", "2015-01-01..2015-12-31",
      "--format", "csv",
    ])
    #expect(compared.status == 0, "\(compared.stderr)")
    #expect(
      compared.stdout.hasPrefix("term,kind,posts,authors,conversations,previous_posts,change,trend")
    )
  }
}
