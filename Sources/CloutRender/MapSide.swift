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

  static let heading = "not connected to the others shown"
  static let keyHeading = "Circle area ∝ score"
  static let fontSize = 12.0

  /// A text's width as DejaVu Sans draws it, about 0.6 em per character (measured on the
  /// caption's digits and lowercase letters); the column only needs to clear it.
  static func textWidth(_ text: String, fontSize: Double) -> Double {
    Double(text.count) * fontSize * 0.62
  }

  /// - Parameters:
  ///   - bounds: the connected nodes' circles (points), nil when there are none.
  ///   - key: the reference circles (diameter in inches, text).
  ///   - isolated: the isolated nodes' indices (by rank) and diameters (inches).
  init(
    bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)?,
    key: [MapDOT.SizeKey], isolated: [(index: Int, diameter: Double)]
  ) {
    let left = bounds.map { $0.maxX + 48 } ?? 0
    var y = bounds?.maxY ?? 0
    func text(_ name: String, _ words: String, x: Double, centerY: Double) {
      let width = Self.textWidth(words, fontSize: Self.fontSize)
      let height = Self.fontSize * 1.3
      marks.append(
        Mark(
          name: name, x: x + width / 2, y: centerY, diameter: nil, text: words,
          fontSize: Self.fontSize,
          box: (x, centerY - height / 2, x + width, centerY + height / 2)))
    }
    if !key.isEmpty {
      text("tk", Self.keyHeading, x: left, centerY: y - 7)
      y -= 18
      let widest = key.map(\.diameter).max()! * 72
      for (index, reference) in key.enumerated() {
        let d = reference.diameter * 72
        let center = y - d / 2
        marks.append(
          Mark(
            name: "k\(index + 1)", x: left + widest / 2, y: center, diameter: reference.diameter,
            text: reference.text, fontSize: Self.fontSize,
            box: (
              left + widest / 2 - d / 2, center - d / 2, left + widest / 2 + d / 2, center + d / 2
            )
          ))
        text("t\(index + 1)", reference.text, x: left + widest + 8, centerY: center)
        y -= Swift.max(d, Self.fontSize * 1.3) + 6
      }
      y -= 18
    }
    guard !isolated.isEmpty else { return }
    text("ti", Self.heading, x: left, centerY: y - 7)
    y -= 22
    // Shelves in rank order, left to right: each circle takes its own width plus a gap, a row
    // wraps at about 1.6 times the side of a square holding them all, and each row is as tall
    // as its largest circle. A grid of equal cells sized for the largest (often the top
    // account) spread 84 small dots of the RumourEval map over three times the map's height.
    let gap = 12.0
    let sizes = isolated.map { $0.diameter * 72 }
    let area = sizes.reduce(0) { $0 + ($1 + gap) * ($1 + gap) }
    let rowWidth = Swift.max(sizes.max()! + gap, area.squareRoot() * 1.6)
    var rows: [[(index: Int, x: Double, size: Double)]] = [[]]
    var x = left
    for (node, size) in zip(isolated, sizes) {
      if x > left && x + size > left + rowWidth {
        rows.append([])
        x = left
      }
      rows[rows.count - 1].append((node.index, x + size / 2, size))
      x += size + gap
    }
    // Circles centred on their row's middle line.
    var rowTop = y
    for row in rows {
      let height = row.map(\.size).max()! + gap
      for circle in row { grid[circle.index] = (circle.x, rowTop - height / 2) }
      rowTop -= height
    }
  }
}
