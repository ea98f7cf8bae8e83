import CloutCore
import Testing

@testable import CloutIngest

@Suite struct HackerNewsReaderTests {
  @Test func fixture() throws {
    let result = try readAll(Input.fixture("hackernews.jsonl"))
    #expect(result.opened.format == .hackernews)
    #expect(result.opened.detectionNote == "detected hackernews (one item per line)")
    #expect(result.errors.isEmpty)
    #expect(result.posts.count == 36)
    #expect(Set(result.posts.map(\.platform)) == ["hackernews"])
    #expect(result.posts.allSatisfy { $0.mentions.isEmpty })

    let story = try #require(result.post("41000000"))
    #expect(story.author == account("loomdev"))
    #expect(story.createdAt == 1_728_900_000)
    #expect(story.text == "Show HN: Loomwork 2.0 – a text editor built around threads")
    #expect(story.replyTo == nil && story.conversationID == "41000000")

    let comment = try #require(result.post("41000002"))
    #expect(comment.replyTo == PostReference(postID: "41000001"))
    #expect(
      comment.text
        == "We use a rope. Opening a 2 GB log takes about 1.2 s on my laptop.\n"
        + "Numbers and method: https://loom.example/bench")
    #expect(
      result.post("41000003")?.text == "What's the memory overhead of the rope <vs> a plain buffer?"
    )
    #expect(result.replyDepth("41000020") == 6)
    #expect(result.post("41000006")?.author.handle == "mkdir_p")

    // Deleted: kept (its reply hangs from it) with the placeholder author and no text.
    let deleted = try #require(result.post("41000008"))
    #expect(deleted.author == AccountRef.deletedPlaceholder)
    #expect(deleted.text == nil)
    #expect(deleted.replyTo == PostReference(postID: "41000007"))
    #expect(result.post("41000011")?.replyTo == PostReference(postID: "41000008"))
    // Dead: kept with author and text.
    let dead = try #require(result.post("41000009"))
    #expect(dead.author.handle == "spam4cheap")
    #expect(dead.text == "Buy cheap followers at example.net")

    let job = try #require(result.post("41000040"))
    #expect(
      job.text
        == "Loomworks (YC W24) is hiring a systems engineer\n\nWe build editors. Rust or Swift.")
    let option = try #require(result.post("41000051"))
    #expect(option.replyTo == nil && option.conversationID == "41000050" && option.text == "Rope")
  }

  @Test func badItems() throws {
    let path = Input.file(
      "items.jsonl",
      """
      {"by":"a","id":1,"time":1700000000,"type":"story","title":"ok"}
      {"by":"a","time":1700000000,"type":"comment","parent":1}
      {"by":"a","id":3,"time":"noon","type":"comment","parent":1}
      {"by":"a","id":4,"type":"comment","parent":1}
      {"id":5,"time":1700000000,"type":"comment","parent":1}
      {"id":"pg","created":1160418092,"karma":155040,"type":"user"}
      {"deleted":true,"id":7,"time":1700000001,"type":"comment","parent":1}

      """)
    let result = try readAll(path)
    #expect(result.opened.format == .hackernews)
    #expect(result.posts.map(\.id) == ["1", "7"])
    #expect(result.errors.map(\.line) == [2, 3, 4, 5, 6])
    #expect(result.errors.map(\.field) == ["id", "time", "time", "by", "type"])
    #expect(
      result.errors[1].description.hasSuffix(#":3: field 'time': not a Unix time: "noon" (item 3)"#)
    )
    #expect(result.errors[3].message == "missing: item 5 names no author and is not deleted")
  }
}
