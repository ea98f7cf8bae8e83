import Foundation
import GRDB
import Testing

/// Exit codes: each code documented in the README, produced by the case it names.
@Suite struct ExitCodeTests {
  let posts = "\(CloutProcess.fixtures.path)/posts.csv"

  @Test func everyDocumentedCode() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("clout.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, posts]).status == 0)
    #expect(try CloutProcess.run(["rank", "--db", db, "--top", "abc"]).status == 64)
    #expect(try CloutProcess.run(["rank", "--db", db, "--no-such-flag"]).status == 64)
    #expect(
      try CloutProcess.run(["ingest", "--db", db, "\(CloutProcess.fixtures.path)/bad/empty.csv"])
        .status == 65)
    let notes = directory.path("notes.txt")
    try Data("notes\n".utf8).write(to: URL(fileURLWithPath: notes))
    #expect(try CloutProcess.run(["stats", "--db", notes]).status == 74)
  }

  /// Another process holds the write lock longer than the 5 s busy timeout.
  @Test func busyStoreIs75WithAMessage() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("clout.db")
    #expect(try CloutProcess.run(["ingest", "--db", db, posts]).status == 0)
    var configuration = Configuration()
    // The lock is held across accesses on purpose, as another process would hold it.
    configuration.allowsUnsafeTransactions = true
    let queue = try DatabaseQueue(path: db, configuration: configuration)
    try queue.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
    let result = try CloutProcess.run([
      "ingest", "--db", db, "\(CloutProcess.fixtures.path)/edges.csv",
    ])
    try queue.inDatabase { try $0.execute(sql: "ROLLBACK") }
    #expect(result.status == 75, "\(result.stderr)")
    #expect(result.stderr.contains("store is busy"), "\(result.stderr)")
    // Readers are not blocked by a writer (WAL).
    try queue.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
    let rank = try CloutProcess.run(["rank", "--db", db])
    try queue.inDatabase { try $0.execute(sql: "ROLLBACK") }
    #expect(rank.status == 0, "\(rank.stderr)")
  }
}
