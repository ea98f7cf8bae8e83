/// What identifies an account across two loads of the store (two windows give the same
/// account different dense indices, but the same platform, handle and user id).
public struct AccountKey: Hashable, Sendable {
  public var platform: String
  public var handle: String?
  public var userID: String?

  public init(_ account: AccountInfo) {
    platform = account.platform
    handle = account.handle
    userID = account.userID
  }
}
