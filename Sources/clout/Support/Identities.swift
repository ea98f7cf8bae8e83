import CloutCore
import CloutIngest

/// `--identities FILE`: a CSV `person,platform,handle` saying which accounts on different
/// platforms belong to one person, so the shortlist shows that person once.
struct Identities {
  /// Person name → graph nodes, in file order of first appearance.
  var people: [(person: String, nodes: [Int])] = []

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
    let lookup = AccountLookup(accounts, limit: ranked)
    var result = Identities()
    var personIndex: [String: Int] = [:]
    var claimedBy: [Int: (person: String, line: Int)] = [:]
    var unknown: [String] = []
    for row in table.rows {
      func field(_ column: Int?) -> String {
        guard let column, column < row.fields.count else { return "" }
        return row.fields[column].trimmingCharacters(in: .whitespaces)
      }
      let person = field(columns[0])
      let platform = field(columns[1])
      let handle = field(columns[2])
      for (name, value) in [("person", person), ("platform", platform), ("handle", handle)]
      where value.isEmpty {
        Console.error("\(path):\(row.line): field '\(name)': empty")
        throw CloutExit.dataError
      }
      let found = lookup.find("\(platform):\(handle)")
      guard let node = found.first else {
        unknown.append("\(path):\(row.line): \(platform):\(handle)")
        continue
      }
      if let claim = claimedBy[node], claim.person != person {
        Console.error(
          "\(path):\(row.line): \(platform):\(handle) is already given to '\(claim.person)' "
            + "on line \(claim.line); an account belongs to one person")
        throw CloutExit.dataError
      }
      claimedBy[node] = (person, row.line)
      if let index = personIndex[person] {
        if !result.people[index].nodes.contains(node) { result.people[index].nodes.append(node) }
      } else {
        personIndex[person] = result.people.count
        result.people.append((person, [node]))
      }
    }
    if !unknown.isEmpty {
      Console.note(
        "note: \(unknown.count) identity rows name accounts without interactions in the selected "
          + "data and were skipped:\n  " + unknown.prefix(5).joined(separator: "\n  "))
    }
    return result
  }
}
