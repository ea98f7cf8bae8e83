/// Writes RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma,
/// a quote or a line break, and quotes doubled.
///
/// Text comes from strangers (display names, post texts), and spreadsheets execute cells
/// that start with `=`, `+`, `-`, `@`, a tab or a carriage return. Such text cells get a
/// leading `'` (the OWASP CSV-injection rule). Numbers are never altered, so a negative
/// score stays a number.
public struct CSVWriter {
  public private(set) var text: String

  /// - Parameters:
  ///   - header: the column names, written as the first row.
  ///   - byteOrderMark: prefix a UTF-8 BOM, which spreadsheet apps use to detect UTF-8.
  public init(header: [String], byteOrderMark: Bool = false) {
    text = byteOrderMark ? "\u{FEFF}" : ""
    appendRow(header.map { Cell.text($0) })
  }

  public mutating func appendRow(_ cells: [Cell]) {
    var first = true
    for cell in cells {
      if !first { text += "," }
      first = false
      text += Self.field(cell)
    }
    text += "\r\n"
  }

  /// The CSV text of one field.
  public static func field(_ cell: Cell) -> String {
    switch cell {
    case .text(let value):
      let guarded = guardAgainstFormula(value)
      return needsQuotes(guarded) ? quoted(guarded) : guarded
    case .integer, .decimal, .empty:
      return cell.plainText
    }
  }

  /// Prefixes `'` to text a spreadsheet would run as a formula.
  public static func guardAgainstFormula(_ value: String) -> String {
    guard let first = value.unicodeScalars.first else { return value }
    switch first {
    case "=", "+", "-", "@", "\t", "\r": return "'" + value
    default: return value
    }
  }

  static func needsQuotes(_ value: String) -> Bool {
    value.utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
    }
  }

  static func quoted(_ value: String) -> String {
    "\"" + value.replacingAll("\"", with: "\"\"") + "\""
  }
}

extension String {
  /// Foundation-free replacement of every occurrence of a character.
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    result.reserveCapacity(count)
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
