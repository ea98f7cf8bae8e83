import CloutCore
import Testing

@testable import CloutIngest

@Suite struct TwitterV2ReaderTests {
  /// Checks shared by both layouts: they hold the same tweets.
  private func checkSharedTweets(_ result: ReadResult, flat: Bool) throws {
    #expect(result.errors.isEmpty)
    let alexandra = account("alexandravm12", id: "1352661060663336960", name: "Alexandra Machado")
    let serafino = account("williamserafino", id: "2718660392", name: "William Serafino")
    let talk = account("talktothefoot", id: "1142605723601264640", name: "TalkToTheFoot")
    let posobiec = account("jackposobiec", id: "592730371", name: "Jack Posobiec")

    // A retweet: one repost of the original's author, none of the original's mentions.
    let retweet = try #require(result.post("1380242611781386245"))
    #expect(retweet.platform == "twitter")
    #expect(retweet.author == alexandra)
    #expect(retweet.createdAt == 1_617_910_456)
    #expect(retweet.repostOf == PostReference(postID: "1380175475545362437", author: serafino))
    #expect(retweet.mentions.isEmpty)
    #expect(retweet.conversationID == "1380242611781386245")
    #expect(retweet.text?.hasPrefix("RT @williamserafino:") == true)

    // The original is a post of its own.
    let original = try #require(result.post("1380175475545362437"))
    #expect(original.author == serafino)
    #expect(original.createdAt == 1_617_894_450)

    // A reply: its parent, the parent's author, and its mentions.
    let reply = try #require(result.post("1380242586288328707"))
    #expect(reply.author.handle == "pdxpapag")
    #expect(reply.createdAt == 1_617_910_450)
    #expect(reply.replyTo == PostReference(postID: "1380229267770933248", author: talk))
    #expect(reply.mentions == [talk, posobiec].compactMap { $0 })
    #expect(reply.conversationID == "1380220754978086917")

    // The parent, itself a reply to Jack Posobiec whose tweet is not in the data.
    let parent = try #require(result.post("1380229267770933248"))
    #expect(parent.author == talk)
    #expect(parent.replyTo?.postID == "1380220754978086917")
    #expect(parent.replyTo?.author?.userID == "592730371")

    // A quote.
    let quote = try #require(result.post("1380242403009966082"))
    #expect(quote.author.handle == "jenatweeter")
    #expect(quote.createdAt == 1_617_910_407)
    #expect(quote.quoteOf?.postID == "1380226330034372610")
    #expect(quote.quoteOf?.author?.handle == "breaking911")
    #expect(quote.quoteOf?.author?.userID == "375721095")
    #expect(result.post("1380226330034372610")?.author.handle == "breaking911")
  }

  @Test func responsePageLayout() throws {
    let result = try readAll(Input.resource("twitter-v2-page.jsonl"))
    #expect(result.opened.format == .twitterV2)
    #expect(result.opened.detectionNote == "detected twitter-v2 (API response pages)")
    // 4 data tweets, then 3 included tweets, all from line 1.
    #expect(result.posts.count == 7)
    #expect(Set(result.lines) == [1])
    try checkSharedTweets(result, flat: false)
    // A mention of an account the page does not include keeps its handle.
    let mention = try #require(result.post("1380242597881409537"))
    #expect(mention.mentions == [account("gatewaypundit")].compactMap { $0 })
    #expect(
      mention.author == account("qrtrhrsryder", id: "1100629650017939456", name: "Deplorable Me"))
  }

  @Test func flatLayout() throws {
    let result = try readAll(Input.resource("twitter-v2-flat.jsonl"))
    #expect(result.opened.detectionNote == "detected twitter-v2 (one tweet per line)")
    // Each line: the tweet, then its inlined referenced tweet.
    #expect(
      result.posts.map(\.id) == [
        "1380242611781386245", "1380175475545362437", "1380242586288328707",
        "1380229267770933248", "1380242403009966082", "1380226330034372610",
      ])
    #expect(result.lines == [1, 1, 2, 2, 3, 3])
    try checkSharedTweets(result, flat: true)
  }

  @Test func platformOverride() throws {
    let result = try readAll(
      Input.resource("twitter-v2-flat.jsonl"), format: .twitterV2, platform: "X")
    #expect(Set(result.posts.map(\.platform)) == ["x"])
  }

  @Test func inlineTweetsAndBadTweets() throws {
    let path = Input.file(
      "v2.jsonl",
      """
      {"data":{"id":"10","author_id":"1","created_at":"2026-10-01T00:00:00Z","text":"hi @bob","entities":{"mentions":[{"username":"Bob","id":"2"}]}},"includes":{"users":[{"id":"1","username":"Al","name":"Al A"}]}}
      {"id":"11","author_id":"1","text":"no time"}
      {"id":"12","author_id":"1","text":"x","created_at":"yesterday"}
      {"data":[{"id":"13","text":"no author","created_at":"2026-10-01T00:00:00Z"}]}
      {"id":"14","author_id":"3","text":"RT @Zed: hi","created_at":"2026-10-01T00:00:00Z","referenced_tweets":[{"type":"retweeted","id":"99"}],"entities":{"mentions":[{"username":"Zed"},{"username":"other"}]}}

      """)
    let result = try readAll(path)
    let post = try #require(result.post("10"))
    #expect(post.author == account("al", id: "1", name: "Al A"))
    #expect(post.mentions == [account("bob", id: "2")].compactMap { $0 })
    #expect(result.errors.map(\.line) == [2, 3, 4])
    #expect(result.errors.map(\.field) == ["created_at", "created_at", "author_id"])
    #expect(result.errors[1].message.contains("not an ISO 8601 time: \"yesterday\""))
    // Without the original in the data, the retweeted author comes from "RT @Zed:".
    let retweet = try #require(result.post("14"))
    #expect(retweet.repostOf == PostReference(postID: "99", author: account("zed")))
    #expect(retweet.mentions.isEmpty)
  }

  @Test func pagesWithoutResultsAreSkipped() throws {
    let path = Input.file(
      "empty-pages.jsonl",
      """
      {"data":[],"meta":{"result_count":0}}
      {"meta":{"result_count":0}}
      {"data":[{"id":"1","author_id":"2","created_at":"2026-10-01T00:00:00Z","text":"x"}]}

      """)
    let result = try readAll(path, format: .twitterV2)
    #expect(result.errors.isEmpty)
    #expect(result.posts.map(\.id) == ["1"])
    #expect(result.lines == [3])
  }
}
