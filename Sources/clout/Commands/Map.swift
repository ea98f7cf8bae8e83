import ArgumentParser
import CloutCore
import CloutReports
import CloutRender
import Dispatch

enum MapFormat: String, ExpressibleByArgument, CaseIterable {
  case dot, svg, png, pdf

  /// The format a file name asks for: .dot/.gv, .svg, .png, .pdf (any case).
  static func fromExtension(of path: String) -> MapFormat? {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    switch path[path.index(after: dot)...].lowercased() {
    case "dot", "gv": return .dot
    case "svg": return .svg
    case "png": return .png
    case "pdf": return .pdf
    default: return nil
    }
  }
}

struct Map: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw the ecosystem map: the top accounts, who engages whom, and communities.",
    discussion: """
      The map shows the --top highest-scoring accounts (same ranking and options as \
      'clout rank') and the interactions among them:
        - circle area grows with the account's score;
        - color is the account's community (as 'clout communities' finds them, in a
          color-blind-safe palette; --no-communities colors by platform instead);
        - a dark ring marks a bridge, an account whose interactions span communities;
        - an arrow A → B means A replied to, quoted, reposted or mentioned B; its
          width grows with the summed weight of those interactions;
        - the best accounts and the bridges are labeled; every node names itself on
          hover in SVG.
      A title, a caption (data, platforms, time window, counts) and a legend are drawn \
      at the top.

      The format follows the file's extension (.svg, .png, .pdf, .dot or .gv) unless \
      --format says otherwise. DOT is the map before layout, for Gephi or any Graphviz \
      tool; the others are laid out and drawn in-process by Graphviz (libgvc). The same \
      data and options give a byte-identical DOT file, and the same SVG for the same \
      Graphviz version.

      Examples:
        clout map --out map.svg
        clout map --out map.png --top 300 --title "Open-source databases, Q3"
        clout map --out map.dot --since 2026-10-01 --platform mastodon
        clout map --out map.pdf --layout neato --no-communities
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var ranking: RankingOptions
  @OptionGroup var community: CommunityOptions

  @Option(
    help: ArgumentHelp(
      "The file to write (.svg, .png, .pdf, .dot); '-' writes to standard output (with --format).",
      valueName: "file"))
  var out: String

  @Option(help: "Output format: dot, svg, png or pdf (default: from the file's extension).")
  var format: MapFormat?

  // `.unconditional` so that `--top -1` reaches validate() and gets a message naming valid
  // values, instead of argument-parser's "missing value".
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "How many of the highest-scoring accounts to draw (0 = all; default: "
        + "\(Map.defaultAccounts)), or of communities with --summary (default: "
        + "\(Map.defaultCommunities)).", valueName: "n"))
  var top: Int?

  /// The default `--top`: 150 accounts make a legible map; a summary of 150 communities of a
  /// large store (the higgs-twitter week has 13,277) drew 4,088 edges between them, a
  /// hairball, where 30 drew a readable picture of the main groups.
  static let defaultAccounts = 150
  static let defaultCommunities = 30

  @Option(
    help: ArgumentHelp(
      "Graphviz layout engine: sfdp (large graphs), fdp, neato, dot (hierarchy) or circo.",
      valueName: "engine"))
  var layout = "sfdp"

  @Flag(
    inversion: .prefixedNo,
    help: "Color accounts by community and ring the bridges (--no-communities: by platform).")
  var communities = true

  @Option(help: ArgumentHelp("The map's title.", valueName: "text"))
  var title: String?

  @Option(
    help: ArgumentHelp(
      "How many of the top accounts to label (default: a quarter of --top, at most 40);"
        + " bridges are labeled too.", valueName: "n"))
  var labels: Int?

  @Flag(
    help: ArgumentHelp(
      "Draw one circle per community (area = total score, label = its top 3 accounts) and"
        + " the interaction weight between communities; --top then counts communities"
        + " (default: \(Map.defaultCommunities))."))
  var summary = false

  func validate() throws {
    if let top, top < 0 {
      throw ValidationError(
        "--top takes a count of accounts, or 0 for all of them; \(Self.defaultAccounts) is a "
          + "legible map.")
    }
    if let labels, labels < 0 { throw ValidationError("--labels must be 0 or more.") }
    if out.isEmpty {
      throw ValidationError("--out needs a file name such as map.svg, or '-' for standard output.")
    }
    if out == "-" && format == nil {
      throw ValidationError(
        "--out - writes to standard output; say which format with --format svg, png, pdf or dot.")
    }
    if let format, let named = MapFormat.fromExtension(of: out), named != format {
      throw ValidationError(
        "--format \(format.rawValue) does not match '\(out)', which names a .\(named.rawValue)"
          + " file; drop --format or change the file name.")
    }
    if !GraphvizRenderer.layouts.contains(layout) {
      throw ValidationError(
        "unknown layout '\(layout)'; choose one of "
          + GraphvizRenderer.layouts.joined(separator: ", ") + " (sfdp suits large maps).")
    }
    if format == nil && out != "-" && MapFormat.fromExtension(of: out) == nil {
      throw ValidationError(
        "cannot tell the format from '\(out)'; end the name with .svg, .png, .pdf or .dot,"
          + " or pass --format.")
    }
  }

  func run() throws {
    let outputFormat = format ?? MapFormat.fromExtension(of: out)!
    let started = DispatchTime.now()
    let (openedStore, result) = try RankingRun.computeKeepingStore(
      store: store, ranking: ranking, postRowIDs: false)
    _ = openedStore
    let analysis = communities ? try community.analyze(result) : nil
    let asked = self.top ?? (summary ? Self.defaultCommunities : Self.defaultAccounts)
    let mapDOT: MapDOT
    if summary {
      let analysis = try analysis ?? community.analyze(result)
      let available = analysis.summary.communities.count
      let top = asked == 0 ? available : asked
      if self.top != nil, top > available {
        Console.note(
          "note: the selected data has \(NumberFormatting.grouped(available)) communities, "
            + "fewer than --top \(top); the summary shows all of them")
      }
      mapDOT = MapModel.summary(
        result: result, analysis: analysis, top: top, layout: layout, title: title,
        storePath: store.db, graphvizVersion: GraphvizRenderer.version)
    } else {
      let top = asked == 0 ? result.graph.nodeCount : asked
      if top > result.graph.nodeCount {
        Console.note(
          "note: the selected data has \(NumberFormatting.grouped(result.graph.nodeCount)) "
            + "ranked accounts, fewer than --top \(top); the map shows all of them")
      }
      mapDOT =
        MapModel(
          result: result, analysis: analysis, top: top, labels: labels, layout: layout,
          title: title, storePath: store.db, graphvizVersion: GraphvizRenderer.version,
          hidden: ranking.hiddenSeeds(result)
        ).dot
    }
    let dot = mapDOT.text
    let bytes: [UInt8]
    switch outputFormat {
    case .dot:
      bytes = Array(dot.utf8)
    case .svg, .png, .pdf:
      let rendered = try mapDOT.render(layout: layout, format: outputFormat.rawValue)
      bytes =
        outputFormat == .svg
        ? Array(SVGStyles.hoist(String(decoding: rendered, as: UTF8.self)).utf8) : rendered
    }
    if out == "-" {
      try bytes.withUnsafeBufferPointer { try Console.output(bytes: $0) }
    } else {
      try TextFile.writeAtomically(bytes, to: out)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    Console.note(
      "wrote \(out == "-" ? "standard output" : out): "
        + "\(NumberFormatting.grouped(mapDOT.nodes.count)) "
        + (summary ? "communities, " : "accounts, ")
        + "\(NumberFormatting.grouped(mapDOT.edges.count)) edges, "
        + "\(NumberFormatting.bytes(Int64(bytes.count))) in "
        + "\(NumberFormatting.fixed(seconds, digits: 1)) s")
  }
}
