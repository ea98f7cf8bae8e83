import CloutCore
import CloutIngest
import CloutReports

/// `--identities FILE`: a CSV `person,platform,handle`, read here and merged by `Identities`.
enum IdentitiesFile {
  static func read(_ path: String, accounts: [AccountInfo], ranked: Int) throws -> Identities {
    let table: CSVTable
    do {
      table = try CSVTable.read(path: path)
    } catch let error as RecordError {
      Console.error(error.description)
      throw CloutExit.dataError
    }
    let columns = ["person", "platform", "handle"].map { table.header.firstIndex(of: $0) }
    guard columns.allSatisfy({ $0 != nil }) else {
      Console.error(
        "\(path):1: an identities file needs the header person,platform,handle "
          + "(found: \(table.header.joined(separator: ",")))")
      throw CloutExit.dataError
    }
    let entries = table.rows.map { row in
      func field(_ column: Int?) -> String {
        guard let column, column < row.fields.count else { return "" }
        return row.fields[column].trimmingCharacters(in: .whitespaces)
      }
      return Identities.Entry(
        line: row.line, person: field(columns[0]), platform: field(columns[1]),
        handle: field(columns[2]))
    }
    let identities: Identities
    do {
      identities = try Identities(entries, accounts: accounts, ranked: ranked)
    } catch {
      Console.error(error.message(path: path))
      throw CloutExit.dataError
    }
    if !identities.unknown.isEmpty {
      Console.note(
        "note: \(identities.unknown.count) identity rows name accounts without interactions in "
          + "the selected data and were skipped:\n  "
          + identities.unknown.prefix(5).map { "\(path):\($0.line): \($0.account)" }
          .joined(separator: "\n  "))
    }
    return identities
  }
}
