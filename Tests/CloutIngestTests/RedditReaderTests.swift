import CloutCore
import Testing

@testable import CloutIngest

@Suite struct RedditReaderTests {
  @Test func fixture() throws {
    let result = try readAll(Input.fixture("reddit.ndjson"))
    #expect(result.opened.format == .reddit)
    #expect(result.opened.detectionNote == "detected reddit (one comment or submission per line)")
    #expect(result.errors.isEmpty)
    #expect(result.posts.count == 97)
    #expect(Set(result.posts.map(\.platform)) == ["reddit"])

    let first = try #require(result.posts.first)
    #expect(first.id == "foosfwm")
    #expect(first.author == account("texans1234"))
    #expect(first.createdAt == 1_587_945_490)
    #expect(first.replyTo == PostReference(postID: "g7vyxy"))
    #expect(first.conversationID == "g7vyxy")
    #expect(first.text?.hasPrefix("Had they pulled the trigger") == true)

    let deep = try #require(result.post("fok7soh"))
    #expect(deep.author.handle == "capt_trackpad")
    #expect(deep.replyTo == PostReference(postID: "fok6yqm"))
    #expect(result.replyDepth("fok7soh") == 4)

    // `[deleted]` authors: kept as posts, with the placeholder that the store must drop.
    let deleted = result.posts.filter { $0.author.isDeletedPlaceholder }
    #expect(deleted.map(\.id) == ["fol7mt4", "fokyosn"])
    #expect(deleted.first?.author == AccountRef.deletedPlaceholder)
    #expect(deleted.first?.author.handle == AccountRef.deletedPlaceholderHandle)
    #expect(AccountRef.deletedPlaceholderHandle == "[deleted]")
    #expect(deleted.first?.text?.hasPrefix("Does that mean") == true)
  }

  @Test func submissionsMentionsAndRemovedStubs() throws {
    let path = Input.file(
      "dump.ndjson",
      #"""
      {"id": "d0snspk", "name": "t1_d0snspk", "parent_id": "t1_d0snr2f"}
      {"id": "7p7cq", "name": "t3_7p7cq", "author": "Nurgle", "created_utc": 1231790652.0, "subreddit": "politics", "title": "A question", "selftext": "Asking u/Tisias and /u/kombat\\_minipig, not menu/abc or example.edu/faculty"}
      {"id": "c06zrpb", "name": "t1_c06zrpb", "author": "[removed]", "parent_id": "t3_7p7cq", "link_id": "t3_7p7cq", "created_utc": "1231791818", "body": "[removed]"}
      {"id": "c06zrpc", "name": "t1_c06zrpc", "author": "bob", "parent_id": "t1_c06zrpb", "link_id": "t3_7p7cq", "created_utc": 1231791900, "body": "u/Tisias u/tisias u/ab"}
      {"name": "t1_c06zrpd", "author": "carl", "parent_id": "t3_7p7cq", "created_utc": "last week", "body": "x"}
      {"author": "dan", "parent_id": "t3_7p7cq", "created_utc": 1231791900, "body": "no id"}
      {"id": "c06zrpf", "author": "erin", "parent_id": "t3_7p7cq", "body": "no time"}

      """#)
    let result = try readAll(path)
    #expect(result.opened.format == .reddit)
    #expect(result.posts.map(\.id) == ["7p7cq", "c06zrpb", "c06zrpc"])
    let submission = try #require(result.post("7p7cq"))
    #expect(submission.replyTo == nil)
    #expect(submission.conversationID == "7p7cq")
    #expect(
      submission.text
        == #"A question\#n\#nAsking u/Tisias and /u/kombat\_minipig, not menu/abc or example.edu/faculty"#
    )
    #expect(submission.mentions.map(\.handle) == ["tisias", "kombat_minipig"])
    let removed = try #require(result.post("c06zrpb"))
    #expect(removed.author.isDeletedPlaceholder)
    #expect(removed.text == nil)
    #expect(removed.createdAt == 1_231_791_818)
    #expect(removed.replyTo == PostReference(postID: "7p7cq"))
    // Repeats count once; names shorter than 3 are no user names.
    #expect(result.post("c06zrpc")?.mentions.map(\.handle) == ["tisias"])

    #expect(result.errors.map(\.line) == [1, 5, 6, 7])
    #expect(result.errors.map(\.field) == ["created_utc", "created_utc", "id", "created_utc"])
    #expect(
      result.errors[0].message
        == "missing: t1_d0snspk has neither author nor time (a removed item's stub?)")
    #expect(
      result.errors[1].description.hasSuffix(
        #":5: field 'created_utc': not a Unix time: "last week" (t1_c06zrpd)"#))
    #expect(result.errors[3].message == "missing: c06zrpf has no time")
  }
}
