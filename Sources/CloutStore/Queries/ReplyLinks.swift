import CloutCore
import CSQLite

// The pass over the 3.78M links of the 10M-post text store (TopicConversations.swift) took
// 0.92–1.12 s of an idle machine's 3.8–4.7 s `rank --topic`: SQLite's step and column calls
// per row, and a scattered write per link into the parent table. Read in halves on two
// connections at once, the whole command takes 2.8–3.5 s (TopicConversations.swift).

/// Every stored reply link (reply → the stored post it answers), as two tables by row id:
/// each post's parent, and each post's replies in row id order. 0 stands for "none": ingest
/// numbers posts from 1.
struct ReplyLinks {
  /// Reads the links of the parents in a range into the tables on a connection of its own,
  /// as `scan` does; returns nil when that connection sees another store state than the
  /// caller's (the caller then reads the range itself), and `.success(nil)` for a link that
  /// names a row id past the tables. Runs on another thread.
  typealias Reader =
    @Sendable (ClosedRange<Int64>, ReplyLinkTables) -> Result<[UInt32]?, any Error>?

  private let tables: ReplyLinkTables
  private let replies: [UInt32]

  /// Below this many posts one pass on one connection is quicker than starting a second.
  static let splitMinimum = 1_000_000

  /// Reads the links through the covering index, the upper half of the parents through
  /// `secondReader` at the same time when there is one; nil when a link names a row id past
  /// `maxID` (a damaged or edited store).
  init?(
    connection: OpaquePointer, maxID: Int, secondReader: Reader? = nil,
    splitMinimum: Int = Self.splitMinimum
  ) throws(SQLiteFailure) {
    let tables = ReplyLinkTables(maxID: maxID)
    let whole = 1...Int64(max(maxID, 1))
    guard let reader = secondReader, maxID >= max(splitMinimum, 2) else {
      guard let replies = try Self.scan(connection, parents: whole, into: tables) else {
        return nil
      }
      tables.firstReply[maxID + 1] = UInt32(replies.count)
      self.tables = tables
      self.replies = replies
      return
    }
    let split = Int64(maxID / 2)
    let upper = (split + 1)...Int64(maxID)
    let task = Concurrent { reader(upper, tables) }
    // Waited for on every path: the other thread writes into `tables` until it returns.
    let lower: [UInt32]?
    do {
      lower = try Self.scan(connection, parents: 1...split, into: tables)
    } catch {
      _ = task.wait()
      throw error
    }
    var upperReplies: [UInt32]?
    switch task.wait() {
    case .success(let replies)?: upperReplies = replies
    // A second connection that fails or sees another state costs time, not the answer.
    case .failure?, nil: upperReplies = try Self.scan(connection, parents: upper, into: tables)
    }
    guard let lower, let upperReplies else { return nil }
    let offset = UInt32(lower.count)
    for post in Int(split + 1)...maxID { tables.firstReply[post] += offset }
    tables.firstReply[maxID + 1] = offset + UInt32(upperReplies.count)
    self.tables = tables
    self.replies = lower + upperReplies
  }

  /// The links whose parent is in `parents`, in parent then reply order: writes each reply's
  /// parent and each of those parents' first-reply position (in the returned list) into
  /// `tables`; nil when a link names a row id outside the tables.
  static func scan(
    _ connection: OpaquePointer, parents: ClosedRange<Int64>, into tables: ReplyLinkTables
  ) throws(SQLiteFailure) -> [UInt32]? {
    let statement = try SQLiteStatement(
      connection,
      """
      SELECT reply_to_post, id FROM posts INDEXED BY posts_reply_to_post
      WHERE reply_to_post IS NOT NULL AND reply_to_post BETWEEN ?1 AND ?2
      ORDER BY reply_to_post, id
      """)
    defer { statement.reset() }
    statement.bind(1, parents.lowerBound)
    statement.bind(2, parents.upperBound)
    let maxID = Int64(tables.parent.count - 1)
    var replies: [UInt32] = []
    var previousParent = Int(parents.lowerBound) - 1
    while try statement.step() {
      let from = statement.int64(0)
      let reply = statement.int64(1)
      guard from >= 1, from <= maxID, reply >= 1, reply <= maxID else { return nil }
      tables.parent[Int(reply)] = UInt32(from)
      // Rows arrive in parent order: open the reply lists of the parents up to this one.
      while previousParent < Int(from) {
        previousParent += 1
        tables.firstReply[previousParent] = UInt32(replies.count)
      }
      replies.append(UInt32(reply))
    }
    while previousParent < Int(min(parents.upperBound, maxID)) {
      previousParent += 1
      tables.firstReply[previousParent] = UInt32(replies.count)
    }
    return replies
  }

  @inline(__always)
  func parent(of post: Int) -> UInt32 { tables.parent[post] }

  func children(of post: Int) -> ArraySlice<UInt32> {
    replies[Int(tables.firstReply[post])..<Int(tables.firstReply[post + 1])]
  }
}

/// The two tables of `ReplyLinks`, written by two threads at once: each writes the parents
/// of the replies of its own range of parents (each reply has one parent, so no entry is
/// written twice) and the first-reply entries of its own range.
final class ReplyLinkTables: @unchecked Sendable {
  /// By row id: the parent's row id, 0 for a post that answers no stored post.
  let parent: UnsafeMutableBufferPointer<UInt32>
  /// By row id: where the post's replies start (the next entry ends them); maxID + 2 entries.
  let firstReply: UnsafeMutableBufferPointer<UInt32>

  init(maxID: Int) {
    parent = .allocate(capacity: maxID + 1)
    parent.initialize(repeating: 0)
    firstReply = .allocate(capacity: maxID + 2)
    firstReply.initialize(repeating: 0)
  }

  deinit {
    parent.deallocate()
    firstReply.deallocate()
  }
}
