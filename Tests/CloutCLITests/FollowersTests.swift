import Foundation
import GRDB
import Testing

@testable import CloutStore

/// Issue 14, point 13: the `followers` column. The expected counts are read off the test data
/// by hand (the rule: the count of the account's newest post; same second, the larger post id
/// as a number; copies of one post, the larger count), never computed by the code under test.
@Suite struct FollowersTests {
  /// A Twitter v1.1 tweet; `followers` nil leaves `followers_count` out of the user object.
  static func tweet(
    _ id: String, at time: String, by user: (id: String, handle: String), followers: Int?,
    text: String = "hello", extra: String = ""
  ) -> String {
    let count = followers.map { ",\"followers_count\":\($0)" } ?? ""
    return "{\"id_str\":\"\(id)\",\"created_at\":\"\(time)\",\"text\":\"\(text)\","
      + "\"user\":{\"id_str\":\"\(user.id)\",\"screen_name\":\"\(user.handle)\"\(count)}"
      + extra + "}"
  }

  static let alice = (id: "1", handle: "alice")
  static let bob = (id: "2", handle: "bob")
  static let carol = (id: "3", handle: "carol")
  static let dave = (id: "4", handle: "dave")
  static let erin = (id: "5", handle: "erin")

  static func mention(_ user: (id: String, handle: String)) -> String {
    ",\"entities\":{\"user_mentions\":[{\"id_str\":\"\(user.id)\",\"screen_name\":"
      + "\"\(user.handle)\"}]}"
  }

  /// October 10: alice has 100 followers; bob (50) replies; carol (7) retweets alice's tweet,
  /// whose embedded copy says 90 (same post, same time: the larger count, 100, stays); dave
  /// (11) mentions alice in post 990 at 20:22:00.
  static func older(counts: Bool = true) -> String {
    func c(_ value: Int) -> Int? { counts ? value : nil }
    let original = tweet("101", at: "Wed Oct 10 20:19:24 +0000 2018", by: alice, followers: c(90))
    return [
      tweet("101", at: "Wed Oct 10 20:19:24 +0000 2018", by: alice, followers: c(100)),
      tweet(
        "102", at: "Wed Oct 10 20:20:00 +0000 2018", by: bob, followers: c(50),
        text: "@alice hi",
        extra: ",\"in_reply_to_status_id_str\":\"101\",\"in_reply_to_user_id_str\":\"1\","
          + "\"in_reply_to_screen_name\":\"alice\""),
      tweet(
        "103", at: "Wed Oct 10 20:21:00 +0000 2018", by: carol, followers: c(7),
        text: "RT @alice: hello", extra: ",\"retweeted_status\":" + original),
      tweet(
        "990", at: "Wed Oct 10 20:22:00 +0000 2018", by: dave, followers: c(11),
        text: "@alice yes", extra: mention(alice)),
    ].joined(separator: "\n") + "\n"
  }

  /// October 12: alice (120) mentions bob; erin (no count) replies to her. And dave's post
  /// 1000, in the same second as his post 990 with 22 followers: 1000 > 990 as numbers (as
  /// strings "990" would win), so dave has 22.
  static func newer(counts: Bool = true) -> String {
    func c(_ value: Int) -> Int? { counts ? value : nil }
    return [
      tweet(
        "201", at: "Fri Oct 12 09:00:00 +0000 2018", by: alice, followers: c(120),
        text: "@bob thanks", extra: mention(bob)),
      tweet(
        "202", at: "Fri Oct 12 10:00:00 +0000 2018", by: erin, followers: nil, text: "@alice !",
        extra: ",\"in_reply_to_status_id_str\":\"201\",\"in_reply_to_user_id_str\":\"1\","
          + "\"in_reply_to_screen_name\":\"alice\""),
      tweet(
        "1000", at: "Wed Oct 10 20:22:00 +0000 2018", by: dave, followers: c(22),
        text: "@alice again", extra: mention(alice)),
    ].joined(separator: "\n") + "\n"
  }

  static let expected = ["alice": "120", "bob": "50", "carol": "7", "dave": "22", "erin": ""]

  /// `rank --format csv` rows by account: column name → value.
  static func rankRows(_ db: String) throws -> (header: [String], rows: [String: [String: String]])
  {
    let rank = try CloutProcess.run(["rank", "--db", db, "--format", "csv", "--top", "0"])
    #expect(rank.status == 0, "\(rank.stderr)")
    let lines = rank.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    let header = lines[0].components(separatedBy: ",")
    var rows: [String: [String: String]] = [:]
    for line in lines.dropFirst() {
      // No cell of this data holds a comma or a quote.
      let cells = line.components(separatedBy: ",")
      let row = Dictionary(uniqueKeysWithValues: zip(header, cells))
      rows[row["account"]!] = row
    }
    return (header, rows)
  }

  static func write(_ text: String, _ path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  @Test func twitterV1CountsAreTheLatestWhateverTheIngestOrder() throws {
    let directory = try TemporaryDirectory()
    let a = directory.path("older.jsonl")
    let b = directory.path("newer.jsonl")
    try Self.write(Self.older(), a)
    try Self.write(Self.newer(), b)
    let forward = directory.path("forward.db")
    let backward = directory.path("backward.db")
    #expect(try CloutProcess.run(["ingest", "--db", forward, a, b]).status == 0)
    #expect(try CloutProcess.run(["ingest", "--db", backward, b]).status == 0)
    #expect(try CloutProcess.run(["ingest", "--db", backward, a]).status == 0)
    // Re-ingesting the older file into the finished store changes nothing.
    #expect(try CloutProcess.run(["ingest", "--db", forward, a]).status == 0)

    let (header, rows) = try Self.rankRows(forward)
    #expect(Array(header.suffix(4)) == ["display_name", "user_id", "followers", "flags"])
    for (account, count) in Self.expected {
      #expect(rows[account]?["followers"] == count, "\(account): \(rows[account] ?? [:])")
    }
    let one = try CloutProcess.run(["rank", "--db", forward, "--format", "csv", "--top", "0"])
    let other = try CloutProcess.run(["rank", "--db", backward, "--format", "csv", "--top", "0"])
    #expect(one.stdout == other.stdout)
  }

  /// Context, never in the score: the same tweets without any count rank identically, cell for
  /// cell, except that the followers column is empty.
  @Test func countsChangeNoScore() throws {
    let directory = try TemporaryDirectory()
    let with = directory.path("with.db")
    let without = directory.path("without.db")
    try Self.write(Self.older() + Self.newer(), directory.path("a.jsonl"))
    try Self.write(Self.older(counts: false) + Self.newer(counts: false), directory.path("b.jsonl"))
    #expect(try CloutProcess.run(["ingest", "--db", with, directory.path("a.jsonl")]).status == 0)
    #expect(
      try CloutProcess.run(["ingest", "--db", without, directory.path("b.jsonl")]).status == 0)
    let counted = try Self.rankRows(with).rows
    let plain = try Self.rankRows(without).rows
    #expect(counted.keys.sorted() == plain.keys.sorted())
    for (account, row) in counted {
      var stripped = row
      stripped["followers"] = ""
      #expect(stripped == plain[account], "\(account)")
    }
    #expect(counted["alice"]?["followers"] == "120")
  }

  @Test func tableJSONExplainAndShortlistShowTheCount() throws {
    let directory = try TemporaryDirectory()
    let file = directory.path("t.jsonl")
    try Self.write(Self.older() + Self.newer(), file)
    let db = directory.path("t.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, file]).status == 0)

    let table = try CloutProcess.run(["rank", "--db", db, "--top", "0"])
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.components(separatedBy: "\n")
    #expect(lines[0].hasSuffix("followers  flags"), "\(lines[0])")
    let alice = lines.first { $0.contains(" alice ") } ?? ""
    #expect(alice.contains(" 120"), "\(alice)")

    let json = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "json"])
    let objects =
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
    let byAccount = Dictionary(
      uniqueKeysWithValues: objects.map { ($0["account"] as? String ?? "?", $0) })
    #expect(byAccount["alice"]?["followers"] as? Int == 120)
    #expect(byAccount["dave"]?["followers"] as? Int == 22)
    #expect(byAccount["erin"]?["followers"] is NSNull)

    let explain = try CloutProcess.run(["explain", "--db", db, "alice"])
    #expect(explain.status == 0, "\(explain.stderr)")
    #expect(
      explain.stdout.contains(
        "Followers: 120 (its newest post with a count at 2018-10-12T09:00:00Z;"),
      "\(explain.stdout)")
    // The engagers' table has the column too: bob replied to alice and has 50.
    let engagers = explain.stdout.components(separatedBy: "\n")
    #expect(engagers.contains { $0.hasPrefix("account") && $0.hasSuffix("followers") })
    #expect(engagers.contains { $0.hasPrefix("bob ") && $0.hasSuffix(" 50") })
    let erin = try CloutProcess.run(["explain", "--db", db, "erin"])
    #expect(erin.stdout.contains("Followers: no follower count in the data"))

    let list = try CloutProcess.run(["shortlist", "--db", db, "--out", "-", "--top", "0"])
    #expect(list.status == 0, "\(list.stderr)")
    let csv = list.stdout.components(separatedBy: "\r\n")
    #expect(csv[0].hasSuffix(",handles,user_id,followers,flags"), "\(csv[0])")
    let aliceRow = csv.first { $0.hasPrefix("1,alice,") || $0.contains(",alice,twitter,") } ?? ""
    #expect(aliceRow.hasSuffix(",twitter:alice,1,120,"), "\(aliceRow)")
  }

  /// Twitter v2 in both twarc layouts: an API page (`includes.users[].public_metrics`) and a
  /// flat tweet (`author.public_metrics`). bob2 is only mentioned: no post of his carries a
  /// count, so he has none although the page lists his metrics.
  @Test func twitterV2PagesAndFlatTweets() throws {
    let directory = try TemporaryDirectory()
    let file = directory.path("v2.jsonl")
    try Self.write(
      """
      {"data":[{"id":"301","author_id":"11","created_at":"2021-04-08T19:34:16.000Z",\
      "text":"@bob2 hi","entities":{"mentions":[{"username":"bob2","id":"12"}]}}],\
      "includes":{"users":[{"id":"11","username":"amy","name":"Amy",\
      "public_metrics":{"followers_count":1234,"following_count":5}},\
      {"id":"12","username":"bob2","public_metrics":{"followers_count":99}}]}}
      {"id":"302","author_id":"13","author":{"id":"13","username":"cat",\
      "public_metrics":{"followers_count":77}},"created_at":"2021-04-08T20:00:00.000Z",\
      "text":"@amy yo","entities":{"mentions":[{"username":"amy","id":"11"}]}}

      """, file)
    let db = directory.path("v2.db")
    let ingest = try CloutProcess.run(["ingest", "--db", db, "--format", "twitter-v2", file])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let rows = try Self.rankRows(db).rows
    #expect(rows["amy"]?["followers"] == "1234")
    #expect(rows["cat"]?["followers"] == "77")
    #expect(rows["bob2"]?["followers"] == "")
    let explain = try CloutProcess.run(["explain", "--db", db, "amy"])
    #expect(explain.stdout.contains("Followers: 1,234 "), "\(explain.stdout)")
    let list = try CloutProcess.run(["shortlist", "--db", db, "--out", "-"])
    #expect(list.stdout.contains(",twitter:amy,11,1234,"), "\(list.stdout)")
  }

  /// posts-csv's optional `followers` column follows the same rule; a value that is not a
  /// whole number is a bad record naming the field.
  @Test func postsCSVFollowersColumn() throws {
    let directory = try TemporaryDirectory()
    let good = directory.path("p.csv")
    try Self.write(
      """
      id,author,created_at,text,followers
      1,alice,2020-01-01T00:00:00Z,hello,5
      2,bob,2020-01-02T00:00:00Z,@alice hi,
      3,alice,2020-01-03T00:00:00Z,@bob ok,9
      4,alice,2020-01-02T12:00:00Z,@bob late,7

      """, good)
    let db = directory.path("p.db")
    #expect(
      try CloutProcess.run(["ingest", "--db", db, "--platform", "mastodon", good]).status == 0)
    let rows = try Self.rankRows(db).rows
    #expect(rows["alice"]?["followers"] == "9")
    #expect(rows["bob"]?["followers"] == "")

    let bad = directory.path("bad.csv")
    try Self.write("id,author,created_at,followers\n1,alice,2020-01-01,1.5k\n", bad)
    let refused = try CloutProcess.run(["ingest", "--db", directory.path("b.db"), bad])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("bad.csv:2"), "\(refused.stderr)")
    #expect(refused.stderr.contains("followers"), "\(refused.stderr)")
  }

  /// The snapshot beside the store carries the counts, and an ingest that only moves counts
  /// (copies of stored posts, no new row) makes it stale like any other ingest.
  @Test func theSnapshotCarriesCountsAndACountOnlyIngestRenewsIt() throws {
    let directory = try TemporaryDirectory()
    let file = directory.path("older.jsonl")
    try Self.write(Self.older(), file)
    let db = directory.path("s.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, file]).status == 0)
    let snapshot = ["CLOUT_SNAPSHOT_MIN_ROWS": "1"]
    let scan = ["CLOUT_SNAPSHOT_MIN_ROWS": "off"]
    func rank(_ environment: [String: String]) throws -> String {
      try CloutProcess.run(
        ["rank", "--db", db, "--top", "0", "--format", "csv"], environment: environment
      ).stdout
    }
    let written = try rank(snapshot)
    #expect(FileManager.default.fileExists(atPath: db + "-snapshot"))
    #expect(written == (try rank(snapshot)))
    #expect(written == (try rank(scan)))
    #expect(written.contains(",bob,twitter,") && written.contains(",2,50,"))

    // The same reply by bob, copied later with 64 followers: same post, the larger count.
    let copy = directory.path("copy.jsonl")
    try Self.write(
      Self.tweet(
        "102", at: "Wed Oct 10 20:20:00 +0000 2018", by: Self.bob, followers: 64,
        text: "@alice hi",
        extra: ",\"in_reply_to_status_id_str\":\"101\",\"in_reply_to_user_id_str\":\"1\","
          + "\"in_reply_to_screen_name\":\"alice\"") + "\n", copy)
    #expect(try CloutProcess.run(["ingest", "--db", db, copy]).status == 0)
    let renewed = try rank(snapshot)
    #expect(renewed.contains(",2,64,"), "\(renewed)")
    #expect(renewed == (try rank(scan)))
  }

  /// A store written before the column (schema 4) migrates on first open: no counts yet;
  /// ingesting its tweets again (all copies of stored posts) fills them.
  @Test func aVersionFourStoreMigratesAndReingestFillsCounts() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("v4.db")
    let queue = try DatabaseQueue(path: path)
    try StoreSchema.migrator.migrate(queue, upTo: "v4-post-text-search")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO platforms(id, name) VALUES (1, 'twitter');
          INSERT INTO accounts(id, platform, user_id, handle, first_seen, last_seen, names_at)
            VALUES (1, 1, '1', 'alice', 1539202764, 1539202764, 1539202764),
                   (2, 1, '2', 'bob', 1539202800, 1539202800, 1539202800);
          INSERT INTO posts(id, platform, post_key, author_id, created_at, text, reply_to_key,
              reply_to_author_id, reply_to_post)
            VALUES (1, 1, '101', 1, 1539202764, 'hello', NULL, NULL, NULL),
                   (2, 1, '102', 2, 1539202800, '@alice hi', '101', 1, 1);
          INSERT INTO interactions(platform, actor_id, target_id, type, created_at, post_id)
            VALUES (1, 2, 1, 1, 1539202800, 2);
          INSERT INTO ingest_runs(file, format, started_at, finished_at, status)
            VALUES ('old.jsonl', 'twitter-v1', 1, 2, 'ok');
          """)
    }
    #expect(try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == 4)
    try queue.close()

    let before = try CloutProcess.run(["rank", "--db", path, "--format", "csv"])
    #expect(before.status == 0, "\(before.stderr)")
    #expect(
      before.stderr.contains("migrating the store from schema 4 to \(StoreSchema.version)"),
      "\(before.stderr)")
    let migrated = try Self.rankRows(path).rows
    #expect(migrated["alice"]?["followers"] == "")
    #expect(migrated["alice"]?["interactions_in"] == "1")
    let reopened = try DatabaseQueue(path: path)
    #expect(
      try reopened.read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        == StoreSchema.version)
    try reopened.close()

    let file = directory.path("again.jsonl")
    try Self.write(
      Self.older().components(separatedBy: "\n").prefix(2).joined(separator: "\n") + "\n", file)
    let ingest = try CloutProcess.run(["ingest", "--db", path, file])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let filled = try Self.rankRows(path).rows
    #expect(filled["alice"]?["followers"] == "100")
    #expect(filled["bob"]?["followers"] == "50")
    #expect(filled["alice"]?["score"] == migrated["alice"]?["score"])
  }
}
