import Foundation

/// The column drawn to the right of the laid-out map: the size key (three reference circles
/// labelled with their scores) and, under it, the accounts with no edge to another shown
/// account in a compact grid headed "not connected to the others shown".
///
/// The layout engine packs isolated nodes into loose columns around the graph, where they
/// read as part of it and stretch the drawing; a grid at the side says what they are.
struct MapSide {
  /// A circle (k…) or a line of text (t…) of the column, in points, y up.
  struct Mark {
    var name: String
    var x, y: Double
    /// Circle diameter, or nil for text.
    var diameter: Double?
    var text: String
    var fontSize: Double
    /// The box a label must keep clear of (text marks).
    var box: (minX: Double, minY: Double, maxX: Double, maxY: Double)
  }

  var marks: [Mark] = []
  /// Where the isolated nodes go, by node index.
  var grid: [Int: (x: Double, y: Double)] = [:]
  /// Where the isolated nodes' labels go, by node index: straight beside their circle in the
  /// grid, so no leader line has to cross the heading or the other dots to reach them.
  var labels: [Int: LabelPlacer.Spot] = [:]
  /// The column's text size, points.
  var fontSize = Self.fontSize

  static let heading = "not connected to the others shown"
  static let keyHeading = "Circle area ∝ score"
  static let fontSize = 12.0
  /// Space between a grid circle and its label, as `LabelPlacer` leaves beside a circle.
  static let labelGap = LabelPlacer.gap + 0.5
  /// Space between the grid's circles (and labels), points.
  static let gap = 8.0

  /// A text's width as DejaVu Sans draws it, about 0.6 em per character (measured on the
  /// caption's digits and lowercase letters); the column only needs to clear it.
  static func textWidth(_ text: String, fontSize: Double) -> Double {
    Double(text.count) * fontSize * 0.62
  }

  /// - Parameters:
  ///   - bounds: everything drawn for the connected nodes, their circles and labels (points),
  ///     nil when there are none; the column starts right of it.
  ///   - key: the reference circles (diameter in inches, text).
  ///   - isolated: the isolated nodes' indices (by rank), diameters (inches) and label sizes
  ///     (points; nil: unlabeled).
  ///   - scale: the column's text size over the standard 12 points (a wide map's key and
  ///     heading would otherwise be specks beside it).
  init(
    bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)?,
    key: [MapDOT.SizeKey],
    isolated: [(index: Int, diameter: Double, label: (width: Double, height: Double)?)],
    scale: Double = 1
  ) {
    fontSize = Self.fontSize * scale
    let fontSize = self.fontSize
    let left = bounds.map { $0.maxX + 36 * scale } ?? 0
    var y = bounds?.maxY ?? 0
    func text(_ name: String, _ words: String, x: Double, centerY: Double) {
      let width = Self.textWidth(words, fontSize: fontSize)
      let height = fontSize * 1.3
      marks.append(
        Mark(
          name: name, x: x + width / 2, y: centerY, diameter: nil, text: words,
          fontSize: fontSize,
          box: (x, centerY - height / 2, x + width, centerY + height / 2)))
    }
    if !key.isEmpty {
      text("tk", Self.keyHeading, x: left, centerY: y - fontSize * 0.6)
      y -= fontSize * 1.5
      let widest = key.map(\.diameter).max()! * 72
      for (index, reference) in key.enumerated() {
        let d = reference.diameter * 72
        let center = y - Swift.max(d, fontSize * 1.3) / 2
        marks.append(
          Mark(
            name: "k\(index + 1)", x: left + widest / 2, y: center, diameter: reference.diameter,
            text: reference.text, fontSize: fontSize,
            box: (
              left + widest / 2 - d / 2, center - d / 2, left + widest / 2 + d / 2, center + d / 2
            )
          ))
        text("t\(index + 1)", reference.text, x: left + widest + 8, centerY: center)
        y -= Swift.max(d, fontSize * 1.3) + 6
      }
      y -= fontSize * 1.5
    }
    guard !isolated.isEmpty else { return }
    text("ti", Self.heading, x: left, centerY: y - fontSize * 0.6)
    y -= fontSize * 1.3 + Self.gap
    // Shelves in rank order, left to right: each circle takes its own width (and its label's)
    // plus a gap, a row wraps at about 1.6 times the side of a square holding them all, and
    // each row is as tall as its tallest item. A grid of equal cells sized for the largest
    // (often the top account) spread 84 small dots of the RumourEval map over three times the
    // map's height.
    let gap = Self.gap
    struct Item {
      var index: Int
      var size: Double
      var label: (width: Double, height: Double)?
      var width: Double { size + (label.map { MapSide.labelGap + $0.width } ?? 0) }
      var height: Double { Swift.max(size, label?.height ?? 0) }
    }
    let items = isolated.map { Item(index: $0.index, size: $0.diameter * 72, label: $0.label) }
    let area = items.reduce(0) { $0 + ($1.width + gap) * ($1.height + gap) }
    let rowWidth = Swift.max(items.map(\.width).max()! + gap, area.squareRoot() * 1.6)
    var rows: [[(item: Item, x: Double)]] = [[]]
    var x = left
    for item in items {
      if x > left && x + item.width > left + rowWidth {
        rows.append([])
        x = left
      }
      rows[rows.count - 1].append((item, x))
      x += item.width + gap
    }
    // Circles and labels centred on their row's middle line.
    var rowTop = y
    for row in rows {
      let height = row.map(\.item.height).max()! + gap
      let middle = rowTop - height / 2
      for (item, x) in row {
        grid[item.index] = (x + item.size / 2, middle)
        if let label = item.label {
          labels[item.index] = LabelPlacer.Spot(
            x: x + item.size + Self.labelGap + label.width / 2, y: middle, leader: false)
        }
      }
      rowTop -= height
    }
  }
}
