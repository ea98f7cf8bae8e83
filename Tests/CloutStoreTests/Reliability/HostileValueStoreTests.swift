import CloutCore
import Foundation
import Testing

@testable import CloutStore

/// Hostile values, store side: what the readers accept is stored exactly (checked
/// byte for byte through `hex()`), and what the store cannot take is refused with its line.
/// The reader side (invalid UTF-8, nesting, type swaps, malformed times, file:line messages)
/// is in CloutIngestTests/Reliability/HostileValueTests.
@Suite struct HostileValueStoreTests {
  func hex(_ text: String) -> String {
    text.utf8.map { String(format: "%02X", $0) }.joined()
  }

  @Test func nulBytesEmojiRightToLeftAndSpacesAreStoredExactly() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let text = "a\u{0}b 👩‍👩‍👧 \u{202E}olleh\u{202C} שלום مرحبا"
    let author = account("bad handle \u{0} 🙂 עברית", id: "id\u{0}1", name: "Ñame \u{0}🙂")
    let target = account("t\u{0}arget 🙂")
    try store.ingest([
      post("post\u{0}1", by: author, at: 1, text: text, mentions: [target])
    ])
    #expect(
      try store.strings("SELECT hex(text) FROM posts") == [hex(text)])
    #expect(try store.strings("SELECT hex(post_key) FROM posts") == [hex("post\u{0}1")])
    #expect(
      try store.strings("SELECT hex(handle) FROM accounts ORDER BY id") == [
        hex("bad handle \u{0} 🙂 עברית"), hex("t\u{0}arget 🙂"),
      ])
    #expect(
      try store.strings(
        "SELECT hex(user_id) || '/' || hex(display_name) FROM accounts WHERE id = 1")
        == ["\(hex("id\u{0}1"))/\(hex("Ñame \u{0}🙂"))"])
    // A second ingest finds the same accounts and post (keys read back with their NUL bytes).
    let again = try store.ingest([
      post("post\u{0}1", by: author, at: 1, text: text, mentions: [target]),
      post("2", by: target, at: 2, replyTo: reference("post\u{0}1")),
    ])
    #expect(again.accountsAdded == 0 && again.duplicatesSkipped == 1 && again.conflicts == 0)
    #expect(try store.count("accounts") == 2)
    #expect(try store.interactionList().count == 2)
  }

  @Test func tenMegabyteFieldIsStoredWhole() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let text = String(repeating: "0123456789", count: 1_000_000) + "é"
    try store.ingest([post("1", by: account("alice"), at: 1, text: text)])
    #expect(try store.integer("SELECT length(CAST(text AS BLOB)) FROM posts") == 10_000_002)
    #expect(try store.strings("SELECT text FROM posts") == [text])
  }

  @Test func hundredThousandMentionsInOnePost() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let mentions =
      (0..<100_000).map { account("user\($0)") } + [account("USER7"), account("alice")]
    let started = Date()
    let summary = try store.ingest([post("1", by: account("alice"), at: 1, mentions: mentions)])
    // Quadratic de-duplication took minutes here; linear takes about a second.
    #expect(Date().timeIntervalSince(started) < 60)
    #expect(summary.accountsAdded == 100_001)
    #expect(summary.interactionsAdded == 100_001, "USER7 is user7; the self-mention is stored")
    let ranking = try InfluenceRanking(data: store.loadEngagementData(EngagementFilter()))
    #expect(ranking.graph.edgeCount == 100_000)
  }

  @Test func timesFarInThePastAndFutureAreStoredExactly() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let times: [Int64] = [-62_135_596_800, -1, 0, 253_402_300_799, 999_999_999_999_999]
    try store.ingest(
      times.enumerated().map { post("\($0)", by: account("a\($0)"), at: $1) }
        + [post("r", by: account("b"), at: 5, replyTo: reference("0"))])
    #expect(
      try store.strings("SELECT created_at FROM posts ORDER BY id").compactMap { $0 }
        == times.map { "\($0)" } + ["5"])
    let data = try store.loadEngagementData(EngagementFilter())
    let ranking = try InfluenceRanking(data: data)
    #expect(ranking.pagerank.scores.allSatisfy { $0.isFinite })
  }

  @Test(arguments: [-1.0, .nan, .infinity, -.infinity])
  func negativeOrNonFiniteEdgeWeightsAreRefusedWithTheirLine(weight: Double) throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    var stream = ArrayStream(records: [
      edge(account("a"), account("b"), .reply, at: 1),
      edge(account("a"), account("c"), .reply, at: 1, weight: weight),
    ])
    #expect(throws: IngestFailure.self) {
      try store.ingest(&stream, source: testSource, options: IngestOptions())
    }
    do {
      var again = ArrayStream(records: [
        edge(account("a"), account("c"), .reply, at: 1, weight: weight)
      ])
      _ = try store.ingest(&again, source: testSource, options: IngestOptions())
    } catch let failure as IngestFailure {
      #expect(failure.error.line == 2 && failure.error.field == "weight")
    }
    #expect(try store.count("interactions") == 0, "nothing from the failing batch")
    #expect(try store.integrityProblems() == [])
  }
}
