import CloutCore
import Testing

@testable import CloutIngest

@Suite struct TwitterV1ReaderTests {
  @Test func realTweets() throws {
    let result = try readAll(Input.resource("twitter-v1.jsonl"))
    #expect(result.opened.format == .twitterV1)
    #expect(result.opened.detectionNote == "detected twitter-v1 (one v1.1 tweet per line)")
    #expect(result.errors.isEmpty)
    let skolnik = account("MichaelSkolnik", id: "24165761", name: "Michael Skolnik")

    let source = try #require(result.post("498280126254428160"))
    #expect(source.author == skolnik)
    #expect(source.createdAt == 1_407_634_214)
    #expect(source.platform == "twitter")
    #expect(source.text?.hasPrefix("Mike Brown was staying") == true)
    #expect(source.replyTo == nil && source.mentions.isEmpty)

    let reply = try #require(result.post("498280920227794945"))
    #expect(reply.author.handle == "gorgeous167")
    #expect(reply.author.displayName == "Denise Clarke")
    #expect(
      reply.replyTo
        == PostReference(
          postID: "498280126254428160", author: account("michaelskolnik", id: "24165761")))
    #expect(reply.mentions.map(\.handle) == ["michaelskolnik"])
    #expect(reply.mentions.first?.displayName == "Michael Skolnik")

    // A reply that also quotes its parent; the quoted tweet is yielded after it.
    let quote = try #require(result.post("764929836766728193"))
    #expect(quote.replyTo?.postID == "764927075522260992")
    #expect(quote.quoteOf?.postID == "764927075522260992")
    #expect(quote.quoteOf?.author?.handle == "realalexjones")
    #expect(quote.mentions.map(\.handle) == ["realalexjones", "infowars"])
    let quoted = try #require(result.post("764927075522260992"))
    #expect(quoted.author.handle == "realalexjones")
    #expect(result.posts.map(\.id).suffix(2) == ["764929836766728193", "764927075522260992"])
    #expect(result.lines == [1, 2, 3, 3])
  }

  @Test func retweetsYieldTheOriginalWithoutItsMentions() throws {
    let path = Input.file(
      "v1.jsonl",
      """
      {"id_str":"2","user":{"id_str":"20","screen_name":"Bob","name":"Bob B"},"created_at":"Wed Oct 10 20:19:24 +0000 2018","text":"RT @Al: hi @carol","entities":{"user_mentions":[{"screen_name":"Al","id_str":"10"},{"screen_name":"carol","id_str":"30"}]},"retweeted_status":{"id_str":"1","user":{"id_str":"10","screen_name":"Al"},"created_at":"Wed Oct 10 20:00:00 +0000 2018","text":"hi @carol","entities":{"user_mentions":[{"screen_name":"carol","id_str":"30"}]}}}
      {"id_str":"3","user":{"screen_name":"dan"},"created_at":"Wed Oct 10 20:19:24 +0000 2018","text":"short","extended_tweet":{"full_text":"long text @eve","entities":{"user_mentions":[{"screen_name":"eve"}]}},"quoted_status_id_str":"77"}
      {"id_str":"4","created_at":"Wed Oct 10 20:19:24 +0000 2018","text":"no user"}
      {"id_str":"5","user":{"screen_name":"x"},"created_at":"10/10/2018","text":"bad time"}

      """)
    let result = try readAll(path, format: .twitterV1)
    let retweet = try #require(result.post("2"))
    #expect(retweet.author == account("bob", id: "20", name: "Bob B"))
    #expect(retweet.createdAt == 1_539_202_764)
    #expect(retweet.repostOf == PostReference(postID: "1", author: account("al", id: "10")))
    #expect(retweet.mentions.isEmpty)
    let original = try #require(result.post("1"))
    #expect(original.mentions == [account("carol", id: "30")].compactMap { $0 })
    let extended = try #require(result.post("3"))
    #expect(extended.text == "long text @eve")
    #expect(extended.mentions.map(\.handle) == ["eve"])
    #expect(extended.quoteOf == PostReference(postID: "77"))
    #expect(result.errors.map(\.line) == [3, 4])
    #expect(result.errors.map(\.field) == ["user", "created_at"])
  }
}
