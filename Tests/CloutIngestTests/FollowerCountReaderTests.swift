import CloutCore
import Testing

@testable import CloutIngest

/// Where each reader finds the author's follower count (`PostRecord.authorFollowers`).
/// Expected values are read off the inputs (for the fixtures, with Python's json and csv).
@Suite struct FollowerCountReaderTests {
  @Test func twitterV1TakesEachPostsOwnUser() throws {
    let path = Input.file(
      "v1.jsonl",
      """
      {"id_str":"2","created_at":"Wed Oct 10 20:21:00 +0000 2018","text":"RT @a: x",\
      "user":{"id_str":"20","screen_name":"c","followers_count":7},\
      "retweeted_status":{"id_str":"1","created_at":"Wed Oct 10 20:19:24 +0000 2018",\
      "text":"x","user":{"id_str":"10","screen_name":"a","followers_count":90}}}
      {"id_str":"3","created_at":"Wed Oct 10 20:22:00 +0000 2018","text":"y",\
      "user":{"id_str":"30","screen_name":"d","followers_count":-4}}
      {"id_str":"4","created_at":"Wed Oct 10 20:22:00 +0000 2018","text":"y",\
      "user":{"id_str":"40","screen_name":"e","followers_count":"12"}}
      {"id_str":"5","created_at":"Wed Oct 10 20:22:00 +0000 2018","text":"y",\
      "user":{"id_str":"50","screen_name":"f","followers_count":1.5}}

      """)
    let result = try readAll(path, format: .twitterV1)
    #expect(result.errors.isEmpty)
    #expect(result.post("2")?.authorFollowers == 7)
    #expect(result.post("1")?.authorFollowers == 90)
    #expect(result.post("3")?.authorFollowers == nil)  // negative: no count, not a bad record
    #expect(result.post("4")?.authorFollowers == 12)  // a digit string
    #expect(result.post("5")?.authorFollowers == nil)
  }

  @Test func fixturesOfEveryPlatformThatHasCounts() throws {
    let v1 = try readAll(Input.fixture("twitter-v1.jsonl"))
    #expect(v1.posts.allSatisfy { $0.authorFollowers != nil })
    let mastodon = try readAll(Input.fixture("mastodon.json"))
    // `python3 -c "import json; print(json.load(open('Fixtures/mastodon.json'))[0]
    // ['account']['followers_count'])"` → 10 (status 113000000000000036, bram).
    #expect(mastodon.post("113000000000000036")?.authorFollowers == 10)
    let twarc = try readAll(Input.fixture("twitter-v2/flat.twarc.csv"))
    // The first row's author.public_metrics.followers_count, read with Python's csv: 58.
    #expect(twarc.post("1380242611781386245")?.authorFollowers == 58)
    let flat = try readAll(Input.fixture("twitter-v2/flat.jsonl"), format: .twitterV2)
    #expect(flat.post("1380242611781386245")?.authorFollowers == 58)
  }

  @Test func blueskyAuthorAndReposterViews() throws {
    let path = Input.file(
      "bsky.jsonl",
      """
      {"post":{"uri":"at://did:plc:aaa/app.bsky.feed.post/1","author":{"did":"did:plc:aaa",\
      "handle":"a.example","followersCount":321},"record":{"text":"hi",\
      "createdAt":"2024-01-01T00:00:00Z"}},"reason":{"$type":"app.bsky.feed.defs#reasonRepost",\
      "by":{"did":"did:plc:bbb","handle":"b.example","followersCount":4},\
      "indexedAt":"2024-01-02T00:00:00Z"}}

      """)
    let result = try readAll(path, format: .bluesky)
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.post("at://did:plc:aaa/app.bsky.feed.post/1")?.authorFollowers == 321)
    #expect(
      result.post("at://did:plc:aaa/app.bsky.feed.post/1#repost-by-did:plc:bbb")?
        .authorFollowers == 4)
  }
}
