import Foundation
import Testing

/// Corrupt structure, at the command line: the same post id with different content
/// keeps the first copy and the summary says so.
@Suite struct ConflictReportTests {
  @Test func conflictingDuplicatesAreCountedAndListed() throws {
    let directory = try TemporaryDirectory()
    let csv = directory.path("posts.csv")
    try Data(
      """
      id,author,created_at,text,reply_to_id
      1,alice,2026-01-01,first,
      2,bob,2026-01-02,reply,1
      1,mallory,2026-01-01,second,
      2,bob,2026-01-02,reply,1

      """.utf8
    ).write(to: URL(fileURLWithPath: csv))
    let db = directory.path("clout.db")
    let result = try CloutProcess.run(["ingest", "--db", db, csv])
    #expect(result.status == 0, "\(result.stderr)")
    // mallory's copy is skipped whole: no account for mallory.
    #expect(
      result.stdout.contains(
        "2 posts, 2 accounts, 1 interaction added; 2 duplicates skipped; "
          + "1 conflicting duplicate kept as first seen; 0 bad records"), "\(result.stdout)")
    #expect(result.stderr.contains("1 duplicate post disagrees with the copy already stored"))
    #expect(result.stderr.contains("unknown post 1: author differs"), "\(result.stderr)")
    let again = try CloutProcess.run(["ingest", "--db", db, csv])
    #expect(again.stdout.contains("1 conflicting duplicate kept"), "reported on every run")
  }

  /// Edge rows that differ only in weight: the first weight is kept and the second row is a
  /// conflict (it was dropped as a plain duplicate, unreported).
  @Test func edgesThatDifferOnlyInWeightAreAConflict() throws {
    let directory = try TemporaryDirectory()
    let csv = directory.path("edges.csv")
    try Data(
      """
      source,target,type,timestamp,weight
      a,b,reply,2026-01-01,1
      a,b,reply,2026-01-01,2.5
      a,b,reply,2026-01-01,1

      """.utf8
    ).write(to: URL(fileURLWithPath: csv))
    let db = directory.path("clout.db")
    let result = try CloutProcess.run(["ingest", "--db", db, csv])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains("2 duplicates skipped; 1 conflicting duplicate kept"),
      "\(result.stdout)")
    #expect(
      result.stderr.contains(
        "unknown edge a → b reply at 1767225600: weight differs (kept 1.0, not 2.5)"),
      "\(result.stderr)")
  }
}
