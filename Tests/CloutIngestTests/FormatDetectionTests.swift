import CloutCore
import Testing

@testable import CloutIngest

@Suite struct FormatDetectionTests {
  @Test(arguments: [
    ("id,author,created_at\n1,a,0\n", InputFormat.postsCSV, "detected posts-csv"),
    ("\u{FEFF}\"Source\",target,TYPE,timestamp\na,b,reply,0\n", .edgesCSV, "detected edges-csv"),
    ("\n{\"data\":[],\"includes\":{}}\n", .twitterV2, "detected twitter-v2 (API response pages)"),
    (
      "{\"id\":\"1\",\"author_id\":\"2\",\"text\":\"x\",\"created_at\":\"2026-10-01\"}\n",
      .twitterV2,
      "detected twitter-v2 (one tweet per line)"
    ),
    ("{\"id_str\":\"1\",\"user\":{}}\n", .twitterV1, "detected twitter-v1"),
    (#"{"id":"1","account":{"acct":"a"}}"#, .mastodon, "detected mastodon (statuses)"),
    (
      #"[{"id":"1","account":{"acct":"a"}}]"#, .mastodon,
      "detected mastodon (statuses), a JSON array"
    ),
    (
      #"{"uri":"at://did:plc:a/app.bsky.feed.post/1","author":{}}"#, .bluesky,
      "detected bluesky (post views)"
    ),
    (
      #"{"post":{"uri":"at://did:plc:a/app.bsky.feed.post/1","author":{}}}"#, .bluesky,
      "detected bluesky (feed items)"
    ),
    (#"{"feed":[],"cursor":"x"}"#, .bluesky, "detected bluesky (`feed` responses)"),
    (
      #"{"thread":{"post":{"uri":"at://did:plc:a/app.bsky.feed.post/1","author":{}}}}"#, .bluesky,
      "detected bluesky (thread responses)"
    ),
    (#"{"id":"d0snspk","name":"t1_d0snspk","parent_id":"t1_d0snr2f"}"#, .reddit, "detected reddit"),
    (#"{"id":"x","subreddit":"nfl","author":"a"}"#, .reddit, "detected reddit"),
    (
      #"{"deleted":true,"id":8,"parent":7,"time":1,"type":"comment"}"#, .hackernews,
      "detected hackernews"
    ),
  ])
  func detects(text: String, format: InputFormat, note: String) throws {
    let opened = try RecordReaders.open(
      path: Input.file("input", text), format: .auto, platform: nil)
    #expect(opened.format == format)
    #expect(opened.detectionNote?.hasPrefix(note) == true)
  }

  @Test func explicitFormatHasNoNote() throws {
    let opened = try RecordReaders.open(
      path: Input.file("p.csv", "id,author,created_at\n"), format: .postsCSV, platform: nil)
    #expect(opened.detectionNote == nil)
  }

  @Test func unknownCSVSaysWhatWasTried() {
    let error = openError(Input.file("mystery.csv", "name,age\nann,3\n"))
    let message = error?.message ?? ""
    #expect(error?.line == 1)
    #expect(message.contains("posts-csv (header lacks 'id', 'author', 'created_at')"))
    #expect(message.contains("edges-csv (header lacks 'source', 'target', 'type', 'timestamp')"))
    #expect(
      message.contains(
        "twitter-v2, twitter-v1, mastodon, bluesky, reddit and hackernews (not JSON: the line "
          + "does not start with '{' or '[')"))
  }

  @Test func unknownJSONSaysWhatWasTried() {
    let error = openError(Input.file("mystery.jsonl", "{\"kind\":\"t1\",\"body\":\"x\"}\n"))
    let message = error?.message ?? ""
    #expect(message.contains("keys body, kind"))
    #expect(message.contains("twitter-v2 (needs"))
    #expect(message.contains("twitter-v1 (needs `id_str` and `user`)"))
    for format in InputFormat.allCases
    where ![.auto, .postsCSV, .edgesCSV, .twarcCSV].contains(format) {
      #expect(message.contains("\(format.rawValue) (needs"), "\(format.rawValue) not listed")
    }
    #expect(message.contains("posts-csv and edges-csv need a CSV header row"))
  }

  @Test func everyFormatHasAName() {
    #expect(
      InputFormat.allCases.map(\.rawValue) == [
        "auto", "posts-csv", "edges-csv", "twarc-csv", "twitter-v2", "twitter-v1", "mastodon",
        "bluesky",
        "reddit", "hackernews",
      ])
  }

  @Test func platformArgumentOverrides() throws {
    for (file, format) in [
      ("mastodon.json", InputFormat.mastodon), ("bluesky.jsonl", .bluesky),
      ("reddit.ndjson", .reddit), ("hackernews.jsonl", .hackernews),
    ] {
      let result = try readAll(Input.fixture(file), format: format, platform: " Fediverse ")
      #expect(Set(result.posts.map(\.platform)) == ["fediverse"])
    }
  }
}
