import Foundation
import Testing

/// Two accounts that held one handle on one platform are told apart wherever the handle is
/// shown: the rank table and the shortlist's `handles` write `handle#userid` (issue 14, 2).
@Suite struct HandleCollisionTableTests {
  @Test func rankTableAndShortlistHandlesCarryTheUserIDOnlyWhereHandlesCollide() throws {
    let directory = try TemporaryDirectory()
    let file = directory.path("potus.jsonl")
    try NewUserTests.potus.write(toFile: file, atomically: true, encoding: .utf8)
    let db = directory.path("p.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, file]).status == 0)

    let table = try CloutProcess.run(["rank", "--db", db, "--top", "0"])
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.contains { $0.contains(" potus#111 ") }, "\(table.stdout)")
    #expect(lines.contains { $0.contains(" potus#222 ") }, "\(table.stdout)")
    // A handle of its own stays bare.
    #expect(lines.contains { $0.contains(" fan ") } && !table.stdout.contains("fan#"))

    // CSV keeps the handle in `account` and the id in `user_id`, as before.
    let csv = try CloutProcess.run(["rank", "--db", db, "--format", "csv", "--top", "0"])
    #expect(!csv.stdout.contains("potus#"))

    let list = try CloutProcess.run(["shortlist", "--db", db, "--out", "-", "--top", "0"])
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("twitter:potus#111"), "\(list.stdout)")
    #expect(list.stdout.contains("twitter:potus#222"))
    #expect(list.stdout.contains("twitter:fan") && !list.stdout.contains("twitter:fan#"))
    // The form shown is one `explain` resolves.
    #expect(try CloutProcess.run(["explain", "--db", db, "twitter:potus#222"]).status == 0)
  }
}
