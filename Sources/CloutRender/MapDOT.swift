import Foundation

/// The DOT text of an ecosystem map, from plain values: no ranking, store or CLI types here.
///
/// Every attribute is written explicitly (nothing depends on Graphviz defaults that differ
/// between versions), nodes come in the order given (the caller passes them by rank), edges
/// sorted by (source, target), and every number has a fixed count of decimals, so the same
/// input gives byte-identical DOT.
///
/// Text from users (display names, handles, the title) only ever appears in two forms:
/// - HTML-like labels `<…>`, entity-escaped (`&amp; &lt; &gt; &quot;`), with `\` doubled (even
///   there Graphviz expands `\N` to the node's id);
/// - quoted tooltips, with `"` escaped and `\` quadrupled (see `quoted`).
/// Control characters (newlines included) and XML non-characters (U+FFFE, U+FFFF…) become
/// spaces in both (`MarkupText`). Labels are cut to `labelLimit` and header lines to
/// `headerLineLimit` scalars with "…"; tooltips keep the whole text. Node ids are `n1…`, never
/// user text. A name such as `"];\ndigraph x {` therefore cannot end a string or a label.
public struct MapDOT: Sendable {
  public struct Node: Sendable, Equatable {
    /// What the map prints next to the node; nil draws it unlabeled (the tooltip still names it).
    public var label: String?
    /// Shown on hover in SVG.
    public var tooltip: String
    /// Circle diameter, inches.
    public var diameter: Double
    /// `#RRGGBB`.
    public var fillColor: String
    /// Drawn with a dark ring.
    public var bridge: Bool
    /// Label size, points.
    public var fontSize: Double

    public init(
      label: String?, tooltip: String, diameter: Double, fillColor: String, bridge: Bool,
      fontSize: Double
    ) {
      self.label = label
      self.tooltip = tooltip
      self.diameter = diameter
      self.fillColor = fillColor
      self.bridge = bridge
      self.fontSize = fontSize
    }
  }

  public struct Edge: Sendable, Equatable {
    /// Indices into `nodes`; the arrow points from source to target.
    public var source: Int
    public var target: Int
    /// Line width, points.
    public var width: Double
    /// `#RRGGBBAA`.
    public var color: String

    public init(source: Int, target: Int, width: Double, color: String) {
      self.source = source
      self.target = target
      self.width = width
      self.color = color
    }
  }

  /// One colored swatch of the legend.
  public struct Swatch: Sendable, Equatable {
    public var color: String
    public var text: String

    public init(color: String, text: String) {
      self.color = color
      self.text = text
    }
  }

  /// One reference circle of the size key: its diameter (inches) and what it reads.
  public struct SizeKey: Sendable, Equatable {
    public var diameter: Double
    public var text: String

    public init(diameter: Double, text: String) {
      self.diameter = diameter
      self.text = text
    }
  }

  public var title: String
  /// Lines under the title saying how the map was made.
  public var caption: [String]
  /// The color key.
  public var swatches: [Swatch]
  /// Lines explaining size, width, rings.
  public var legend: [String]
  public var nodes: [Node]
  public var edges: [Edge]
  /// The size key drawn beside the map (empty: none).
  public var sizeKey: [SizeKey] = []
  /// The font for every text; the SVG's style adds emoji fallbacks.
  public var fontName = "DejaVu Sans"

  public init(
    title: String, caption: [String], swatches: [Swatch], legend: [String], nodes: [Node],
    edges: [Edge]
  ) {
    self.title = title
    self.caption = caption
    self.swatches = swatches
    self.legend = legend
    self.nodes = nodes
    self.edges = edges
  }

  /// The map before layout: labels as `xlabel`s, positions left to the layout engine.
  public var text: String { text(placement: nil) }

  /// Where the placement pass puts things, in points: every node, and the labels it could
  /// place (nil: dropped, the tooltip still names the node).
  public struct Placement: Sendable {
    public var nodes: [(x: Double, y: Double)]
    public var labels: [LabelPlacer.Spot?]
    /// The header's font scale: 1 up to a 900-point-wide map, then growing with the width
    /// (at most 3×), so the caption of a 2,000-point map is not an unreadable 11 points.
    public var headerScale = 1.0
    /// The size key and the isolated accounts' heading, beside the map.
    var side: [MapSide.Mark] = []
  }

  /// The nodes with no edge to another shown node, by rank.
  var isolated: [Int] {
    var linked = Set<Int>()
    for edge in edges where edge.source != edge.target {
      linked.insert(edge.source)
      linked.insert(edge.target)
    }
    return nodes.indices.filter { !linked.contains($0) }
  }

  /// The DOT text with `placement`'s positions fixed (`pos="x,y!"`, drawn with `nop2`), each
  /// placed label a plaintext node `l<i>` beside node `n<i>`, joined to it by a thin leader
  /// line when it sits away from the circle. `labels: false` leaves every label out: the
  /// layout pass, whose positions must not depend on label sizes.
  /// `omitting`: nodes left out of the layout pass (the isolated ones, placed in a grid after).
  func text(placement: Placement?, labels: Bool = true, omitting: Set<Int> = []) -> String {
    let headerScale = placement?.headerScale ?? 1
    let font = Self.quoted(fontName)
    var out = "digraph \"clout\" {\n"
    out += "  graph [charset=\"UTF-8\", bgcolor=\"#FFFFFF\", fontname=\(font), fontsize=\"12\""
    if placement != nil {
      out += ", fontcolor=\"#222222\", outputorder=\"edgesfirst\", overlap=\"true\""
      out += ", splines=\"false\""
    } else {
      out += ", fontcolor=\"#222222\", outputorder=\"edgesfirst\", overlap=\"prism\""
      out += ", overlap_scaling=\"-4\", sep=\"+8\", esep=\"+4\", splines=\"false\", K=\"0.6\""
      out += ", repulsiveforce=\"1.2\", start=\"1\", forcelabels=\"true\""
    }
    out += ", pad=\"0.4\", margin=\"0\", nodesep=\"0.3\", ranksep=\"0.6\""
    out += ", labelloc=\"t\", labeljust=\"l\", label=\(headerLabel(scale: headerScale))];\n"
    out += "  node [shape=\"circle\", fixedsize=\"true\", style=\"filled\", label=\"\""
    out += ", fontname=\(font), fontsize=\"10\", fontcolor=\"#1A1A1A\", color=\"#FFFFFF\""
    out += ", penwidth=\"0.8\", width=\"0.2\", height=\"0.2\", fillcolor=\"#BBBBBB\"];\n"
    out += "  edge [arrowhead=\"normal\", arrowsize=\"0.5\", dir=\"forward\""
    out += ", color=\"#66666666\", penwidth=\"1\"];\n"
    for (index, node) in nodes.enumerated() where !omitting.contains(index) {
      let size = DecimalText.fixed(node.diameter, places: 3)
      out += "  n\(index + 1) [width=\"\(size)\", height=\"\(size)\""
      if let placement { out += ", pos=\(Self.position(placement.nodes[index]))" }
      out += ", fillcolor=\(Self.quoted(node.fillColor))"
      if node.bridge {
        // The ring grows with the circle, so it marks a small dot without swallowing it.
        let ring = Swift.max(1.2, Swift.min(2.4, node.diameter * 4))
        out += ", color=\"#1A1A1A\", penwidth=\"\(DecimalText.fixed(ring, places: 2))\""
      } else {
        out += ", color=\"#FFFFFF\", penwidth=\"0.8\""
      }
      if let label = node.label, labels, placement == nil {
        out +=
          ", xlabel=\(labelHTML(label)), fontsize=\"\(DecimalText.fixed(node.fontSize, places: 1))\""
      } else {
        out += ", xlabel=\"\""
      }
      out += ", tooltip=\(Self.quoted(node.tooltip))];\n"
    }
    var leaders: [Int] = []
    if let placement, labels {
      for (index, node) in nodes.enumerated() {
        guard let label = node.label, let spot = placement.labels[index] else { continue }
        out += "  l\(index + 1) [shape=\"plaintext\", fixedsize=\"false\", margin=\"0\""
        out +=
          ", style=\"solid\", width=\"0\", height=\"0\", pos=\(Self.position((spot.x, spot.y)))"
        out +=
          ", label=\(labelHTML(label)), fontsize=\"\(DecimalText.fixed(node.fontSize, places: 1))\""
        out += ", tooltip=\(Self.quoted(node.tooltip))];\n"
        if spot.leader { leaders.append(index) }
      }
    }
    for mark in placement?.side ?? [] {
      out += "  \(mark.name) [pos=\(Self.position((mark.x, mark.y)))"
      if let diameter = mark.diameter {
        let size = DecimalText.fixed(diameter, places: 3)
        out += ", width=\"\(size)\", height=\"\(size)\", fillcolor=\"#FFFFFF\""
        out += ", color=\"#666666\", penwidth=\"0.8\", xlabel=\"\""
      } else {
        out += ", shape=\"plaintext\", fixedsize=\"false\", margin=\"0\", width=\"0\""
        out += ", height=\"0\", style=\"solid\", fontcolor=\"#444444\", label=\(sideText(mark))"
        // Not scaled with the header: the column sits among the nodes, whose labels keep their
        // size, and its positions assume this size.
        out += ", fontsize=\"\(DecimalText.fixed(mark.fontSize, places: 1))\""
      }
      out += ", tooltip=\(Self.quoted(mark.text))];\n"
    }
    let sorted = edges.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
    for edge in sorted {
      let width = DecimalText.fixed(edge.width, places: 2)
      out += "  n\(edge.source + 1) -> n\(edge.target + 1) [penwidth=\"\(width)\""
      out += ", color=\(Self.quoted(edge.color))];\n"
    }
    for index in leaders {
      out += "  n\(index + 1) -> l\(index + 1) [dir=\"none\", penwidth=\"0.7\""
      out += ", color=\"#333333AA\"];\n"
    }
    out += "}\n"
    return out
  }

  /// A text of the side column, left-aligned in the box `MapSide` reserved for it: centred in
  /// a box sized by the estimated width, the heading started 20 points right of the grid under
  /// it (DejaVu Sans draws it narrower than the estimate).
  func sideText(_ mark: MapSide.Mark) -> String {
    let width = Int((mark.box.maxX - mark.box.minX).rounded(.up))
    let height = Int((mark.box.maxY - mark.box.minY).rounded(.up))
    return "<<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\""
      + " fixedsize=\"true\" width=\"\(width)\" height=\"\(height)\"><tr><td align=\"left\""
      + " width=\"\(width)\" height=\"\(height)\">\(Self.html(mark.text))</td></tr></table>>"
  }

  /// A label in a light box, which keeps it readable where it crosses edges.
  func labelHTML(_ label: String) -> String {
    "<<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\""
      + " bgcolor=\"#FFFFFFC8\"><tr><td>\(Self.html(Self.short(label)))</td></tr></table>>"
  }

  /// Just the labels, as plaintext nodes: what the placement pass lays out to learn each
  /// label's size as Graphviz measures the text (the fonts installed, the emoji fallbacks).
  var labelSizingText: String {
    var out = "graph \"labels\" {\n  graph [charset=\"UTF-8\", overlap=\"true\"];\n"
    out += "  node [shape=\"plaintext\", margin=\"0\", width=\"0\", height=\"0\""
    out += ", fontname=\(Self.quoted(fontName))];\n"
    for (index, node) in nodes.enumerated() {
      guard let label = node.label else { continue }
      out += "  l\(index + 1) [label=\(labelHTML(label))"
      out += ", fontsize=\"\(DecimalText.fixed(node.fontSize, places: 1))\"];\n"
    }
    return out + "}\n"
  }

  static func position(_ point: (x: Double, y: Double)) -> String {
    "\"\(DecimalText.fixed(point.x, places: 2)),\(DecimalText.fixed(point.y, places: 2))!\""
  }

  /// Title, caption and legend as one HTML-like table at the top of the map, its fonts
  /// `scale` times the standard 22 / 11 points (see `Placement.headerScale`); the parts left
  /// empty are left out.
  func headerLabel(scale: Double = 1) -> String {
    func points(_ size: Double) -> String {
      DecimalText.fixed(size * scale, places: scale == 1 ? 0 : 1)
    }
    var rows: [String] = []
    // An empty title draws no title row: the HTML report prints the map's title as its own
    // heading and lays the map out without it.
    if !title.isEmpty {
      rows.append(
        "<tr><td align=\"left\" balign=\"left\"><font point-size=\"\(points(22))\"><b>\(Self.html(Self.line(title)))"
          + "</b></font></td></tr>")
    }
    if !caption.isEmpty {
      let lines = caption.map { Self.html(Self.line($0)) }.joined(separator: "<br align=\"left\"/>")
      rows.append(
        "<tr><td align=\"left\" balign=\"left\"><font point-size=\"\(points(11))\" color=\"#444444\">"
          + lines + "<br align=\"left\"/></font></td></tr>")
    }
    if !swatches.isEmpty {
      var cells = ""
      for swatch in swatches {
        cells +=
          "<td bgcolor=\"\(Self.html(swatch.color))\" width=\"\(Int(14 * scale))\" height=\"\(Int(14 * scale))\" fixedsize=\"true\">"
          + "</td><td align=\"left\"><font point-size=\"\(points(11))\">\(Self.html(Self.line(swatch.text)))</font></td>"
      }
      rows.append(
        "<tr><td align=\"left\"><table border=\"0\" cellborder=\"0\" cellspacing=\"3\""
          + " cellpadding=\"1\"><tr>\(cells)</tr></table></td></tr>")
    }
    if !legend.isEmpty {
      let lines = legend.map { Self.html(Self.line($0)) }.joined(separator: "<br align=\"left\"/>")
      rows.append(
        "<tr><td align=\"left\" balign=\"left\"><font point-size=\"\(points(11))\" color=\"#222222\">"
          + lines + "<br align=\"left\"/></font></td></tr>")
    }
    guard !rows.isEmpty else { return "\"\"" }
    return "<<table border=\"0\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"2\">"
      + rows.joined() + "</table>>"
  }

  static func short(_ label: String) -> String { MarkupText.truncated(label, to: labelLimit) }
  static func line(_ text: String) -> String { MarkupText.truncated(text, to: headerLineLimit) }

  /// Text for an HTML-like label: entities for the XML specials, control characters as
  /// spaces (expat rejects most of them, and a newline would be a line break). Graphviz
  /// expands \N, \G, \E… (node, graph, edge names) even in HTML-like labels, and an entity
  /// (&#92;) is decoded before that: a doubled backslash is the one literal form.
  public static func html(_ text: String) -> String {
    MarkupText.xml(text, doublingBackslashes: true)
  }

  /// A DOT double-quoted string for escString attributes (tooltips): `"` escaped, control
  /// characters as spaces, and `\` written as four backslashes: the DOT reader halves them
  /// and Graphviz's `\N`/`\G` expansion halves them again, so `\N` in a name stays literal.
  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\\\\\"
      case _ where MarkupText.isReplaced(scalar): out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// The longest node label, in Unicode scalars: a `display name (@handle)` of Twitter's
  /// lengths fits; a 3,000-character handle made a 32,767-pixel-wide PNG. The tooltip keeps
  /// the full text.
  public static let labelLimit = 48
  /// The longest title and caption, legend or swatch line (the map's own lines run to about
  /// 160; the rest is a name from the data).
  public static let headerLineLimit = 240
}

/// Colors, sizes and widths of the map, chosen for people: area proportional to score, a
/// color-blind-safe palette, widths that grow slower than weight so a heavy tie does not
/// swallow the rest.
public enum MapStyle {
  /// Okabe & Ito's palette (without black, kept for rings and text), distinguishable with
  /// every common color-vision deficiency; communities past the seventh share the grey.
  public static let palette = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
  ]
  public static let otherColor = "#BBBBBB"

  public static func color(forGroup index: Int) -> String {
    index >= 0 && index < palette.count ? palette[index] : otherColor
  }

  /// The smallest dot drawn: below it a circle is too small to see or hover. A score under
  /// (0.1 / 0.9)² ≈ 1.2% of the map's highest is drawn at this size (the legend says so).
  public static let minimumDiameter = 0.1
  public static let maximumDiameter = 0.9

  /// Diameter (inches) of a node scoring `score` on a map whose highest score is `maximum`:
  /// the circle's area is proportional to the score from zero (`minimum`, 0 unless a caller
  /// means another origin), so a circle twice the area means twice the score. Measuring from
  /// the map's lowest score instead drew tenfold differences between scores of 1.000 and
  /// 1.000 (issue 15). Circles never shrink below `minimumDiameter`.
  public static func diameter(score: Double, minimum: Double = 0, maximum: Double) -> Double {
    let fraction = share(score, minimum, maximum)
    return Swift.max(minimumDiameter, maximumDiameter * fraction.squareRoot())
  }

  /// The score (out of `maximum`) drawn at `minimumDiameter`: lower scores are drawn there too.
  public static func smallestDotScore(maximum: Double) -> Double {
    let ratio = minimumDiameter / maximumDiameter
    return maximum * ratio * ratio
  }

  /// Three round scores for the size key, at about the top score, a quarter and a
  /// twenty-fifth of it (diameters 1, 1/2 and 1/5 of the largest), each rounded to two
  /// significant digits so the key reads as round numbers.
  public static func referenceScores(maximum: Double) -> [Double] {
    guard maximum > 0 else { return [] }
    return [1.0, 0.25, 0.04].map { roundedToTwoDigits(maximum * $0) }
  }

  static func roundedToTwoDigits(_ value: Double) -> Double {
    guard value > 0 else { return 0 }
    let magnitude = pow(10, (log10(value)).rounded(.down) - 1)
    return (value / magnitude).rounded(.down) * magnitude
  }

  /// Where `value` lies between `minimum` (0) and `maximum` (1).
  static func share(_ value: Double, _ minimum: Double, _ maximum: Double) -> Double {
    guard maximum > minimum else { return maximum > 0 ? 1 : 0 }
    let fraction: Double = (value - minimum) / (maximum - minimum)
    return Swift.min(1.0, Swift.max(0.0, fraction))
  }

  /// Edges fade as they get more numerous, so a dense map does not turn into a grey mass.
  public static func edgeColor(edgeCount: Int) -> String {
    let full: Int = 0x66
    var alpha: Int = full
    if edgeCount > 300 { alpha = Swift.max(0x22, full * 300 / edgeCount) }
    return "#555555" + String(alpha, radix: 16, uppercase: true)
  }

  /// Line width (points) of an edge of weight `weight` out of the map's heaviest `maximum`.
  public static func edgeWidth(weight: Double, maximum: Double) -> Double {
    let share = maximum > 0 ? min(1, max(0, weight / maximum)) : 0
    return 0.6 + 4.4 * share.squareRoot()
  }

  /// Label size (points) in five steps from 10 to 18 with the score: a few distinct sizes
  /// read as a hierarchy, and keep the SVG's style classes few.
  public static func fontSize(score: Double, minimum: Double = 0, maximum: Double) -> Double {
    let step: Double = (4 * share(score, minimum, maximum).squareRoot()).rounded(.down)
    return 10 + 2 * step
  }
}
