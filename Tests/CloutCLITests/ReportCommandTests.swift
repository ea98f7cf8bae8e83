import Foundation
import Testing

@Suite struct ReportCommandTests {
  @Test func writesOneSelfContainedPageDeterministically() throws {
    let directory = try TemporaryDirectory()
    let db = try MapCommandTests.store(directory)
    let hostile = try CloutProcess.run([
      "ingest", "--db", db, CloutProcess.fixtures.appendingPathComponent("report/hostile.csv").path,
    ])
    #expect(hostile.status == 0, "\(hostile.stderr)")
    let out = directory.path("report.html")
    let run = try CloutProcess.run([
      "report", "--db", db, "--out", out, "--top", "60", "--title", "<b>Q3</b>",
      "--compare", "2014-01-01..2016-12-31",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("wrote \(out): 60 accounts"))
    let html = try String(contentsOfFile: out, encoding: .utf8)
    #expect(html.contains("<title>&lt;b&gt;Q3&lt;/b&gt;</title>"))
    #expect(html.contains("<section id=\"trends\""))
    #expect(html.contains("<svg id=\"c-svg\""))
    #expect(html.components(separatedBy: "<script").count == 3)
    #expect(!html.contains("onerror=\"window"))
    let again = directory.path("again.html")
    let second = try CloutProcess.run([
      "report", "--db", db, "--out", again, "--top", "60", "--title", "<b>Q3</b>",
      "--compare", "2014-01-01..2016-12-31",
    ])
    #expect(second.status == 0)
    // Byte-identical but for the --out path the header repeats.
    let other = try String(contentsOfFile: again, encoding: .utf8)
    #expect(other.replacingOccurrences(of: again, with: out) == html)
  }

  @Test func badOptionsAreUsageErrorsAndWriteNothing() throws {
    let directory = try TemporaryDirectory()
    let db = try MapCommandTests.store(directory)
    let out = directory.path("report.html")
    for arguments in [["--top", "-1"], ["--layout", "spring"], ["--compare", "2020"]] {
      let run = try CloutProcess.run(["report", "--db", db, "--out", out] + arguments)
      #expect(run.status == 64, "\(arguments): \(run.stderr)")
    }
    let missing = try CloutProcess.run(["report", "--db", db])
    #expect(missing.status == 64)
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
