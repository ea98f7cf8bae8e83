import Foundation
import Testing

/// `clout report --contacted FILE --on DATE …`: the campaign section shows what `clout
/// campaign` prints for the same store and options, escaped like the rest of the page.
@Suite struct ReportCampaignTests {
  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "'", with: "&#39;")
  }

  @Test func sectionShowsTheCampaignCommandsNumbers() throws {
    let directory = try TemporaryDirectory()
    let db = try CampaignCommandTests.store(directory)
    // A hostile line in the list: skipped, and shown as text.
    let list = directory.path("contacted.txt")
    try Data(
      (try String(contentsOfFile: list, encoding: .utf8) + "<img src=x onerror=alert(1)>\n").utf8
    ).write(to: URL(fileURLWithPath: list))
    let campaign = try CloutProcess.run(
      CampaignCommandTests.arguments(directory, db, ["--seed", "7"]))
    #expect(campaign.status == 0, "\(campaign.stderr)")
    let out = directory.path("report.html")
    let options = [
      "--contacted", list, "--brand", directory.path("brand.txt"), "--on", "2026-01-11",
      "--window", "10d", "--seed", "7",
    ]
    let report = try CloutProcess.run(["report", "--db", db, "--out", out] + options)
    #expect(report.status == 0, "\(report.stderr)")
    let html = try String(contentsOfFile: out, encoding: .utf8)
    #expect(html.contains("<section id=\"campaign\""))
    #expect(html.contains("<li><a href=\"#campaign\">"))
    for column in CampaignCommandTests.columns {
      #expect(html.contains(">\(column)</th>"), "\(column)")
    }
    // Every row of the command's table, cell for cell, in the section's table.
    let lines = campaign.stdout.components(separatedBy: "\n")
    let metrics = ["brand_interactions", "brand_engagers", "engagers", "score"]
    for metric in metrics {
      let cells = try #require(lines.first { $0.hasPrefix(metric + " ") })
        .split(separator: " ").map(String.init)
      let row =
        "<tr><td>\(metric)</td>" + cells.dropFirst().map { "<td class=\"n\">\($0)</td>" }.joined()
        + "</tr>"
      #expect(html.contains(row), "\(row)")
    }
    // The sentences, the warnings and the balance rows, as the command prints them.
    for line in lines where line.hasPrefix("- ") || line.hasPrefix("warning: ") {
      let text = line.hasPrefix("- ") ? String(line.dropFirst(2)) : line
      #expect(html.contains(Self.escaped(text)), "\(text)")
    }
    #expect(html.contains("<td>log_engagers</td>"))
    #expect(html.contains(Self.escaped(try #require(lines.first { $0.hasPrefix("before [") }))))
    // The skipped entries, the hostile one as text.
    #expect(html.contains("contacted.txt:10: ghost</li>"))
    #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;</li>"))
    #expect(!html.contains("<img src=x"))
    // Deterministic across two processes.
    let again = directory.path("again.html")
    let second = try CloutProcess.run(["report", "--db", db, "--out", again] + options)
    #expect(second.status == 0)
    let other = try String(contentsOfFile: again, encoding: .utf8)
    #expect(other.replacingOccurrences(of: again, with: out) == html)
    // Without the flags: no campaign section.
    let plain = directory.path("plain.html")
    #expect(try CloutProcess.run(["report", "--db", db, "--out", plain]).status == 0)
    let plainHTML = try String(contentsOfFile: plain, encoding: .utf8)
    #expect(!plainHTML.contains("campaign"))
  }

  @Test func campaignOptionsNeedContactedAndOn() throws {
    let directory = try TemporaryDirectory()
    let db = try CampaignCommandTests.store(directory)
    let out = directory.path("report.html")
    for (arguments, message) in [
      (["--on", "2026-01-11"], "add --contacted FILE"),
      (["--contacted", directory.path("contacted.txt")], "--contacted needs --on"),
      (
        ["--contacted", directory.path("contacted.txt"), "--on", "2026-01-11", "--window", "0d"],
        "--window must be a positive duration"
      ),
    ] {
      let run = try CloutProcess.run(["report", "--db", db, "--out", out] + arguments)
      #expect(run.status == 64, "\(arguments): \(run.stderr)")
      #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
      #expect(!FileManager.default.fileExists(atPath: out))
    }
    // --on outside the data: the campaign's exit 65, and no page.
    let outside = try CloutProcess.run([
      "report", "--db", db, "--out", out, "--contacted", directory.path("contacted.txt"), "--on",
      "2030-01-01",
    ])
    #expect(outside.status == 65, "\(outside.stderr)")
    #expect(outside.stderr.contains("is outside the data"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
