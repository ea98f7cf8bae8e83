import CloutCore

/// Which accounts on different platforms belong to one person, so the shortlist shows that
/// person once: the rules of the merge, apart from reading the `--identities` file.
public struct Identities: Sendable {
  /// One `person,platform,handle` row, fields trimmed.
  public struct Entry: Sendable {
    public var line: Int
    public var person: String
    public var platform: String
    public var handle: String

    public init(line: Int, person: String, platform: String, handle: String) {
      self.line = line
      self.person = person
      self.platform = platform
      self.handle = handle
    }
  }

  public enum Failure: Error, Sendable, Equatable {
    /// A row with an empty field (`person`, `platform` or `handle`).
    case emptyField(line: Int, field: String)
    /// An account given to two different people.
    case claimedTwice(line: Int, account: String, person: String, earlierLine: Int)

    /// The message, naming the file the rows came from.
    public func message(path: String) -> String {
      switch self {
      case .emptyField(let line, let field): "\(path):\(line): field '\(field)': empty"
      case .claimedTwice(let line, let account, let person, let earlierLine):
        "\(path):\(line): \(account) is already given to '\(person)' on line \(earlierLine); "
          + "an account belongs to one person"
      }
    }
  }

  /// Person name → graph nodes, in order of first appearance.
  public var people: [(person: String, nodes: [Int])] = []
  /// Rows naming no ranked account: `(line, platform:handle)`, skipped.
  public var unknown: [(line: Int, account: String)] = []

  public init() {}

  /// The people of `entries` among the first `ranked` accounts; the first bad row throws.
  public init(_ entries: [Entry], accounts: [AccountInfo], ranked: Int) throws(Failure) {
    let lookup = AccountLookup(accounts, limit: ranked)
    var personIndex: [String: Int] = [:]
    var claimedBy: [Int: (person: String, line: Int)] = [:]
    for entry in entries {
      for (name, value) in [
        ("person", entry.person), ("platform", entry.platform), ("handle", entry.handle),
      ] where value.isEmpty {
        throw .emptyField(line: entry.line, field: name)
      }
      let account = "\(entry.platform):\(entry.handle)"
      guard let node = lookup.find(account).first else {
        unknown.append((entry.line, account))
        continue
      }
      if let claim = claimedBy[node], claim.person != entry.person {
        throw .claimedTwice(
          line: entry.line, account: account, person: claim.person, earlierLine: claim.line)
      }
      claimedBy[node] = (entry.person, entry.line)
      if let index = personIndex[entry.person] {
        if !people[index].nodes.contains(node) { people[index].nodes.append(node) }
      } else {
        personIndex[entry.person] = people.count
        people.append((entry.person, [node]))
      }
    }
  }
}
