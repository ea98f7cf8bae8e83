import CloutCore
import Testing

@testable import CloutIngest

@Suite struct BlueskyReaderTests {
  // The fixture's invented accounts (see Fixtures/PROVENANCE-platforms.md).
  static let loomwork = "did:plc:b6wsavvtopdy6sym2l5ddwor"
  static let ada = "did:plc:5odna5x6kbgnxqd5pgzjiao4"
  static let bram = "did:plc:aqbkhkpby5rao4ntbxwszrh7"
  static let cleo = "did:plc:l5qxaategkogj2mlqmnj6qfb"
  static let dara = "did:plc:mgpry5wv3nod7yhucg4uv3fs"
  static let eli = "did:plc:hd7mkqcoo2khjc7nlfr5gkjt"
  static let finn = "did:plc:aci362y4dizpqf2wzo5ovtjg"

  static func uri(_ did: String, _ number: Int) -> String {
    let rkey = "3l" + String(repeating: "0", count: 3 - String(number).count) + "\(number)loomkq2x"
    return "at://\(did)/app.bsky.feed.post/\(rkey)"
  }

  @Test func fixture() throws {
    let result = try readAll(Input.fixture("bluesky.jsonl"))
    #expect(result.opened.format == .bluesky)
    #expect(result.opened.detectionNote == "detected bluesky (feed items)")
    #expect(result.errors.isEmpty)
    // 30 lines: feed items with their reply context (parent and root), reposts with their
    // originals, quotes with the quoted post, bare post views.
    #expect(result.posts.count == 47)
    #expect(Set(result.posts.map(\.id)).count == 30)  // 27 posts and 3 reposts
    #expect(Set(result.posts.map(\.platform)) == ["bluesky"])

    let root = Self.uri(Self.loomwork, 1)
    let announcement = try #require(result.post(root))
    #expect(
      announcement.author
        == account("loomwork.bsky.social", id: Self.loomwork, name: "Loomwork"))
    #expect(announcement.createdAt == 1_728_896_411)
    #expect(announcement.replyTo == nil && announcement.conversationID == nil)

    // A reply names its parent's author through the DID in the parent URI.
    let reply = try #require(result.post(Self.uri(Self.bram, 3)))
    #expect(
      reply.replyTo
        == PostReference(postID: Self.uri(Self.ada, 2), author: account(nil, id: Self.ada)))
    #expect(reply.conversationID == root)
    #expect(
      reply.mentions == [account("ada-lindqvist.bsky.social", id: Self.ada)].compactMap { $0 })
    #expect(result.replyDepth(Self.uri(Self.eli, 7)) == 6)
    // The mention's handle is read from the facet's byte range, after a multi-byte dash.
    let thanks = try #require(result.post(Self.uri(Self.loomwork, 5)))
    #expect(thanks.mentions.map(\.handle) == ["cleomarsh.bsky.social"])
    // A parent outside the file still names its author.
    let last = try #require(result.posts.last)
    #expect(last.replyTo?.author?.userID == "did:plc:jxr7m5lbm5z3crrxo6anfffj")
    #expect(result.lines.last == 30)
  }

  @Test func repostsFromReasons() throws {
    let result = try readAll(Input.fixture("bluesky.jsonl"), format: .bluesky)
    let original = Self.uri(Self.eli, 8)
    let repost = try #require(result.post("\(original)#repost-by-\(Self.bram)"))
    #expect(repost.author == account("bram.loom.example", id: Self.bram, name: "Bram"))
    #expect(repost.createdAt == 1_728_900_120)
    #expect(
      repost.repostOf
        == PostReference(
          postID: original, author: account("eli-benchmarks.bsky.social", id: Self.eli, name: "Eli")
        ))
    #expect(repost.mentions.isEmpty && repost.text == nil)
    // The original follows, with its own mentions.
    let ids = result.posts.map(\.id)
    let index = try #require(ids.firstIndex(of: repost.id))
    #expect(ids[index + 1] == original)
    #expect(result.posts[index + 1].mentions.map(\.userID) == [Self.loomwork, Self.ada])
    #expect(result.posts.filter { $0.repostOf != nil }.count == 3)
    let byAda = try #require(result.post("\(Self.uri(Self.loomwork, 1))#repost-by-\(Self.ada)"))
    #expect(byAda.createdAt == 1_728_900_060)
  }

  @Test func quotesAndMentions() throws {
    let result = try readAll(Input.fixture("bluesky.jsonl"), format: .bluesky)
    let quote = try #require(result.post(Self.uri(Self.bram, 9)))
    #expect(
      quote.quoteOf
        == PostReference(
          postID: Self.uri(Self.loomwork, 1),
          author: account("loomwork.bsky.social", id: Self.loomwork, name: "Loomwork")))
    // recordWithMedia: the quoted post is `record.record`.
    let withMedia = try #require(result.post(Self.uri(Self.cleo, 10)))
    #expect(withMedia.quoteOf?.postID == Self.uri(Self.eli, 8))
    #expect(withMedia.quoteOf?.author?.handle == "eli-benchmarks.bsky.social")
    #expect(
      withMedia.mentions == [account("eli-benchmarks.bsky.social", id: Self.eli)].compactMap { $0 })
    // `handle.invalid` is no handle; a mention of that account takes its handle from the text.
    let newcomer = try #require(result.post(Self.uri(Self.finn, 11)))
    #expect(newcomer.author == account(nil, id: Self.finn, name: "Finn"))
    #expect(
      result.post(Self.uri(Self.dara, 12))?.mentions
        == [account("finn.bsky.social", id: Self.finn)].compactMap { $0 })
  }

  @Test func responsesThreadsAndBadViews() throws {
    func view(_ rkey: String, _ did: String, parent: String? = nil) -> String {
      let reply =
        parent.map { #","reply":{"root":{"uri":"\#($0)"},"parent":{"uri":"\#($0)"}}"# } ?? ""
      return
        #"{"uri":"at://\#(did)/app.bsky.feed.post/\#(rkey)","author":{"did":"\#(did)","handle":"\#(did.dropFirst(8)).test"},"record":{"text":"t","createdAt":"2024-10-14T09:00:00Z"\#(reply)}}"#
    }
    let a = "at://did:plc:aaa/app.bsky.feed.post/1"
    let path = Input.file(
      "responses.jsonl",
      """
      {"posts":[\(view("1", "did:plc:aaa")),\(view("2", "did:plc:bbb", parent: a))],"cursor":"x"}
      {"thread":{"$type":"app.bsky.feed.defs#threadViewPost","post":\(view("3", "did:plc:ccc", parent: a)),"parent":{"post":\(view("1", "did:plc:aaa"))},"replies":[{"post":\(view("4", "did:plc:ddd", parent: "at://did:plc:ccc/app.bsky.feed.post/3"))}]}}
      {"uri":"at://did:plc:eee/app.bsky.feed.post/5","author":{"did":"did:plc:eee"},"record":{"text":"no time"}}
      {"uri":"at://did:plc:eee/app.bsky.feed.post/6","author":{"did":"did:plc:eee"},"record":{"createdAt":"soon"}}
      {"cursor":"last"}
      {"hello":"world"}

      """)
    let result = try readAll(path)
    #expect(result.opened.detectionNote == "detected bluesky (`posts` responses)")
    #expect(result.posts.map { $0.id.split(separator: "/").last! } == ["1", "2", "3", "1", "4"])
    #expect(result.lines == [1, 1, 2, 2, 2])
    #expect(result.errors.map(\.line) == [3, 4, 6])
    #expect(result.errors.map(\.field) == ["record.createdAt", "record.createdAt", nil])
    #expect(result.errors[0].message.hasPrefix("missing: post at://did:plc:eee/"))
    #expect(result.errors[1].message.hasPrefix("not an ISO 8601 time: \"soon\""))
    #expect(result.errors[2].message.contains("not a Bluesky post view"))
  }
}
