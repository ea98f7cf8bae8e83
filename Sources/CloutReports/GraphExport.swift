import CloutCore
import CloutRender

/// The ranked graph as files other tools read: GEXF (Gephi, with edge times for its
/// timeline), GraphML (Cytoscape, networkx, yEd) and two CSV files in the layout of Gephi's
/// spreadsheet import (`Id,Label,…` and `Source,Target,Weight,…`).
///
/// Every node carries the columns of `clout rank --format csv` plus its community and whether
/// it is a bridge; every edge its weight, interactions per type and the times of its first and
/// last interaction. Text is written in pieces to `write`, a node or an edge at a time, so the
/// output of a large store is never held whole.
public struct GraphExport {
  public enum Format: String, CaseIterable, Sendable {
    case gexf, graphml, csv
  }

  /// A value of a node or edge column, typed for the XML formats' attribute declarations.
  enum Kind {
    /// `long`: follower counts, which the data may give beyond 32 bits.
    case integer, long, double, text, boolean

    var gexf: String {
      switch self {
      case .integer: "integer"
      case .long: "long"
      case .double: "double"
      case .text: "string"
      case .boolean: "boolean"
      }
    }

    var graphml: String {
      switch self {
      case .integer: "int"
      case .long: "long"
      case .double: "double"
      case .text: "string"
      case .boolean: "boolean"
      }
    }
  }

  /// The node columns after id and label: `clout rank --format csv`'s (ending with user_id,
  /// followers and the coordination flags), then community and bridge.
  public static let nodeColumns = [
    "rank", "account", "platform", "score", "pagerank", "max_reply_depth", "mean_reply_depth",
    "distinct_repliers", "replies_received", "interactions_in", "interactions_out",
    "display_name", "user_id", "followers", "flags", "community", "bridge",
  ]
  static let nodeKinds: [Kind] = [
    .integer, .text, .text, .double, .double, .integer, .double, .integer, .integer, .integer,
    .integer, .text, .text, .long, .text, .integer, .boolean,
  ]

  /// The edge columns after source, target and weight.
  public static let edgeColumns =
    ["interactions"] + InteractionType.allCases.map(\.rawValue) + [
      "first_interaction", "last_interaction",
    ]
  static let edgeKinds: [Kind] =
    [.integer] + InteractionType.allCases.map { _ in .integer } + [.text, .text]

  public let result: InfluenceRanking
  public let analysis: CommunityAnalysis
  /// The exported accounts, best first.
  public let nodes: [Int]
  private let rankOfNode: [Int32]

  /// - Parameter top: how many of the best-ranked accounts to export; 0 exports all.
  public init(result: InfluenceRanking, analysis: CommunityAnalysis, top: Int) {
    self.result = result
    self.analysis = analysis
    let order = result.order.map(Int.init)
    nodes = top == 0 ? order : Array(order.prefix(top))
    // The ranking's competition ranks (ties share one), as `clout rank` prints them; 0 marks
    // an account left out.
    let competition = result.ranks()
    var ranks = [Int32](repeating: 0, count: result.graph.nodeCount)
    for node in nodes { ranks[node] = Int32(competition[node]) }
    rankOfNode = ranks
  }

  /// True when `node` is exported.
  public func includes(_ node: Int) -> Bool { rankOfNode[node] != 0 }

  /// The node's id in every format: its index in the ranking's canonical account order, so the
  /// same data gives the same ids whatever the options.
  public static func id(_ node: Int) -> String { "n\(node)" }

  /// The values of `nodeColumns` for one exported node.
  public func nodeCells(_ node: Int) -> [Cell] {
    let account = result.data.accounts[node]
    let contribution = result.contributions[node]
    let replies = result.replies
    return [
      .integer(Int(rankOfNode[node])), .text(account.name), .text(account.platform),
      .decimal(contribution.score, places: 6), .decimal(contribution.pagerank, places: 10),
      .integer(Int(replies.maxReplyDepth[node])),
      .decimal(replies.meanReplyDepth[node], places: 3),
      .integer(Int(replies.distinctRepliers[node])), .integer(Int(replies.repliesReceived[node])),
      .integer(Int(result.interactionsIn[node])), .integer(Int(result.interactionsOut[node])),
      account.displayName.map { .text($0) } ?? .empty,
      account.userID.map { .text($0) } ?? .empty,
      account.followersCell,
      .text(CoordinationText.flag(result, node: node)),
      .integer(analysis.community(of: node)), .text(analysis.isBridge(node) ? "true" : "false"),
    ]
  }

  /// The values of `edgeColumns` for one edge.
  public static func edgeCells(_ edge: InfluenceRanking.EdgeActivity) -> [Cell] {
    [.integer(edge.interactions)] + edge.counts.map { .integer($0) } + [
      .text(TimeText.iso8601(edge.first)), .text(TimeText.iso8601(edge.last)),
    ]
  }

  /// The label tools show: `display name (@handle)` when the display name adds something.
  public func label(_ node: Int) -> String { MapModel.label(result.data.accounts[node]) }

  /// Calls `body` for each exported edge, in the order of `nodes` and then by target.
  public func forEachEdge(_ body: (InfluenceRanking.EdgeActivity) throws -> Void) rethrows {
    try result.forEachEdgeActivity(from: nodes, to: includes, body)
  }

  /// The edge weight as the graph stores it (`Float`), in its shortest round-trip text: fixed
  /// decimals printed the decayed weights of a 2014 data set, ranked as of 2021, as 0.000000.
  static func weightText(_ weight: Double) -> String { "\(Float(weight))" }

  // MARK: GEXF

  /// GEXF 1.2: directed edges with `weight`, and `start` / `end` (the first and last
  /// interaction, `dateTime`) so Gephi's timeline can replay the graph.
  /// Returns the number of edges written.
  @discardableResult
  public func writeGEXF(_ write: (String) throws -> Void) throws -> Int {
    let x = { (text: String) in MarkupText.xml(text) }
    try write(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
        <meta>
          <creator>Clout \(x(CloutCore.version))</creator>
          <description>Accounts ranked by the engagement they cause, and who engages whom</description>
        </meta>
        <graph defaultedgetype="directed" mode="dynamic" timeformat="dateTime">
          <attributes class="node" mode="static">

      """)
    for (column, kind) in zip(Self.nodeColumns, Self.nodeKinds) {
      try write("      <attribute id=\"\(column)\" title=\"\(column)\" type=\"\(kind.gexf)\"/>\n")
    }
    try write("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n")
    for (column, kind) in zip(Self.edgeColumns, Self.edgeKinds) {
      try write("      <attribute id=\"\(column)\" title=\"\(column)\" type=\"\(kind.gexf)\"/>\n")
    }
    try write("    </attributes>\n    <nodes>\n")
    for node in nodes {
      var text = "      <node id=\"\(Self.id(node))\" label=\"\(x(label(node)))\">\n"
      text += "        <attvalues>\n"
      for (column, cell) in zip(Self.nodeColumns, nodeCells(node)) where cell != .empty {
        text += "          <attvalue for=\"\(column)\" value=\"\(x(cell.plainText))\"/>\n"
      }
      text += "        </attvalues>\n      </node>\n"
      try write(text)
    }
    try write("    </nodes>\n    <edges>\n")
    var id = 0
    try forEachEdge { edge in
      var text =
        "      <edge id=\"e\(id)\" source=\"\(Self.id(edge.source))\" "
        + "target=\"\(Self.id(edge.target))\" weight=\"\(Self.weightText(edge.weight))\" "
        + "start=\"\(TimeText.iso8601(edge.first))\" end=\"\(TimeText.iso8601(edge.last))\">\n"
      text += "        <attvalues>\n"
      for (column, cell) in zip(Self.edgeColumns, Self.edgeCells(edge)) {
        text += "          <attvalue for=\"\(column)\" value=\"\(x(cell.plainText))\"/>\n"
      }
      text += "        </attvalues>\n      </edge>\n"
      try write(text)
      id += 1
    }
    try write("    </edges>\n  </graph>\n</gexf>\n")
    return id
  }

  // MARK: GraphML

  /// GraphML with a typed `<key>` per column; the label is a `label` key, the edge weight a
  /// `weight` key (the names networkx and Cytoscape look for).
  /// Returns the number of edges written.
  @discardableResult
  public func writeGraphML(_ write: (String) throws -> Void) throws -> Int {
    let x = { (text: String) in MarkupText.xml(text) }
    try write(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
      xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns \
      http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

      """)
    func key(_ name: String, _ domain: String, _ kind: Kind) -> String {
      "  <key id=\"\(name)\" for=\"\(domain)\" attr.name=\"\(name)\" "
        + "attr.type=\"\(kind.graphml)\"/>\n"
    }
    var keys = key("label", "node", .text)
    for (column, kind) in zip(Self.nodeColumns, Self.nodeKinds) {
      keys += key(column, "node", kind)
    }
    keys += key("weight", "edge", .double)
    for (column, kind) in zip(Self.edgeColumns, Self.edgeKinds) {
      keys += key(column, "edge", kind)
    }
    try write(keys + "  <graph id=\"clout\" edgedefault=\"directed\">\n")
    for node in nodes {
      var text = "    <node id=\"\(Self.id(node))\">\n"
      text += "      <data key=\"label\">\(x(label(node)))</data>\n"
      for (column, cell) in zip(Self.nodeColumns, nodeCells(node)) where cell != .empty {
        text += "      <data key=\"\(column)\">\(x(cell.plainText))</data>\n"
      }
      try write(text + "    </node>\n")
    }
    var edges = 0
    try forEachEdge { edge in
      edges += 1
      var text =
        "    <edge source=\"\(Self.id(edge.source))\" target=\"\(Self.id(edge.target))\">\n"
      text += "      <data key=\"weight\">\(Self.weightText(edge.weight))</data>\n"
      for (column, cell) in zip(Self.edgeColumns, Self.edgeCells(edge)) {
        text += "      <data key=\"\(column)\">\(x(cell.plainText))</data>\n"
      }
      try write(text + "    </edge>\n")
    }
    try write("  </graph>\n</graphml>\n")
    return edges
  }

  // MARK: CSV

  /// `nodes.csv`: `Id,Label`, then `nodeColumns` (Gephi's spreadsheet import reads `Id` and
  /// `Label` and keeps the rest as attributes).
  public func writeNodesCSV(_ write: (String) throws -> Void) throws {
    try write(row([.text("Id"), .text("Label")] + Self.nodeColumns.map { .text($0) }))
    for node in nodes {
      try write(row([.text(Self.id(node)), .text(label(node))] + nodeCells(node)))
    }
  }

  /// `edges.csv`: `Source,Target,Weight,Type` (Type `Directed`), then `edgeColumns`.
  /// Returns the number of edges written.
  @discardableResult
  public func writeEdgesCSV(_ write: (String) throws -> Void) throws -> Int {
    var edges = 0
    try write(
      row(
        [.text("Source"), .text("Target"), .text("Weight"), .text("Type")]
          + Self.edgeColumns.map { .text($0) }))
    try forEachEdge { edge in
      edges += 1
      try write(
        row(
          [
            .text(Self.id(edge.source)), .text(Self.id(edge.target)),
            .text(Self.weightText(edge.weight)), .text("Directed"),
          ] + Self.edgeCells(edge)))
    }
    return edges
  }

  private func row(_ cells: [Cell]) -> String {
    cells.map(CSVWriter.field).joined(separator: ",") + "\r\n"
  }
}
