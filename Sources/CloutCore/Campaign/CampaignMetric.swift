/// What `clout campaign` measures per account in each window.
public enum CampaignMetric: String, Sendable, CaseIterable {
  /// Interactions from the account to the brand's accounts.
  case brandInteractions = "brand_interactions"
  /// Distinct accounts that engaged the brand at or after engaging the account, in the same
  /// window: the reach the account passed on to the brand.
  case brandEngagers = "brand_engagers"
  /// Distinct accounts that engaged the account.
  case engagers
  /// The account's Clout score in a ranking of that window alone.
  case score

  /// The metrics that need brand accounts to mean anything.
  public var needsBrand: Bool { self == .brandInteractions || self == .brandEngagers }
}

/// The pre-period features the comparison group is matched on, each as ln(1 + count).
public enum CampaignFeature: String, Sendable, CaseIterable {
  /// Interactions received.
  case inDegree = "log_in_degree"
  /// Distinct accounts that engaged the account.
  case engagers = "log_engagers"
  /// Interactions the account made.
  case given = "log_interactions_given"
}

/// An account as the two windows both know it: the store keys accounts by platform and user
/// id, else handle, and each window numbers its accounts on its own.
public struct CampaignAccount: Hashable, Sendable, Comparable {
  public var platform: String
  public var userID: String?
  public var handle: String?

  public init(platform: String, userID: String?, handle: String?) {
    self.platform = platform
    self.userID = userID
    self.handle = handle
  }

  public init(_ info: AccountInfo) {
    self.init(platform: info.platform, userID: info.userID, handle: info.handle)
  }

  public var name: String { handle ?? userID ?? "?" }

  /// Canonical order, as `AccountInfo.canonicallyOrdered`.
  public static func < (lhs: Self, rhs: Self) -> Bool {
    if lhs.platform != rhs.platform { return lhs.platform < rhs.platform }
    if lhs.name != rhs.name { return lhs.name < rhs.name }
    return (lhs.userID ?? "") < (rhs.userID ?? "")
  }
}
