import CloutCore
import Foundation
import Testing

@testable import CloutStore

/// Posts whose author is gone (Reddit's `[deleted]`, Hacker News deleted items) are kept so
/// their reply trees hold together, but never become an account nor receive credit.
@Suite struct DeletedAuthorTests {
  let alice = account("alice")
  let bob = account("bob")

  @Test func deletedAuthorsAreNeverAccountsNorCredited() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([
      post("root", by: alice, at: 1_000),
      post("gone", by: .deletedPlaceholder, at: 1_100, replyTo: reference("root"), mentions: [bob]),
      // bob replies to the deleted post, naming its author as [deleted] …
      post("b1", by: bob, at: 1_200, replyTo: reference("gone", author: .deletedPlaceholder)),
      // … and once without naming it (credited through the parent, which has no author).
      post("b2", by: bob, at: 1_300, replyTo: reference("gone")),
      // a reply to a deleted post that arrives later stays uncredited too
      post("b3", by: bob, at: 1_400, replyTo: reference("gone-later")),
    ])
    try store.ingest([post("gone-later", by: .deletedPlaceholder, at: 1_350)])

    #expect(try store.count("accounts", where: "handle = '[deleted]'") == 0)
    #expect(try store.count("accounts") == 2)
    #expect(try store.count("posts") == 6)
    #expect(try store.count("posts", where: "author_id IS NULL") == 2)
    #expect(try store.count("interactions") == 0, "nobody gives or receives for a deleted author")
    #expect(try store.count("pending_interactions") == 0)

    // The reply tree still holds: bob's replies hang under the deleted post, which hangs
    // under alice's post, with an unknown author.
    let data = try store.loadEngagementData(EngagementFilter())
    #expect(data.accounts.map(\.name).sorted() == ["alice", "bob"])
    let goneIndex = 1  // posts in row order: root, gone, b1, b2, b3, gone-later
    #expect(data.postAuthors[goneIndex] == ReplyForest.unknownAuthor)
    #expect(data.postParents[goneIndex] == 0)
    #expect(data.postParents[2] == 1 && data.postParents[3] == 1)
  }
}
