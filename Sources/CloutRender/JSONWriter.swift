/// Writes an array of JSON objects whose keys keep the order of the columns.
///
/// Hand-written because Foundation's encoders either lose key order or sort keys
/// alphabetically, and users read `rank --format json` next to the CSV: same keys, same order.
public struct JSONWriter {
  private let keys: [String]
  private var rows: [String] = []

  public init(keys: [String]) {
    self.keys = keys
  }

  public mutating func appendRow(_ cells: [Cell]) {
    var members: [String] = []
    for (key, cell) in zip(keys, cells) {
      members.append(Self.string(key) + ": " + Self.value(cell))
    }
    rows.append("  {" + members.joined(separator: ", ") + "}")
  }

  /// The document: `[` newline, one object per line, `]` newline.
  public var text: String {
    rows.isEmpty ? "[]\n" : "[\n" + rows.joined(separator: ",\n") + "\n]\n"
  }

  public static func value(_ cell: Cell) -> String {
    switch cell {
    case .text(let value): string(value)
    case .integer(let value): String(value)
    case .decimal(let value, _) where !value.isFinite: "null"
    case .decimal: cell.plainText
    case .empty: "null"
    }
  }

  /// A JSON string literal with the escapes RFC 8259 requires.
  public static func string(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case let control
      where control.value < 0x20 || control.value == 0x2028 || control.value == 0x2029:
        let hex = String(control.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
