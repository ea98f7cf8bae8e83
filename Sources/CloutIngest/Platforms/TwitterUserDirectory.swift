import CloutCore

/// Twitter accounts seen in a record (v2 `includes.users`, inlined `author` objects, mention
/// entities), so that references by id get their handle and references by handle their id.
struct TwitterUserDirectory {
  private var byID: [String: (username: String?, name: String?)] = [:]
  private var idByUsername: [String: String] = [:]
  /// `public_metrics.followers_count` by user id: the last user object of the line that
  /// gives one.
  private var followersByID: [String: Int64] = [:]

  /// Adds a v2 user object (`id`, `username`, `name`) or a v1 one (`id_str`, `screen_name`).
  mutating func add(_ user: JSONObject) {
    let id = user.nonEmptyString("id_str") ?? user.nonEmptyString("id")
    let username = user.nonEmptyString("username") ?? user.nonEmptyString("screen_name")
    let name = user.nonEmptyString("name")
    add(id: id, username: username, name: name)
    if let id, let count = Self.followers(of: user) { followersByID[id] = count }
  }

  /// A v2 user object's `public_metrics.followers_count`.
  static func followers(of user: JSONObject?) -> Int64? {
    user?.object("public_metrics")?.followerCount("followers_count")
  }

  /// The follower count the line gives for the user with this id.
  func followers(id: String?) -> Int64? {
    id.flatMap { followersByID[$0] }
  }

  mutating func add(id: String?, username: String?, name: String?) {
    if let id {
      let known = byID[id]
      byID[id] = (username ?? known?.username, name ?? known?.name)
      if let username, let handle = Handle.normalize(username) { idByUsername[handle] = id }
    }
  }

  /// The account with this id and/or username, completed from what the directory knows.
  func account(id: String?, username: String?) -> AccountRef? {
    var resolvedID = id.flatMap { $0.isEmpty ? nil : $0 }
    if resolvedID == nil, let username, let handle = Handle.normalize(username) {
      resolvedID = idByUsername[handle]
    }
    let known = resolvedID.flatMap { byID[$0] }
    return AccountRef(
      userID: resolvedID, handle: username ?? known?.username, displayName: known?.name)
  }
}
