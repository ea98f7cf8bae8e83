import CloutCore
import CloutRender

extension AccountInfo {
  /// The account's latest follower count as the data gave it (`FollowerCount`), empty when no
  /// record gave one: context for the reader, read by no part of the score. The one cell of
  /// the `followers` column in `rank`, `explain`, `shortlist` and `export`.
  public var followersCell: Cell { followers.map { .integer(Int($0)) } ?? .empty }
}
