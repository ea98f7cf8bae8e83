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

  /// Handles near `text` by edit distance, for "did you mean …?" (the platform prefix and
  /// `@` ignored), in account order.
  public func suggestions(for text: String, limit: Int = 3) -> [String] {
    var name = Substring(text)
    if let colon = text.firstIndex(of: ":"), !text.hasPrefix("did:") {
      name = text[text.index(after: colon)...]
    }
    let typed = Handle.normalize(name) ?? String(name)
    let handles = byName.keys.sorted { (byName[$0]![0], $0) < (byName[$1]![0], $1) }
    return Suggestions.nearest(to: typed, among: handles, limit: limit)
  }

  /// Every account the text names (several when a bare handle exists on several platforms).
  /// `handle#userid` (as `name(of:among:)` writes it) names one of several accounts that held
  /// the same handle.
  public func find(_ text: String) -> [Int] {
    var platform: String?
    var name = Substring(text)
    var userID: Substring?
    if let colon = text.firstIndex(of: ":"), !text.hasPrefix("did:") {
      platform = PlatformName.normalize(text[..<colon])
      name = text[text.index(after: colon)...]
    }
    if let hash = name.lastIndex(of: "#"), hash != name.startIndex {
      userID = name[name.index(after: hash)...]
      name = name[..<hash]
    }
    guard let key = Handle.normalize(name) else { return [] }
    var matches = byName[key] ?? []
    if let platform { matches = matches.filter { accounts[$0].platform == platform } }
    if let userID {
      matches = matches.filter { accounts[$0].userID?.lowercased() == userID.lowercased() }
    }
    return matches
  }

  /// The user id that tells `index` apart from another indexed account holding the same handle
  /// on its platform (the `#id` of `platform:handle#id`), or nil when its handle is its own.
  public func disambiguator(of index: Int) -> String? {
    let account = accounts[index]
    guard let handle = account.handle, let userID = account.userID else { return nil }
    let shared = (byName[handle] ?? []).contains {
      $0 != index && accounts[$0].platform == account.platform && accounts[$0].handle == handle
    }
    return shared ? userID : nil
  }

  /// `platform:handle`, with `#id` when another account holds the same handle there: a name
  /// `explain` resolves to exactly this account.
  public func distinctName(of index: Int) -> String {
    let account = accounts[index]
    let base = "\(account.platform):\(account.name)"
    return disambiguator(of: index).map { base + "#" + $0 } ?? base
  }

  /// The name that finds exactly `index` among `matches`: `platform:handle`, with `#userid`
  /// when another match on the same platform has the same handle.
  public func name(of index: Int, among matches: [Int]) -> String {
    let account = accounts[index]
    let base = "\(account.platform):\(account.name)"
    let collides = matches.contains {
      $0 != index && accounts[$0].platform == account.platform && accounts[$0].name == account.name
    }
    guard collides, let userID = account.userID, account.handle != nil else { return base }
    return base + "#" + userID
  }
}
