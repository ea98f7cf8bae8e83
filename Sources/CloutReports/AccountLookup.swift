import CloutCore

/// Finds accounts by what users type: `handle`, `@handle`, `platform:handle`, or a platform
/// user id, case-insensitively.
public struct AccountLookup: Sendable {
  private var byName: [String: [Int]] = [:]
  private let accounts: [AccountInfo]

  /// Indexes the first `limit` accounts (the ranked ones when limit is the graph size).
  public init(_ accounts: [AccountInfo], limit: Int? = nil) {
    self.accounts = accounts
    for index in 0..<(limit ?? accounts.count) {
      let account = accounts[index]
      for name in Set([account.handle, account.userID?.lowercased()].compactMap { $0 }) {
        byName[name, default: []].append(index)
      }
    }
  }

  /// Every account the text names (several when a bare handle exists on several platforms).
  public func find(_ text: String) -> [Int] {
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
