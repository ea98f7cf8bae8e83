/// A reference to an account as a record names it: by the platform's stable user id, by
/// handle, or both. The store resolves references to account rows (see `CloutStore`).
///
/// Accounts are keyed by platform + user id when the id is known, else by normalized handle.
public struct AccountRef: Hashable, Sendable {
  /// The platform's stable user id (Twitter's `author_id`, a Bluesky DID), when known.
  public var userID: String?
  /// The normalized handle (see `Handle.normalize`), when known.
  public var handle: String?
  /// The display name as the record gives it, when it does.
  public var displayName: String?

  /// Creates a reference; the handle is normalized. Returns nil when neither an id nor a
  /// usable handle is given.
  public init?(userID: String? = nil, handle: String? = nil, displayName: String? = nil) {
    let id = userID.flatMap { $0.isEmpty ? nil : $0 }
    let normalized = handle.flatMap { Handle.normalize($0) }
    guard id != nil || normalized != nil else { return nil }
    self.userID = id
    self.handle = normalized
    self.displayName = displayName.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// True when both references certainly name the same account: equal user ids, or, when
  /// either id is missing, equal handles.
  public func sameAccount(as other: AccountRef) -> Bool {
    if let id = userID, let otherID = other.userID { return id == otherID }
    if let handle, let otherHandle = other.handle { return handle == otherHandle }
    return false
  }
}
