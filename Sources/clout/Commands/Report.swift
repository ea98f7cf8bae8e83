import ArgumentParser
import CloutCore
import CloutHTML
import CloutReports
import CloutRender
import Dispatch

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write an interactive HTML report: map, ranking, explanations, communities.",
    discussion: """
      One self-contained HTML file (inline styles and script, the map laid out by Graphviz \
      embedded as SVG) that opens from disk with no network access and can be mailed:
        - what the data is, the calibration used, its validation figures and the
          options;
        - the ecosystem map of the --top accounts (as 'clout map' draws it): scroll to \
      zoom, drag to pan, or use + − 0 and the arrow keys; hover or focus a circle for the \
      account, click it to highlight its neighbours and open its explanation;
        - a search box that finds an account by handle or name and centres it;
        - the ranking table, sortable by every column and filterable by platform and \
      community; a row opens its explanation (score parts, strongest engagers, deepest \
      conversations with links to the posts);
        - the communities with their top accounts and bridges;
        - with --compare START..END, who rose, fell or is new since that period;
        - with --contacted FILE --on DATE [--brand FILE] [--window D] [--comparison N], \
      what the outreach brought, as 'clout campaign' computes it (its table, sentences, \
      warnings, balance and skipped accounts); --seed seeds its matching and bootstrap too. \
      Takes the ranking options of 'clout rank' and the map's layout options. Names and \
      texts from the data are escaped: they print as text and never run.

      Examples:
        clout report --out report.html
        clout report --out q3.html --top 300 --title "Open-source databases, Q3"
        clout report --out r.html --since 2026-10-01 --compare 2026-09-01..2026-09-30
        clout report --out r.html --contacted c.txt --brand brand.txt --on 2026-10-01
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var ranking: RankingOptions
  @OptionGroup var community: CommunityOptions
  @OptionGroup var comparison: CompareOptions
  @OptionGroup var campaign: ReportCampaignOptions

  @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file"))
  var out: String

  // `.unconditional` so that `--top -1` reaches validate() and gets a message naming valid
  // values, instead of argument-parser's "missing value".
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "How many of the highest-scoring accounts to map and list (0 = all).", valueName: "n"))
  var top = 150

  @Option(
    help: ArgumentHelp(
      "Graphviz layout engine of the map: sfdp (large graphs), fdp, neato, dot or circo.",
      valueName: "engine"))
  var layout = "sfdp"

  @Option(
    help: ArgumentHelp(
      "How many of the top accounts the map labels (default: a quarter of --top, at most 40).",
      valueName: "n"))
  var labels: Int?

  @Option(help: ArgumentHelp("The report's title.", valueName: "text"))
  var title: String?

  func validate() throws {
    if top < 0 {
      throw ValidationError(
        "--top takes a count of accounts, or 0 for all of them; 150 makes a legible map.")
    }
    if let labels, labels < 0 { throw ValidationError("--labels must be 0 or more.") }
    if out.isEmpty || out == "-" {
      throw ValidationError("--out needs a file name such as report.html.")
    }
    if !GraphvizRenderer.layouts.contains(layout) {
      throw ValidationError(
        "unknown layout '\(layout)'; choose one of "
          + GraphvizRenderer.layouts.joined(separator: ", ") + " (sfdp suits large maps).")
    }
  }

  func run() throws {
    let started = DispatchTime.now()
    let (openedStore, result) = try RankingRun.computeKeepingStore(
      store: store, ranking: ranking, postRowIDs: true)
    let analysis = try community.analyze(result)
    let top = self.top == 0 ? result.graph.nodeCount : min(self.top, result.graph.nodeCount)
    if self.top > result.graph.nodeCount {
      Console.note(
        "note: the selected data has \(NumberFormatting.grouped(result.graph.nodeCount)) ranked "
          + "accounts, fewer than --top \(self.top); the report shows all of them")
    }
    let hidden = ranking.hiddenSeeds(result)
    let rowIDs = ReportModel.conversationRowIDs(result: result, top: top, hidden: hidden)
    let context = ReportModel.Context(
      storePath: store.db, stats: try openedStore.stats(),
      calibration: try RankingRun.savedCalibration(openedStore, ranking: ranking, warns: false),
      posts: try openedStore.posts(rowIDs: rowIDs),
      trends: try comparison.trends(store: store, ranking: ranking, current: result),
      compareWindow: comparison.compare.map { "\($0)" },
      commandLine: (["clout"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
      graphvizVersion: GraphvizRenderer.version)
    let model = ReportModel(
      result: result, analysis: analysis, top: top, labels: labels, layout: layout, title: title,
      hidden: hidden, context: context)
    // The same computation as `clout campaign` (CampaignRun), on the same open store.
    let campaignReport = try campaign.run(seed: community.seed)?.report(
      openedStore, ranking: ranking)
    let html = try HTMLReport(model: model, campaign: campaignReport).html()
    let bytes = Array(html.utf8)
    try TextFile.writeAtomically(bytes, to: out)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    Console.note(
      "wrote \(out): \(NumberFormatting.count(model.shown.count, "account")), "
        + "\(NumberFormatting.count(model.data.edges.count, "edge")), "
        + "\(NumberFormatting.bytes(Int64(bytes.count))) in "
        + "\(NumberFormatting.fixed(seconds, digits: 1)) s")
  }
}
