import ArgumentParser
import CloutCore
import CloutReports
import CloutRender
import Dispatch
import Foundation

extension GraphExport.Format: ExpressibleByArgument {
  /// The format a path asks for: .gexf, .graphml, or a directory (an existing one, or a path
  /// ending in `/`) for the two CSV files.
  static func inferred(from path: String) -> GraphExport.Format? {
    var isDirectory: ObjCBool = false
    if path.hasSuffix("/")
      || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        && isDirectory.boolValue)
    {
      return .csv
    }
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    switch path[path.index(after: dot)...].lowercased() {
    case "gexf": return .gexf
    case "graphml": return .graphml
    default: return nil
    }
  }
}

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the ranked graph for Gephi, Cytoscape, networkx or a spreadsheet.",
    discussion: """
      Every account of the ranking (or the --top N best) with every column of \
      'clout rank --format csv' plus its community and whether it is a bridge (as \
      'clout communities' finds them), and every interaction edge among them with its \
      weight, its interactions per type and the times of its first and last interaction.

      Formats (from the extension of --out unless --format says):
        .gexf     GEXF 1.2 for Gephi; edges carry start/end, so its timeline works.
        .graphml  GraphML for Cytoscape, networkx, yEd.
        csv       --out names a directory (created if missing) that receives
                  nodes.csv (Id,Label,…) and edges.csv (Source,Target,Weight,Type,…),
                  the columns of Gephi's spreadsheet import.

      Node ids are n<index> in the accounts' canonical order (platform, then name), so the \
      same data gives byte-identical files.

      Examples:
        clout export --out graph.gexf
        clout export --out graph.graphml --top 2000 --since 2026-10-01
        clout export --out tables/ --format csv
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var ranking: RankingOptions
  @OptionGroup var community: CommunityOptions

  @Option(
    help: ArgumentHelp(
      "The file to write (.gexf, .graphml), or the directory for the csv files.",
      valueName: "path"))
  var out: String

  @Option(help: "Output format: gexf, graphml or csv (default: from --out).")
  var format: GraphExport.Format?

  @Option(
    help: ArgumentHelp(
      "How many of the highest-scoring accounts to export; 0 (the default) exports all.",
      valueName: "n"))
  var top = 0

  func validate() throws {
    if top < 0 { throw ValidationError("--top must be 0 (all) or more.") }
    if out.isEmpty { throw ValidationError("--out needs a file name such as graph.gexf.") }
    if format == nil && GraphExport.Format.inferred(from: out) == nil {
      throw ValidationError(
        "cannot tell the format from '\(out)'; end the name with .gexf or .graphml, name a"
          + " directory for csv (ending in /), or pass --format.")
    }
  }

  func run() throws {
    let outputFormat = format ?? GraphExport.Format.inferred(from: out)!
    let started = DispatchTime.now()
    let result = try RankingRun.compute(store: store, ranking: ranking)
    let analysis = try community.analyze(result)
    let export = GraphExport(result: result, analysis: analysis, top: top)
    var edges = 0
    let written: String
    switch outputFormat {
    case .gexf:
      try TextFile.writeAtomically(to: out) { write in
        edges = try export.writeGEXF(write)
      }
      written = out
    case .graphml:
      try TextFile.writeAtomically(to: out) { write in
        edges = try export.writeGraphML(write)
      }
      written = out
    case .csv:
      do {
        try FileManager.default.createDirectory(
          atPath: out, withIntermediateDirectories: true)
      } catch {
        throw TextFile.Failure(description: "\(out): cannot create the directory (\(error))")
      }
      let directory = URL(fileURLWithPath: out)
      let nodes = directory.appendingPathComponent("nodes.csv").path
      let edgesFile = directory.appendingPathComponent("edges.csv").path
      try TextFile.writeAtomically(to: nodes) { write in try export.writeNodesCSV(write) }
      try TextFile.writeAtomically(to: edgesFile) { write in
        edges = try export.writeEdgesCSV(write)
      }
      written = "\(nodes) and \(edgesFile)"
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    Console.note(
      "wrote \(written): \(NumberFormatting.grouped(export.nodes.count)) accounts, "
        + "\(NumberFormatting.grouped(edges)) edges in "
        + "\(NumberFormatting.fixed(seconds, digits: 1)) s")
  }
}
