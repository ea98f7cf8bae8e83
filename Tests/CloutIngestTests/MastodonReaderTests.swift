import CloutCore
import Testing

@testable import CloutIngest

@Suite struct MastodonReaderTests {
  static func status(_ number: Int) -> String {
    "1130000000000000" + (number < 10 ? "0" : "") + "\(number)"
  }

  @Test func fixture() throws {
    let result = try readAll(Input.fixture("mastodon.json"))
    #expect(result.opened.format == .mastodon)
    #expect(result.opened.detectionNote == "detected mastodon (statuses), a JSON array")
    #expect(result.errors.isEmpty)
    // 36 statuses, the 5 reblogged originals and 1 quoted status given whole.
    #expect(result.posts.count == 42)
    #expect(Set(result.posts.map(\.platform)) == ["mastodon"])
    // The array is pretty-printed: the first element starts on line 2.
    #expect(result.lines.first == 2)

    let loomwork = account("loomwork@loom.example")
    let bram = account("bram@toot.example")
    let announcement = try #require(result.post(Self.status(1)))
    #expect(announcement.author == account("loomwork@loom.example", name: "Loomwork"))
    #expect(announcement.createdAt == 1_725_271_207)
    #expect(
      announcement.text
        == "Loomwork 2.0 is out! Threads, split panes & a new plugin API. Release notes: "
        + "https://loom.example/notes/2.0")

    // Replies across three instances, the replied-to account found in `mentions`.
    let reply = try #require(result.post(Self.status(2)))
    #expect(reply.author == account("bram@toot.example", name: "Bram :loom:"))
    #expect(reply.replyTo == PostReference(postID: Self.status(1), author: loomwork))
    #expect(reply.mentions == [loomwork].compactMap { $0 })
    #expect(result.replyDepth(Self.status(7)) == 6)
    let html = try #require(result.post(Self.status(3)))
    #expect(html.text == "@bram yes, 1.x hooks still load <with a warning>.\nThey go away in 3.0.")
    #expect(
      result.post(Self.status(4))?.text
        == "@loomwork @bram what's the migration path for \"on_save\" hooks?")
    #expect(
      result.post(Self.status(5))?.text
        == "@cleo @loomwork I wrote a guide:\n1. rename on_save to before_write\n2. return the buffer"
    )
    #expect(result.post(Self.status(6))?.text == "@ada that guide saved my afternoon — thanks!")

    // No mention of the replied-to account: resolved through accounts seen earlier (bram's id
    // 101 authored the first status of the file), else only the parent post is named.
    #expect(
      result.post(Self.status(7))?.replyTo == PostReference(postID: Self.status(6), author: bram))
    #expect(
      result.post("113000000000000008")?.replyTo == PostReference(postID: "113000000000000090"))
    // A self-reply: the account id is the author's own.
    #expect(
      result.post(Self.status(10))?.replyTo
        == PostReference(postID: Self.status(9), author: account("ada@loom.example")))
    // A local account without `url` takes the instance of the status `uri`.
    let local = try #require(result.post(Self.status(12)))
    #expect(local.author.handle == "finn@loom.example")
    #expect(local.replyTo?.author == account("ada@loom.example"))
    // Handles are lowercased: `Gus@Quill.example`.
    #expect(result.post(Self.status(21))?.author.handle == "gus@quill.example")
  }

  @Test func reblogsRepostWithoutTheOriginalsMentions() throws {
    let result = try readAll(Input.fixture("mastodon.json"), format: .mastodon)
    let reblog = try #require(result.post(Self.status(14)))
    #expect(reblog.author.handle == "eli@quill.example")
    #expect(
      reblog.repostOf
        == PostReference(postID: Self.status(4), author: account("cleo@quill.example")))
    #expect(reblog.mentions.isEmpty)
    #expect(reblog.text == nil)
    let interactions = reblog.derivedInteractions()
    #expect(interactions.map(\.type) == [.repost])
    #expect(interactions.map(\.target) == [account("cleo@quill.example")])
    // The original follows the reblog, with its own mentions.
    let ids = result.posts.map(\.id)
    let index = try #require(ids.firstIndex(of: Self.status(14)))
    #expect(ids[index + 1] == Self.status(4))
    #expect(
      result.posts[index + 1].mentions.map(\.handle) == [
        "loomwork@loom.example", "bram@toot.example",
      ])
  }

  @Test func quotes() throws {
    let result = try readAll(Input.fixture("mastodon.json"), format: .mastodon)
    let quote = try #require(result.post(Self.status(16)))
    #expect(
      quote.quoteOf
        == PostReference(postID: Self.status(1), author: account("loomwork@loom.example")))
    #expect(quote.mentions.map(\.handle) == ["gus@quill.example"])
    let shallow = try #require(result.post(Self.status(17)))
    #expect(shallow.quoteOf == PostReference(postID: Self.status(9)))
    #expect(shallow.text == "Finally >_<")
  }

  @Test func jsonLinesAndBadStatuses() throws {
    let account = #""account":{"id":"7","acct":"zoe","url":"https://a.example/@zoe"}"#
    let path = Input.file(
      "statuses.jsonl",
      """
      {"id":"1",\(account),"created_at":"2024-01-01T00:00:00Z","content":"<p>hi</p>"}
      {\(account),"created_at":"2024-01-01T00:00:00Z"}
      {"id":"3",\(account),"created_at":"yesterday"}
      {"id":"4","account":{"id":"7"},"created_at":"2024-01-01T00:00:00Z"}
      {"id":"5","author":"x","subreddit":"y","created_utc":1}

      """)
    let result = try readAll(path, format: .mastodon)
    #expect(result.posts.map(\.id) == ["1"])
    #expect(result.posts.first?.author.handle == "zoe@a.example")
    #expect(result.posts.first?.text == "hi")
    #expect(result.errors.map(\.line) == [2, 3, 4, 5])
    #expect(result.errors.map(\.field) == ["id", "created_at", "account", "account"])
    #expect(
      result.errors[1].description.hasSuffix(
        #":3: field 'created_at': not an ISO 8601 time: "yesterday" (status 3)"#))
    #expect(result.errors[3].message.contains("this record looks like reddit"))
  }
}
