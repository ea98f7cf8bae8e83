/// An aligned plain-text table for terminals: numbers right-aligned, text left-aligned,
/// control characters in user data replaced so that one hostile name cannot break the layout.
public struct TableWriter {
  private let header: [String]
  private var rows: [[Cell]] = []

  public init(header: [String]) {
    self.header = header
  }

  public mutating func appendRow(_ cells: [Cell]) {
    rows.append(cells)
  }

  public var text: String {
    let headerCells = header.map { Self.printable($0) }
    let bodyCells = rows.map { $0.map { Self.printable($0.plainText) } }
    var widths = headerCells.map(DisplayWidth.of)
    for row in bodyCells {
      for (column, value) in row.enumerated() where column < widths.count {
        widths[column] = max(widths[column], DisplayWidth.of(value))
      }
    }
    let numeric = Self.numericColumns(rows)
    var lines: [String] = []
    lines.append(Self.line(headerCells, widths: widths, rightAligned: numeric))
    lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for row in bodyCells {
      lines.append(Self.line(row, widths: widths, rightAligned: numeric))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Columns whose first non-empty cell is a number: a column of counts that the first row
  /// has none of (`followers`) still aligns right.
  static func numericColumns(_ rows: [[Cell]]) -> Set<Int> {
    var numeric = Set<Int>()
    var decided = Set<Int>()
    for row in rows {
      for (column, cell) in row.enumerated() where !decided.contains(column) {
        switch cell {
        case .empty: continue
        case .integer, .decimal: numeric.insert(column)
        case .text: break
        }
        decided.insert(column)
      }
      if decided.count == row.count { break }
    }
    return numeric
  }

  static func line(_ cells: [String], widths: [Int], rightAligned: Set<Int>) -> String {
    var parts: [String] = []
    for (column, width) in widths.enumerated() {
      let value = column < cells.count ? cells[column] : ""
      let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(value)))
      parts.append(rightAligned.contains(column) ? padding + value : value + padding)
    }
    var text = parts.joined(separator: "  ")
    while text.last == " " { text.removeLast() }
    return text
  }

  /// Replaces line breaks, tabs and other control characters with a space.
  public static func printable(_ value: String) -> String {
    String(
      String.UnicodeScalarView(
        value.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
  }
}
