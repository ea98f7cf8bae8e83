import Foundation
import Testing

@testable import CloutStore

/// Wrong store, for every command: a file that is not a Clout store (text, another
/// SQLite database) or a store from a newer schema is refused with exit 74 and a message
/// naming it, and the file is left byte for byte as it was.
@Suite struct WrongStoreTests {
  static func commands(_ db: String, _ directory: TemporaryDirectory) -> [[String]] {
    [
      ["ingest", "--db", db, "\(CloutProcess.fixtures.path)/posts.csv"],
      ["stats", "--db", db],
      ["rank", "--db", db],
      ["explain", "--db", db, "alice"],
      ["shortlist", "--db", db, "--out", directory.path("shortlist.csv")],
    ]
  }

  enum Kind: String, CaseIterable {
    case text, otherSQLite, newerSchema
  }

  @Test(arguments: Kind.allCases)
  func everyCommandRefusesAndLeavesTheFileUntouched(kind: Kind) throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("store.db")
    let expected: String
    switch kind {
    case .text:
      try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: db))
      expected = "is not a clout store"
    case .otherSQLite:
      try Store.createPlainDatabase(path: db, sql: "CREATE TABLE t(x); INSERT INTO t VALUES (1);")
      expected = "is not a clout store"
    case .newerSchema:
      let store = try Store.open(path: db)
      try store.ingest([])
      try store.execute("PRAGMA user_version = \(StoreSchema.version + 1)")
      try store.close()
      expected = "upgrade clout"
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: db))
    for command in Self.commands(db, directory) {
      let result = try CloutProcess.run(command)
      #expect(result.status == 74, "\(command[0]): \(result.stderr)")
      #expect(result.stderr.contains(db) && result.stderr.contains(expected), "\(result.stderr)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "\(command[0])")
    }
    #expect(!FileManager.default.fileExists(atPath: directory.path("shortlist.csv")))
  }
}

extension Store {
  /// An empty ingest, to create and migrate a store.
  fileprivate func ingest(_ records: [Never]) throws {}
}
