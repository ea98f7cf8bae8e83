import CloutCore
import Foundation
import Testing

@testable import CloutStore

/// The snapshot cache gives back exactly what the scan gives, and is rebuilt, never used,
/// once the store has moved on.
@Suite struct EngagementSnapshotTests {
  let alice = account("alice", id: "1")
  let bob = account("bob", id: "2")
  let carol = account("carol")

  /// Every field of the data, as text: `EngagementData` is not `Equatable`.
  func describe(_ data: EngagementData) -> String {
    "\(data.accounts) \(data.graphAccountCount) \(data.interactionActors) "
      + "\(data.interactionTargets) \(data.interactionTypes) \(data.interactionTimes) "
      + "\(data.interactionMultipliers) \(data.postAuthors) \(data.postParents) "
      + "\(data.postRowIDs) \(data.placeholderKeys.sorted { $0.key < $1.key })"
  }

  /// A store of a root post, a reply to it and a reply to a post never stored (a
  /// placeholder parent).
  func storeWithReplies(_ directory: TempDirectory) throws -> Store {
    let store = try openStore(directory)
    try store.ingest([
      post("1", by: alice, at: 1_000),
      post("2", by: bob, at: 1_100, replyTo: reference("1", author: alice)),
      post("3", by: bob, at: 1_200, replyTo: reference("gone", author: carol)),
    ])
    return store
  }

  @Test func snapshotReadsBackWhatTheScanGaveAndFollowsLaterBatches() throws {
    let directory = try TempDirectory()
    let store = try storeWithReplies(directory)
    let snapshot = EngagementSnapshot.path(forStore: store.path)
    let scanned = try store.loadEngagementData(EngagementFilter(), snapshotMinimumRows: nil)
    #expect(!FileManager.default.fileExists(atPath: snapshot))
    let first = try store.loadEngagementData(EngagementFilter(), snapshotMinimumRows: 0)
    #expect(FileManager.default.fileExists(atPath: snapshot))
    let cached = try store.loadEngagementData(EngagementFilter(), snapshotMinimumRows: 0)
    #expect(describe(first) == describe(scanned))
    #expect(describe(cached) == describe(scanned))

    // A later batch changes the key: the snapshot is not used, and is replaced.
    try store.ingest([post("4", by: carol, at: 1_300, replyTo: reference("2", author: bob))])
    let rescanned = try store.loadEngagementData(EngagementFilter(), snapshotMinimumRows: nil)
    let after = try store.loadEngagementData(EngagementFilter(), snapshotMinimumRows: 0)
    #expect(describe(after) == describe(rescanned))
    #expect(describe(after) != describe(scanned))
    let again = try store.loadEngagementData(EngagementFilter(), snapshotMinimumRows: 0)
    #expect(describe(again) == describe(rescanned))

    // A window never reads it: post 4 and its parent 2, which joins as a root.
    let window = try store.loadEngagementData(
      EngagementFilter(since: 1_250), snapshotMinimumRows: 0)
    #expect(window.postAuthors.count == 2)
  }

  @Test func snapshotForAnotherKeyOrDamagedIsNotRead() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([
      post("1", by: alice, at: 1_000),
      post("2", by: bob, at: 1_100, replyTo: reference("1", author: alice)),
    ])
    let data = try store.loadEngagementData(EngagementFilter(), snapshotMinimumRows: nil)
    let path = directory.path("other-snapshot")
    let sources = StoreSources(
      accountIDs: (0..<data.accounts.count).map { Int64($0 + 1) },
      interactionPosts: (0..<data.interactionCount).map { _ in -1 })
    EngagementSnapshot.write(
      EngagementSnapshot.Contents(data: data, repairs: .init(), sources: sources), key: "k1",
      path: path)
    let read = EngagementSnapshot.read(path: path, key: "k1")
    #expect(read.map { describe($0.data) } == describe(data))
    #expect(read?.sources == sources)
    #expect(EngagementSnapshot.read(path: path, key: "k2") == nil)
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    for index in stride(from: 0, to: bytes.count, by: 7) {
      var damaged = bytes
      damaged[index] ^= 1
      try Data(damaged).write(to: URL(fileURLWithPath: path))
      #expect(EngagementSnapshot.read(path: path, key: "k1") == nil, "byte \(index)")
    }
    bytes.append(0)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(EngagementSnapshot.read(path: path, key: "k1") == nil)
  }

  /// A ranking's load leaves the post row ids out, from the scan and from the snapshot alike,
  /// and keeps everything else; `storedRowID(ofPost:)` says nil then, and otherwise gives the
  /// row id of every stored post and nil for a placeholder.
  @Test func loadWithoutPostRowIDsLeavesOnlyThemOut() throws {
    let directory = try TempDirectory()
    let store = try storeWithReplies(directory)
    let full = try store.loadEngagementData(EngagementFilter(), snapshotMinimumRows: nil)
    var expected = full
    expected.postRowIDs = []
    let scanned = try store.loadEngagementData(
      EngagementFilter(), snapshotMinimumRows: nil, postRowIDs: false)
    let written = try store.loadEngagementData(
      EngagementFilter(), snapshotMinimumRows: 0, postRowIDs: false)
    #expect(FileManager.default.fileExists(atPath: EngagementSnapshot.path(forStore: store.path)))
    let cached = try store.loadEngagementData(
      EngagementFilter(), snapshotMinimumRows: 0, postRowIDs: false)
    let cachedFull = try store.loadEngagementData(EngagementFilter(), snapshotMinimumRows: 0)
    for data in [scanned, written, cached] {
      #expect(describe(data) == describe(expected))
      #expect(data.invariantViolation == nil)
      #expect(
        (0..<data.postAuthors.count).allSatisfy { data.storedRowID(ofPost: Int32($0)) == nil })
    }
    #expect(describe(cachedFull) == describe(full))
    let rowIDs = (0..<full.postAuthors.count).map { full.storedRowID(ofPost: Int32($0)) }
    #expect(rowIDs == full.postRowIDs.map { $0 >= 0 ? $0 : nil })
    #expect(rowIDs.contains(nil) && rowIDs.contains { $0 != nil })
  }

  /// Columns a reader leaves in the file come back empty, the others whole; a flipped byte
  /// inside a column left in the file still makes the snapshot unread (it is checksummed as
  /// it is skipped), in columns longer than one read.
  @Test func columnsLeftInTheFileComeBackEmptyAndAreStillChecked() throws {
    let directory = try TempDirectory()
    let path = directory.path("columns-snapshot")
    let n = 100_000
    let contents = syntheticContents(interactions: n)
    EngagementSnapshot.write(contents, key: "k", path: path)
    var withoutRowIDs = contents.data
    withoutRowIDs.postRowIDs = []
    let bare = try #require(EngagementSnapshot.read(path: path, key: "k", columns: []))
    #expect(describe(bare.data) == describe(withoutRowIDs))
    #expect(bare.sources == StoreSources(accountIDs: [], interactionPosts: []))
    let rows = try #require(EngagementSnapshot.read(path: path, key: "k", columns: .postRowIDs))
    #expect(describe(rows.data) == describe(contents.data))
    #expect(rows.sources == StoreSources(accountIDs: [], interactionPosts: []))
    let sources = try #require(EngagementSnapshot.read(path: path, key: "k", columns: .sources))
    #expect(describe(sources.data) == describe(withoutRowIDs))
    #expect(sources.sources == contents.sources)

    // The file ends with the row ids (8 per post), the account ids (8 per account), the
    // interactions' posts (4 each) and the checksum (8).
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let interactionPostsStart = bytes.count - 8 - 4 * n
    let accountIDsStart = interactionPostsStart - 8 * 50
    let rowIDsStart = accountIDsStart - 8 * n
    #expect(Array(bytes[rowIDsStart..<(rowIDsStart + 8)]) == [1, 0, 0, 0, 0, 0, 0, 0])
    for index in [rowIDsStart + 3 * n, accountIDsStart + 17, interactionPostsStart + 2 * n] {
      var damaged = bytes
      damaged[index] ^= 0x10
      try Data(damaged).write(to: URL(fileURLWithPath: path))
      #expect(EngagementSnapshot.read(path: path, key: "k", columns: []) == nil, "byte \(index)")
    }
  }

  /// Synthetic data of `interactions` interactions among 50 accounts and as many posts in
  /// chains of four, written straight to a snapshot (no store needed).
  func syntheticContents(interactions: Int) -> EngagementSnapshot.Contents {
    let accounts = (0..<50).map {
      AccountInfo(platform: "x", handle: "a\($0)", userID: "\($0)", displayName: nil)
    }
    let data = EngagementData(
      accounts: accounts, graphAccountCount: 50,
      interactionActors: (0..<interactions).map { UInt32($0 % 50) },
      interactionTargets: (0..<interactions).map { UInt32(($0 * 7 + 1) % 50) },
      interactionTypes: (0..<interactions).map { [.reply, .repost, .quote, .mention][$0 % 4] },
      interactionTimes: (0..<interactions).map { 1_700_000_000 + Int64($0) },
      interactionMultipliers: (0..<interactions).map { Float($0 % 3) },
      postAuthors: (0..<interactions).map { Int32($0 % 50) },
      postParents: (0..<interactions).map { $0 % 4 == 0 ? -1 : Int32($0 - 1) },
      postRowIDs: (0..<interactions).map { Int64($0 + 1) })
    let sources = StoreSources(
      accountIDs: (0..<50).map { Int64($0 + 1) },
      interactionPosts: (0..<interactions).map { Int32($0) })
    return EngagementSnapshot.Contents(data: data, repairs: .init(), sources: sources)
  }

  /// A file cut anywhere (a torn write, a full disk) is never read, at every length from
  /// the header into the last column.
  @Test func truncatedSnapshotIsNotRead() throws {
    let directory = try TempDirectory()
    let path = directory.path("cut-snapshot")
    EngagementSnapshot.write(syntheticContents(interactions: 300), key: "k", path: path)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(EngagementSnapshot.read(path: path, key: "k") != nil)
    for length in Array(0..<40) + Array(stride(from: 40, to: bytes.count, by: 13))
      + [bytes.count - 1]
    {
      try bytes.prefix(length).write(to: URL(fileURLWithPath: path))
      #expect(EngagementSnapshot.read(path: path, key: "k") == nil, "length \(length)")
    }
  }

  /// Columns longer than one read (the reader checksums each piece as it arrives) read back
  /// whole, and a flipped byte deep inside one, or in the last bytes, is still caught.
  @Test func snapshotLargerThanOneReadRoundTripsAndIsChecked() throws {
    let directory = try TempDirectory()
    let path = directory.path("large-snapshot")
    let contents = syntheticContents(interactions: 40_000)
    EngagementSnapshot.write(contents, key: "k", path: path)
    let read = try #require(EngagementSnapshot.read(path: path, key: "k"))
    #expect(describe(read.data) == describe(contents.data))
    #expect(read.sources == contents.sources)
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(bytes.count > 3 * (1 << 18))
    for index in [1 << 18, (1 << 18) + 1, 600_001, bytes.count - 9, bytes.count - 1] {
      var damaged = bytes
      damaged[index] ^= 0x40
      try Data(damaged).write(to: URL(fileURLWithPath: path))
      #expect(EngagementSnapshot.read(path: path, key: "k") == nil, "byte \(index)")
    }
  }
}
