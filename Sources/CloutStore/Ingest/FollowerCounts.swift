import CloutCore

/// Keeps each account's latest follower count (`FollowerCount.supersedes`) in
/// `accounts.followers`, `followers_at` and `followers_post`.
///
/// Counts are collected per batch, the best per account in memory, and `flush()` compares each
/// with the stored one and writes only a newer one, inside the batch's transaction: so the
/// stored count is the best of every record ever ingested, whatever order files came in, and
/// re-ingesting a file changes nothing. Kept apart from `AccountResolver` (which owns names and
/// times) so that the two stay small; an account's count costs one primary-key read per batch
/// that names it, and a write only when the count moves.
final class FollowerCounts {
  private var batch: [Int64: FollowerCount] = [:]
  private let select: SQLiteStatement
  private let update: SQLiteStatement

  init(connection: OpaquePointer) throws(SQLiteFailure) {
    select = try SQLiteStatement(
      connection, "SELECT followers, followers_at, followers_post FROM accounts WHERE id = ?1")
    update = try SQLiteStatement(
      connection,
      "UPDATE accounts SET followers = ?2, followers_at = ?3, followers_post = ?4 WHERE id = ?1")
  }

  /// Notes that post `postID` of `time` gave account row `account` `count` followers.
  @inline(__always)
  func note(account: Int64, count: Int64?, time: Int64, postID: String) {
    guard let count else { return }
    let seen = FollowerCount(count: count, time: time, postID: postID)
    if let best = batch[account], !seen.supersedes(best) { return }
    batch[account] = seen
  }

  /// Writes the batch's counts that supersede the stored ones; call before each commit.
  func flush() throws(SQLiteFailure) {
    // Row order: the same writes in the same order for the same input.
    for (account, seen) in batch.sorted(by: { $0.key < $1.key }) {
      select.bind(1, account)
      let stored = try select.firstRow { row -> FollowerCount? in
        guard !row.isNull(0), !row.isNull(1), let post = row.string(2) else { return nil }
        return FollowerCount(count: row.int64(0), time: row.int64(1), postID: post)
      }
      if let stored = stored ?? nil, !seen.supersedes(stored) { continue }
      update.bind(1, account)
      update.bind(2, seen.count)
      update.bind(3, seen.time)
      update.bind(4, seen.postID)
      try update.run()
    }
    batch.removeAll(keepingCapacity: true)
  }
}
