import Foundation
import Testing

/// A store with an organic crowd around "hub" and a bought ring of 50 fresh accounts around
/// "client", end to end through `rank`, `shortlist`, `explain` and `export`.
@Suite struct CoordinationCommandTests {
  static let ringSize = 50

  static func ringStore(_ directory: TemporaryDirectory) throws -> String {
    var csv = "id,author,created_at,reply_to_id,reply_to_author,repost_of_id,repost_of_author\n"
    let day = 86_400
    let start = 1_767_225_600  // 2026-01-01
    csv += "hub-0,hub,\(start),,,,\n"
    csv += "client-0,client,\(start + day),,,,\n"
    // 40 organic accounts, first seen over 40 days, replying to hub, client and each other.
    for user in 0..<40 {
      let seen = start + user * day
      csv += "u\(user)-0,user\(user),\(seen),hub-0,hub,,\n"
      csv +=
        "u\(user)-1,user\(user),\(seen + 3_600),u\((user + 1) % 40)-0,user\((user + 1) % 40),,\n"
      if user % 8 == 0 { csv += "u\(user)-2,user\(user),\(seen + 7_200),client-0,client,,\n" }
    }
    // The ring: created within six hours on day 50, three replies each to client's post,
    // three reposts of other members, one mention-free repost of hub as camouflage.
    let ringStart = start + 50 * day
    for member in 0..<ringSize {
      let at = ringStart + member * 400
      csv += "r\(member)-0,ring\(member),\(at),,,,\n"
      for reply in 1...3 {
        csv += "r\(member)-\(reply),ring\(member),\(at + reply),client-0,client,,\n"
      }
      for step in 1...3 {
        let other = (member + step * 7) % ringSize
        csv += "r\(member)-s\(step),ring\(member),\(at + 10 + step),,,r\(other)-0,ring\(other)\n"
      }
      csv += "r\(member)-c,ring\(member),\(at + 20),,,hub-0,hub\n"
    }
    let input = directory.path("ring.csv")
    try Data(csv.utf8).write(to: URL(fileURLWithPath: input))
    let db = directory.path("clout.db")
    let ingest = try CloutProcess.run(["ingest", "--db", db, "--platform", "synthetic", input])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    return db
  }

  @Test func rankFlagsTheClientAndTheRing() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.ringStore(directory)
    let rank = try CloutProcess.run(["rank", "--db", db, "--top", "0", "--format", "csv"])
    #expect(rank.status == 0, "\(rank.stderr)")
    let file = directory.path("rank.csv")
    try Data(rank.stdout.utf8).write(to: URL(fileURLWithPath: file))
    let rows = try ShortlistCommandTests.parseWithPython(file)
    #expect(rows[0].last == "flags")
    let flags = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[1], $0.last!) })
    #expect(
      flags["client"]?.hasPrefix("coordinated: 50 engagers, 91% in one group created within")
        == true, "\(flags["client"] ?? "")")
    #expect(flags["ring7"] == "coordinated: member of a 50-account group engaging client")
    #expect(flags["hub"] == "")
    #expect(flags["user3"] == "")
    let flagged = flags.values.filter { !$0.isEmpty }.count
    #expect(flagged == Self.ringSize + 1)
    // Without the check the ring lifts client above hub, whose 40 organic engagers make it
    // first with the check.
    let plain = try CloutProcess.run([
      "rank", "--db", db, "--top", "1", "--format", "csv", "--no-coordination-check",
    ])
    #expect(plain.stdout.components(separatedBy: "\r\n")[1].hasPrefix("1,client,"))
    #expect(rows[1][1] == "hub")
    let table = try CloutProcess.run(["rank", "--db", db, "--top", "3"])
    #expect(table.stdout.components(separatedBy: "\n")[0].hasSuffix("flags"))
  }

  @Test func shortlistLeavesFlaggedAccountsOutUnlessAsked() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.ringStore(directory)
    let plain = try CloutProcess.run(["shortlist", "--db", db, "--top", "0", "--out", "-"])
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stderr.contains("left out 51 accounts flagged for coordinated engagement"))
    #expect(!plain.stdout.contains("client") && !plain.stdout.contains("ring1"))
    #expect(plain.stdout.components(separatedBy: "\r\n")[0].hasSuffix(",user_id,followers,flags"))
    let kept = try CloutProcess.run([
      "shortlist", "--db", db, "--top", "0", "--out", "-", "--include-flagged",
    ])
    let clientRow = kept.stdout.components(separatedBy: "\r\n").first { $0.contains(",client,") }
    #expect(clientRow?.contains(",\"coordinated: 50 engagers, 91% in one group") == true)
  }

  /// The parts before the discount plus the discount line add up to the score printed.
  @Test func explainShowsTheDiscountAndTheEvidence() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.ringStore(directory)
    let explain = try CloutProcess.run(["explain", "client", "--db", db])
    #expect(explain.status == 0, "\(explain.stderr)")
    let lines = explain.stdout.components(separatedBy: "\n")
    let scoreLine = lines.first { $0.contains(", score ") }!
    let score = Double(scoreLine.components(separatedBy: ", score ").last!)!
    var total = 0.0
    for line in lines where line.hasPrefix("  = ") || line.hasPrefix("  + ") {
      if line.contains("discounted: ") {
        #expect(line.hasPrefix("  + discounted: 50 engagers in a coordinated group, −"))
        total -= Double(line.components(separatedBy: "−").last!)!
      } else {
        let fields = line.split(separator: " ")
        let value = fields.first { Double($0) != nil && $0.contains(".") }!
        total += Double(value)!
      }
    }
    #expect(abs(total - score) < 5e-6, "parts \(total), score \(score)")
    #expect(explain.stdout.contains("Coordinated engagement: a group engages this account"))
    #expect(explain.stdout.contains("  group: 50 accounts, 91% of the 55 accounts engaging client"))
    #expect(explain.stdout.contains("  density: 150 edges between members"))
    #expect(explain.stdout.contains("  accounts: ring0, ring1, ring10,"))
  }

  @Test func exportCarriesTheFlags() throws {
    let directory = try TemporaryDirectory()
    let db = try Self.ringStore(directory)
    let tables = directory.path("tables") + "/"
    let export = try CloutProcess.run(["export", "--db", db, "--out", tables])
    #expect(export.status == 0, "\(export.stderr)")
    let nodes = try ShortlistCommandTests.parseWithPython(tables + "nodes.csv")
    let flagColumn = nodes[0].firstIndex(of: "flags")!
    let client = nodes.first { $0[3] == "client" }!
    #expect(client[flagColumn].hasPrefix("coordinated: 50 engagers"))
  }
}
