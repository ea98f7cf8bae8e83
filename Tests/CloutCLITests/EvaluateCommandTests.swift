import Foundation
import Testing

@Suite struct EvaluateCommandTests {
  /// Before 2026-01-06: starter's thread goes three deep (a, b, c); mentioned is tagged by
  /// d, e, f and g. After: starter is replied to by x and reposted by b, mentioned only
  /// mentioned again, and newbie (a newcomer) replied to by x.
  static let timeline = """
    id,author,created_at,reply_to_id,reply_to_author,repost_of_id,repost_of_author,quote_of_id,quote_of_author,mentions,platform
    1,starter,2026-01-01T10:00:00Z,,,,,,,,mastodon
    2,a,2026-01-01T11:00:00Z,1,starter,,,,,,mastodon
    3,b,2026-01-01T12:00:00Z,2,a,,,,,,mastodon
    4,c,2026-01-01T13:00:00Z,3,b,,,,,,mastodon
    5,d,2026-01-02T10:00:00Z,,,,,,,mentioned,mastodon
    6,e,2026-01-02T11:00:00Z,,,,,,,mentioned,mastodon
    7,f,2026-01-02T12:00:00Z,,,,,,,mentioned,mastodon
    8,g,2026-01-02T13:00:00Z,,,,,,,mentioned,mastodon
    10,starter,2026-01-10T10:00:00Z,,,,,,,,mastodon
    11,x,2026-01-10T11:00:00Z,10,starter,,,,,,mastodon
    12,b,2026-01-10T12:00:00Z,,,10,starter,,,,mastodon
    13,d,2026-01-10T13:00:00Z,,,,,,,mentioned,mastodon
    20,newbie,2026-01-11T10:00:00Z,,,,,,,,mastodon
    21,x,2026-01-11T11:00:00Z,20,newbie,,,,,,mastodon

    """

  static func store(_ directory: TemporaryDirectory) throws -> String {
    let csv = directory.path("timeline.csv")
    try Data(timeline.utf8).write(to: URL(fileURLWithPath: csv))
    let db = directory.path("clout.db")
    let result = try CloutProcess.run(["ingest", "--db", db, csv])
    #expect(result.status == 0, "\(result.stderr)")
    return db
  }

  @Test func tableComparesBaselinesAndIsDeterministic() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let arguments = ["evaluate", "--db", db, "--split-at", "2026-01-06", "--k", "1,2"]
    let first = try CloutProcess.run(arguments)
    let second = try CloutProcess.run(arguments)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout == second.stdout)
    #expect(first.stdout.contains("2 accounts replied to, reposted or quoted, 1 of them newcomers"))
    // Spearman's usual negative values on timelines with many newcomers are explained.
    #expect(first.stdout.contains("newcomers (1 here) share its lowest rank"))
    let lines = first.stdout.components(separatedBy: "\n")
    let header = try #require(lines.first { $0.hasPrefix("method") })
    #expect(
      header.split(separator: " ", omittingEmptySubsequences: true)
        == ["method", "ndcg@1", "ndcg@2", "precision@1", "precision@2", "spearman"])
    let methods = lines.compactMap { $0.split(separator: " ").first.map(String.init) }
    for name in [
      "clout", "in-degree", "distinct-engagers", "distinct-mentioners", "pagerank",
      "pagerank-no-depth", "reply-depth",
    ] {
      #expect(methods.contains(name))
    }
    // starter first: ndcg@1 = 1, the best value in the column.
    let clout = try #require(lines.first { $0.hasPrefix("clout ") })
    #expect(clout.split(separator: " ")[1] == "1.0000*")
    let inDegree = try #require(lines.first { $0.hasPrefix("in-degree ") })
    #expect(inDegree.split(separator: " ")[1] == "0.0000")
  }

  @Test func jsonAndSweep() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let result = try CloutProcess.run([
      "evaluate", "--db", db, "--split-at", "2026-01-06", "--horizon", "7d", "--k", "1",
      "--format", "json", "--sweep",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["newcomers"] as? Int == 1)
    let methods = try #require(object["methods"] as? [[String: Any]])
    #expect(methods.first?["method"] as? String == "clout")
    #expect(methods.first?["ndcg@1"] as? Double == 1)
    #expect((methods.first?["best"] as? [String])?.contains("ndcg@1") == true)
    let sweep = try #require(object["sweep"] as? [String: Any])
    #expect(sweep["tuned_on"] as? String == "the evaluation window (optimistic)")
    #expect((sweep["settings"] as? [Any])?.count == 3 * 4 * 4)
  }

  /// An edges-only store has no reply trees: the sweep tries depth weight 0 only, and says why.
  @Test func sweepOnEdgesOnlyTriesOneDepthWeight() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("edges.db")
    try CloutProcess.run(["ingest", "--db", db, "\(CloutProcess.fixtures.path)/edges.csv"])
    let result = try CloutProcess.run([
      "evaluate", "--db", db, "--split-at", "2021-09-22T16:34:16", "--sweep",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("sweep: 12 settings"))
    #expect(result.stdout.contains("only depth weight 0: no reply trees before the split"))
  }

  /// `--until` was listed by `evaluate --help` and then refused; it now ends the window
  /// measured after the split (the newcomer engaged on 2026-01-11 falls outside it).
  @Test func untilEndsTheFutureWindow() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    func newcomers(_ extra: [String]) throws -> Int? {
      let result = try CloutProcess.run(
        ["evaluate", "--db", db, "--split-at", "2026-01-06", "--k", "1", "--format", "json"]
          + extra)
      #expect(result.status == 0, "\(result.stderr)")
      let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
      return (object as? [String: Any])?["newcomers"] as? Int
    }
    #expect(try newcomers([]) == 1)
    #expect(try newcomers(["--until", "2026-01-10"]) == 0)
    let withoutNewcomers = try CloutProcess.run(
      ["evaluate", "--db", db, "--split-at", "2026-01-06", "--k", "1", "--until", "2026-01-10"])
    #expect(withoutNewcomers.status == 0, "\(withoutNewcomers.stderr)")
    #expect(!withoutNewcomers.stdout.contains("share its lowest rank"))
    let early = try CloutProcess.run(
      ["evaluate", "--db", db, "--split-at", "2026-01-06", "--until", "2026-01-05"])
    #expect(early.status == 64)
    #expect(early.stderr.contains("--until"))
  }

  @Test func clearErrors() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let early = try CloutProcess.run(["evaluate", "--db", db, "--split-at", "2025-01-01"])
    #expect(early.status == 65)
    #expect(early.stderr.contains("before --split-at"))
    let late = try CloutProcess.run(["evaluate", "--db", db, "--split-at", "2027-01-01"])
    #expect(late.status == 65)
    #expect(late.stderr.contains("no replies, reposts or quotes after"))
    let k = try CloutProcess.run(["evaluate", "--db", db, "--split-at", "2026-01-06", "--k", "0"])
    #expect(k.status == 64)
    let horizon = try CloutProcess.run([
      "evaluate", "--db", db, "--split-at", "2026-01-06", "--horizon", "soon",
    ])
    #expect(horizon.status == 64)
    #expect(horizon.stderr.contains("--horizon"))
  }

  @Test func compareAddsTrendColumnsToRankAndShortlist() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.store(directory)
    let window = ["--since", "2026-01-06", "--compare", "2026-01-01..2026-01-05"]
    let csv = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"] + window)
    #expect(csv.status == 0, "\(csv.stderr)")
    let lines = csv.stdout.components(separatedBy: "\r\n")
    #expect(
      lines[0]
        == "rank,account,platform,score,pagerank,max_reply_depth,mean_reply_depth,"
        + "distinct_repliers,replies_received,interactions_in,interactions_out,display_name,"
        + "previous_rank,rank_change,score_change,trend,user_id,followers,flags")
    let newbie = try #require(lines.first { $0.contains(",newbie,") })
    // The edges-csv fixture has no user ids or follower counts and nothing is flagged: the
    // last three cells are empty.
    #expect(newbie.hasSuffix(",,,,new,,,"))
    let starter = try #require(lines.first { $0.contains(",starter,") })
    #expect(!starter.hasSuffix(",new,,,"))
    let again = try CloutProcess.run(
      ["rank", "--db", db, "--top", "0", "--format", "csv"] + window)
    #expect(again.stdout == csv.stdout)
    let json = try CloutProcess.run(["rank", "--db", db, "--format", "json"] + window)
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(
      rows.contains { $0["account"] as? String == "newbie" && $0["trend"] as? String == "new" })
    let table = try CloutProcess.run(["rank", "--db", db] + window)
    let tableHeader = table.stdout.components(separatedBy: "\n")[0]
    #expect(tableHeader.contains(" trend ") && tableHeader.hasSuffix("flags"))
    let shortlist = try CloutProcess.run(["shortlist", "--db", db, "--out", "-"] + window)
    #expect(shortlist.status == 0, "\(shortlist.stderr)")
    let header = shortlist.stdout.components(separatedBy: "\r\n")[0]
    #expect(header.hasSuffix(",handles,trend,user_id,followers,flags"))
    let plain = try CloutProcess.run(["rank", "--db", db, "--format", "csv"])
    #expect(!plain.stdout.contains("trend"))
    let bad = try CloutProcess.run(["rank", "--db", db, "--compare", "2026-01-01"])
    #expect(bad.status == 64)
  }
}
