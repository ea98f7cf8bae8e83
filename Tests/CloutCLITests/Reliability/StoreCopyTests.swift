import Foundation
import Testing

/// A store file copied on its own, without its `-wal` and `-shm`, holds everything the
/// commands wrote: users copy, mail and back up `clout.db`, not three files. SQLite moves its
/// write-ahead log into the file only every 4 MB, so a small store used to stay in the log.
@Suite struct StoreCopyTests {
  @Test func aStoreCopiedWithoutItsLogRanksAsTheOriginal() throws {
    let directory = try TemporaryDirectory()
    let db = try RankCommandTests.fixtureStore(directory)
    // The fixtures are far below the 4 MB after which SQLite copies the log by itself.
    let log = try FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int ?? 0
    #expect(log < 4_000_000)

    let copy = directory.path("copy.db")
    try FileManager.default.copyItem(atPath: db, toPath: copy)
    let rank = ["rank", "--top", "0", "--format", "csv", "--calibration", "none"]
    let original = try CloutProcess.run(rank + ["--db", db])
    let copied = try CloutProcess.run(rank + ["--db", copy])
    #expect(original.status == 0, "\(original.stderr)")
    #expect(copied.status == 0, "\(copied.stderr)")
    #expect(original.stdout.components(separatedBy: "\r\n").count > 10)
    #expect(copied.stdout == original.stdout)
  }
}
