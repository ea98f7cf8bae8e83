import CloutCore

/// Finds accounts by what users type: `handle`, `@handle`, `platform:handle`, or a platform
/// user id, case-insensitively.
struct AccountLookup {
  private var byName: [String: [Int]] = [:]
  private let accounts: [AccountInfo]

  /// Indexes the first `limit` accounts (the ranked ones when limit is the graph size).
  init(_ accounts: [AccountInfo], limit: Int? = nil) {
    self.accounts = accounts
    for index in 0..<(limit ?? accounts.count) {
      let account = accounts[index]
      for name in Set([account.handle, account.userID?.lowercased()].compactMap { $0 }) {
        byName[name, default: []].append(index)
      }
    }
  }

  /// Every account the text names (several when a bare handle exists on several platforms).
  func find(_ text: String) -> [Int] {
    var platform: String?
    var name = Substring(text)
    if let colon = text.firstIndex(of: ":"), !text.hasPrefix("did:") {
      platform = PlatformName.normalize(text[..<colon])
      name = text[text.index(after: colon)...]
    }
    guard let key = Handle.normalize(name) else { return [] }
    let matches = byName[key] ?? []
    guard let platform else { return matches }
    return matches.filter { accounts[$0].platform == platform }
  }
}

/// Reads a list file: one account per line, `#` starts a comment, blank lines ignored.
enum AccountListFile {
  struct Entry {
    var line: Int
    var text: String
  }

  static func read(_ path: String) throws -> [Entry] {
    let content: String
    do {
      content = try TextFile.read(path)
    } catch let error as TextFile.Failure {
      Console.error(error.description)
      throw CloutExit.ioError
    }
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
