import CloutCore
import CloutReports

/// Reads a list file: one account per line, `#` starts a comment, blank lines ignored.
enum AccountListFile {
  struct Entry {
    var line: Int
    var text: String
  }

  static func read(_ path: String) throws -> [Entry] {
    let content: String
    content = try TextFile.read(path)
    var entries: [Entry] = []
    for (offset, rawLine) in content.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let withoutComment =
        rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        .first ?? ""
      let text = withoutComment.trimmingCharacters(in: .whitespacesAndNewlines)
      if !text.isEmpty { entries.append(Entry(line: offset + 1, text: text)) }
    }
    return entries
  }
}

/// `--seed-accounts FILE`.
enum SeedAccounts {
  static func resolve(file: String, in data: EngagementData) throws -> [Int] {
    let entries = try AccountListFile.read(file)
    let lookup = AccountLookup(data.accounts, limit: data.graphAccountCount)
    var seeds: [Int] = []
    var unknown: [String] = []
    for entry in entries {
      let found = lookup.find(entry.text)
      if found.isEmpty { unknown.append("\(file):\(entry.line): \(entry.text)") }
      seeds += found
    }
    if !unknown.isEmpty {
      Console.note(
        "warning: \(unknown.count) seed accounts have no interactions in the selected data:\n  "
          + unknown.prefix(10).joined(separator: "\n  "))
    }
    guard !seeds.isEmpty else {
      Console.error(
        "none of the accounts in \(file) has interactions in the selected data; "
          + "check the handles (one per line, optionally platform:handle)")
      throw CloutExit.dataError
    }
    return Array(Set(seeds)).sorted()
  }
}
