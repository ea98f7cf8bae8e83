import CloutCore

/// One platform's row in `platforms` and the resolver's cache of its accounts: user id or
/// handle → index into the resolver's account array.
final class PlatformAccounts {
  let id: Int64
  let name: String
  // `@exclusivity(unchecked)`: touched by the ingest writer thread only; the dynamic checks
  // were part of 5.6% of its instructions (figures in BatchWriter.swift).
  @exclusivity(unchecked) fileprivate var byUserID: [String: Int] = [:]
  @exclusivity(unchecked) fileprivate var byHandle: [String: Int] = [:]
  /// True while every stored account of the platform is one this run created, so that a
  /// reference the cache does not know names no stored account and the look-ups in
  /// `accounts` that would say so are skipped: the platform had no accounts when the run
  /// first met it, no other connection has written since (`AccountResolver.forgetStore`),
  /// and no account's handle has changed (the cache maps the handle an account was created
  /// with; a look-up finds it under its new one).
  ///
  /// On a fresh store those look-ups were one to three per new account, all misses:
  /// `clout ingest` of the SNAP higgs-twitter edges (563k edges, 305k accounts), perf: 18.6%
  /// of all samples.
  @exclusivity(unchecked) fileprivate var cacheIsComplete: Bool

  fileprivate init(id: Int64, name: String, cacheIsComplete: Bool) {
    self.id = id
    self.name = name
    self.cacheIsComplete = cacheIsComplete
  }
}

/// Resolves `AccountRef`s to `accounts` rows during one ingest run, caching every resolution.
///
/// Rules (the store's account identity):
/// - a reference with a user id is the row with that (platform, user_id); failing that, an
///   id-less row with its handle, which is given the id (no duplicate account); failing that,
///   a new row;
/// - a reference with a handle only is an existing row with that (platform, handle), any row,
///   the most recently seen first; failing that, a new id-less row;
/// - `first_seen` / `last_seen` span the post times of every record naming the account;
///   `handle` (of rows keyed by id) and `display_name` are taken from the reference with the
///   latest post time (`names_at`); a name is never replaced by a missing one.
///
/// Account changes other than creation are kept in memory and written by `flush()` at the end
/// of each batch, so a busy account costs one UPDATE per batch, not one per post.
final class AccountResolver {
  private struct Account {
    var rowID: Int64
    var userID: String?
    var handle: String?
    var displayName: String?
    var firstSeen: Int64
    var lastSeen: Int64
    var namesAt: Int64
    var dirty: Bool
    /// The handle or display name changed since the last flush (indexed column: written only
    /// when it changed; most flushes only move the times).
    var namesChanged = false
  }

  // `@exclusivity(unchecked)`: touched by the ingest writer thread only; the dynamic checks
  // were part of 5.6% of its instructions (figures in BatchWriter.swift).
  @exclusivity(unchecked) private var accounts: [Account] = []
  @exclusivity(unchecked) private var dirty: [Int] = []
  private var platforms: [String: PlatformAccounts] = [:]
  @exclusivity(unchecked) private var lastPlatform: PlatformAccounts?

  /// Accounts inserted since the last `takeAddedCount()`.
  @exclusivity(unchecked) private(set) var added = 0

  private let selectPlatform: SQLiteStatement
  private let insertPlatform: SQLiteStatement
  private let platformHasAccounts: SQLiteStatement
  private let selectByUserID: SQLiteStatement
  private let selectByHandle: SQLiteStatement
  private let selectIDLessByHandle: SQLiteStatement
  private let insert: SQLiteStatement
  private let setUserID: SQLiteStatement
  private let update: SQLiteStatement
  private let updateTimes: SQLiteStatement

  private static let columns = "id, user_id, handle, display_name, first_seen, last_seen, names_at"

  init(connection: OpaquePointer) throws(SQLiteFailure) {
    let columns = Self.columns
    selectPlatform = try SQLiteStatement(connection, "SELECT id FROM platforms WHERE name = ?1")
    insertPlatform = try SQLiteStatement(connection, "INSERT INTO platforms(name) VALUES (?1)")
    platformHasAccounts = try SQLiteStatement(
      connection, "SELECT EXISTS (SELECT 1 FROM accounts WHERE platform = ?1)")
    selectByUserID = try SQLiteStatement(
      connection, "SELECT \(columns) FROM accounts WHERE platform = ?1 AND user_id = ?2")
    selectByHandle = try SQLiteStatement(
      connection,
      """
      SELECT \(columns) FROM accounts WHERE platform = ?1 AND handle = ?2
      ORDER BY last_seen DESC, id LIMIT 1
      """)
    selectIDLessByHandle = try SQLiteStatement(
      connection,
      "SELECT \(columns) FROM accounts WHERE platform = ?1 AND handle = ?2 AND user_id IS NULL")
    insert = try SQLiteStatement(
      connection,
      """
      INSERT INTO accounts(platform, user_id, handle, display_name, first_seen, last_seen, names_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5)
      """)
    setUserID = try SQLiteStatement(connection, "UPDATE accounts SET user_id = ?2 WHERE id = ?1")
    update = try SQLiteStatement(
      connection,
      """
      UPDATE accounts SET handle = ?2, display_name = ?3, first_seen = ?4, last_seen = ?5,
        names_at = ?6 WHERE id = ?1
      """)
    updateTimes = try SQLiteStatement(
      connection,
      "UPDATE accounts SET first_seen = ?2, last_seen = ?3, names_at = ?4 WHERE id = ?1")
  }

  /// Another connection wrote to the store: from now on a reference the cache does not know
  /// is looked up in `accounts`.
  func forgetStore() {
    for platform in platforms.values { platform.cacheIsComplete = false }
  }

  func takeAddedCount() -> Int {
    defer { added = 0 }
    return added
  }

  /// The platform named `name` (its `platforms` row is added when missing).
  @inline(__always)
  func platform(named name: String) throws(SQLiteFailure) -> PlatformAccounts {
    if let last = lastPlatform, last.name == name { return last }
    return try lookUpPlatform(name)
  }

  private func lookUpPlatform(_ name: String) throws(SQLiteFailure) -> PlatformAccounts {
    let found: PlatformAccounts
    if let existing = platforms[name] {
      found = existing
    } else {
      selectPlatform.bind(1, name)
      var id = try selectPlatform.firstRow { $0.int64(0) }
      if id == nil {
        insertPlatform.bind(1, name)
        try insertPlatform.run()
        id = insertPlatform.lastInsertedRowID
      }
      platformHasAccounts.bind(1, id!)
      let hasAccounts = try platformHasAccounts.firstRow { $0.int64(0) != 0 } ?? true
      found = PlatformAccounts(id: id!, name: name, cacheIsComplete: !hasAccounts)
      platforms[name] = found
    }
    lastPlatform = found
    return found
  }

  /// The row id of the account `ref` names on `index`'s platform, seen at `time` (unix
  /// seconds).
  func resolve(
    _ ref: AccountRef, in index: PlatformAccounts, time: Int64
  ) throws(SQLiteFailure) -> Int64 {
    let platform = index.id
    if let userID = ref.userID {
      if let cached = index.byUserID[userID] {
        touch(cached, ref, time, index)
        return accounts[cached].rowID
      }
      if !index.cacheIsComplete {
        selectByUserID.bind(1, platform)
        selectByUserID.bind(2, userID)
        if let found = try selectByUserID.firstRow(Self.readAccount) {
          let cached = remember(found, in: index)
          touch(cached, ref, time, index)
          return accounts[cached].rowID
        }
      }
      if let handle = ref.handle, let cached = try idLessAccount(handle, index) {
        setUserID.bind(1, accounts[cached].rowID)
        setUserID.bind(2, userID)
        try setUserID.run()
        accounts[cached].userID = userID
        index.byUserID[userID] = cached
        touch(cached, ref, time, index)
        return accounts[cached].rowID
      }
    } else if let handle = ref.handle {
      if let cached = index.byHandle[handle] {
        touch(cached, ref, time, index)
        return accounts[cached].rowID
      }
      if !index.cacheIsComplete {
        selectByHandle.bind(1, platform)
        selectByHandle.bind(2, handle)
        if let found = try selectByHandle.firstRow(Self.readAccount) {
          let cached = remember(found, in: index)
          index.byHandle[handle] = cached
          touch(cached, ref, time, index)
          return accounts[cached].rowID
        }
      }
    }
    insert.bind(1, platform)
    insert.bind(2, ref.userID)
    insert.bind(3, ref.handle)
    insert.bind(4, ref.displayName)
    insert.bind(5, time)
    try insert.run()
    added += 1
    let account = Account(
      rowID: insert.lastInsertedRowID, userID: ref.userID, handle: ref.handle,
      displayName: ref.displayName, firstSeen: time, lastSeen: time, namesAt: time, dirty: false)
    return accounts[remember(account, in: index)].rowID
  }

  /// The row id `resolve` would return for `ref`, without creating, naming or touching any
  /// account; nil when the store has no such account. For later copies of a stored post,
  /// which must leave accounts as they are.
  func existingRow(_ ref: AccountRef, in index: PlatformAccounts) throws(SQLiteFailure) -> Int64? {
    if let userID = ref.userID {
      if let cached = index.byUserID[userID] { return accounts[cached].rowID }
      if !index.cacheIsComplete {
        selectByUserID.bind(1, index.id)
        selectByUserID.bind(2, userID)
        if let found = try selectByUserID.firstRow(Self.readAccount) {
          return accounts[remember(found, in: index)].rowID
        }
      }
      if let handle = ref.handle, let cached = try idLessAccount(handle, index) {
        return accounts[cached].rowID
      }
      return nil
    }
    guard let handle = ref.handle else { return nil }
    if let cached = index.byHandle[handle] { return accounts[cached].rowID }
    if index.cacheIsComplete { return nil }
    selectByHandle.bind(1, index.id)
    selectByHandle.bind(2, handle)
    guard let found = try selectByHandle.firstRow(Self.readAccount) else { return nil }
    let cached = remember(found, in: index)
    index.byHandle[handle] = cached
    return accounts[cached].rowID
  }

  /// Writes the accounts changed since the last flush.
  func flush() throws(SQLiteFailure) {
    for cached in dirty {
      let account = accounts[cached]
      if account.namesChanged {
        update.bind(1, account.rowID)
        update.bind(2, account.handle)
        update.bind(3, account.displayName)
        update.bind(4, account.firstSeen)
        update.bind(5, account.lastSeen)
        update.bind(6, account.namesAt)
        try update.run()
      } else {
        updateTimes.bind(1, account.rowID)
        updateTimes.bind(2, account.firstSeen)
        updateTimes.bind(3, account.lastSeen)
        updateTimes.bind(4, account.namesAt)
        try updateTimes.run()
      }
      accounts[cached].dirty = false
      accounts[cached].namesChanged = false
    }
    dirty.removeAll(keepingCapacity: true)
  }

  private func idLessAccount(
    _ handle: String, _ index: PlatformAccounts
  ) throws(SQLiteFailure) -> Int? {
    if let cached = index.byHandle[handle], accounts[cached].userID == nil { return cached }
    // With a complete cache an id-less account with this handle is the one `byHandle` maps
    // it to: one is created only when the handle is not mapped yet, and keeps its handle.
    if index.cacheIsComplete { return nil }
    selectIDLessByHandle.bind(1, index.id)
    selectIDLessByHandle.bind(2, handle)
    guard let found = try selectIDLessByHandle.firstRow(Self.readAccount) else { return nil }
    let cached = remember(found, in: index)
    index.byHandle[handle] = cached
    return cached
  }

  private func remember(_ account: Account, in index: PlatformAccounts) -> Int {
    let cached = accounts.count
    accounts.append(account)
    if let userID = account.userID { index.byUserID[userID] = cached }
    if let handle = account.handle, index.byHandle[handle] == nil {
      index.byHandle[handle] = cached
    }
    return cached
  }

  private static func readAccount(_ row: SQLiteStatement) -> Account {
    Account(
      rowID: row.int64(0), userID: row.string(1), handle: row.string(2),
      displayName: row.string(3), firstSeen: row.int64(4), lastSeen: row.int64(5),
      namesAt: row.int64(6), dirty: false)
  }

  @inline(__always)
  private func touch(
    _ cached: Int, _ ref: AccountRef, _ time: Int64, _ index: PlatformAccounts
  ) {
    var changed = false
    accounts.withUnsafeMutableBufferPointer { buffer in
      if time < buffer[cached].firstSeen {
        buffer[cached].firstSeen = time
        changed = true
      }
      if time > buffer[cached].lastSeen {
        buffer[cached].lastSeen = time
        changed = true
      }
      let newer = time >= buffer[cached].namesAt
      if let name = ref.displayName, newer || buffer[cached].displayName == nil,
        name != buffer[cached].displayName
      {
        buffer[cached].displayName = name
        buffer[cached].namesChanged = true
        changed = true
      }
      if newer, buffer[cached].userID != nil, let handle = ref.handle,
        handle != buffer[cached].handle
      {
        buffer[cached].handle = handle
        buffer[cached].namesChanged = true
        changed = true
        index.cacheIsComplete = false
      }
      if newer, time > buffer[cached].namesAt, ref.displayName != nil || ref.userID != nil {
        buffer[cached].namesAt = time
        changed = true
      }
      if changed, !buffer[cached].dirty {
        buffer[cached].dirty = true
        dirty.append(cached)
      }
    }
  }
}
