import Testing

@testable import CloutCore

/// `DerivedInteractions` reuses its storage from post to post (the store's writer derives
/// every post's interactions in one value): each post must get exactly what a fresh
/// derivation gives, whatever the post before it left behind.
@Suite struct DerivedInteractionsTests {
  static func account(_ handle: String, id: String? = nil) -> AccountRef {
    AccountRef(userID: id, handle: handle)!
  }

  static func post(
    _ id: String, replyTo: PostReference? = nil, quoteOf: PostReference? = nil,
    mentions: [AccountRef] = []
  ) -> PostRecord {
    PostRecord(
      platform: "test", id: id, author: account("author"), createdAt: 0, replyTo: replyTo,
      quoteOf: quoteOf, mentions: mentions)
  }

  @Test func aReplyThatMentionsItsParentsAuthorIsOneReply() {
    // By hand: reply to b (also mentioned), quote of a post whose author is unknown, and a
    // mention of c: reply → b, quote via post 9, mention → c.
    let post = Self.post(
      "1", replyTo: PostReference(postID: "8", author: Self.account("b")),
      quoteOf: PostReference(postID: "9"), mentions: [Self.account("b"), Self.account("c")])
    var derived = DerivedInteractions()
    derived.derive(from: post)
    #expect(
      derived.interactions == [
        DerivedInteraction(type: .reply, target: Self.account("b"), viaPostID: nil),
        DerivedInteraction(type: .quote, target: nil, viaPostID: "9"),
        DerivedInteraction(type: .mention, target: Self.account("c"), viaPostID: nil),
      ])
  }

  @Test func reusedStorageGivesWhatAFreshDerivationGives() {
    // 40 mentions (past the linear scan of `AccountRefIndex`, so its maps are in use), with
    // repeats; then small posts that name some of the same accounts, which must not match
    // anything the earlier post left.
    let many = (0..<40).map { Self.account("m\($0 % 25)") }
    let posts = [
      Self.post("1", mentions: many),
      Self.post("2", mentions: [Self.account("m3"), Self.account("m3", id: "7")]),
      Self.post(
        "3", replyTo: PostReference(postID: "1", author: Self.account("m3")),
        mentions: [Self.account("m3")]),
      Self.post("4"),
      Self.post("5", mentions: many.reversed()),
      Self.post("6", mentions: [Self.account("m0")]),
    ]
    var derived = DerivedInteractions()
    for post in posts {
      derived.derive(from: post)
      #expect(derived.interactions == post.derivedInteractions(), "post \(post.id)")
    }
    #expect(posts[0].derivedInteractions().count == 25)
    #expect(posts[5].derivedInteractions().count == 1)
  }
}
