import CloutCore
import Testing

@testable import CloutIngest

@Suite struct PostsCSVReaderTests {
  @Test func readsEveryColumn() throws {
    let path = Input.file(
      "posts.csv",
      """
      ID, Author ,created_at,text,reply_to_id,reply_to_author,repost_of_id,repost_of_author,quote_of_id,quote_of_author,mentions,platform,display_name,extra
      1,@Alice,2026-10-01T12:00:00Z,Hello world,,,,,,,,,Alice A.,x
      2,bob,1790000000,Re: hello,1,@alice,,,,,@carol; Dave ,Mastodon,,y
      3,carol,2026-10-01,,,,1,alice,9,erin,"eve,frank",,,

      """)
    let result = try readAll(path, format: .postsCSV, platform: "reddit")
    #expect(result.errors.isEmpty)
    #expect(result.posts.count == 3)
    #expect(result.lines == [2, 3, 4])

    let first = try #require(result.post("1"))
    #expect(first.author == account("alice", name: "Alice A."))
    #expect(first.createdAt == 1_790_856_000)
    #expect(first.text == "Hello world")
    #expect(first.platform == "reddit")
    #expect(first.replyTo == nil && first.repostOf == nil && first.quoteOf == nil)
    #expect(first.mentions.isEmpty)

    let second = try #require(result.post("2"))
    #expect(second.platform == "mastodon")
    #expect(second.createdAt == 1_790_000_000)
    #expect(second.replyTo == PostReference(postID: "1", author: account("alice")))
    #expect(second.mentions == [account("carol"), account("dave")].compactMap { $0 })

    let third = try #require(result.post("3"))
    #expect(third.text == nil)
    #expect(third.createdAt == 1_790_812_800)
    #expect(third.repostOf == PostReference(postID: "1", author: account("alice")))
    #expect(third.quoteOf == PostReference(postID: "9", author: account("erin")))
    #expect(third.mentions.map(\.handle) == ["eve", "frank"])
  }

  @Test func platformDefaultsToUnknown() throws {
    let result = try readAll(Input.file("p.csv", "id,author,created_at\n1,a,0\n"))
    #expect(result.posts.first?.platform == "unknown")
  }

  @Test func quotingEmbeddedNewlinesBOMAndCRLF() throws {
    let text =
      "\u{FEFF}id,author,created_at,text\r\n"
      + "1,a,0,\"line one\r\nline two, with \"\"quotes\"\"\"\r\n"
      + "2,b,0,plain\r\n"
      + "\r\n"
      + "3,c,0,\"\"\r\n"
      + "4,d,0,last without line end"
    let result = try readAll(Input.file("q.csv", text))
    #expect(result.opened.format == .postsCSV)
    #expect(result.errors.isEmpty)
    #expect(result.posts.map(\.id) == ["1", "2", "3", "4"])
    #expect(result.post("1")?.text == "line one\r\nline two, with \"quotes\"")
    #expect(result.post("2")?.text == "plain")
    #expect(result.post("3")?.text == nil)
    #expect(result.post("4")?.text == "last without line end")
    // Record 1 spans lines 2–3, so record 2 starts on line 4; line 5 is blank.
    #expect(result.lines == [2, 4, 6, 7])
  }

  @Test func recordsAcrossChunkBoundaries() throws {
    // More than two 1 MiB chunks, with quoted newlines so records straddle the boundaries.
    var text = "id,author,created_at,text\n"
    let count = 30_000
    for index in 0..<count {
      text +=
        "\(index),user\(index % 7),\(1_700_000_000 + index),\"text \(index)\nsecond line, \(String(repeating: "x", count: 40))\"\n"
    }
    let result = try readAll(Input.file("big.csv", text))
    #expect(result.errors.isEmpty)
    #expect(result.posts.count == count)
    #expect(result.posts.last?.id == "\(count - 1)")
    #expect(result.lines.last == 2 + 2 * (count - 1))
    #expect(result.posts[12_345].createdAt == 1_700_012_345)
    #expect(result.opened.stream.bytesRead == Int64(text.utf8.count))
  }

  @Test func badRowsNameFileLineAndField() throws {
    let path = Input.file(
      "posts.csv",
      """
      id,author,created_at,text
      1,alice,yesterday,x
      ,bob,0,x
      3,,0,x
      4,@,0,x
      5,eve,0,x,surplus
      6,"fred,0,x

      """)
    let result = try readAll(path)
    #expect(result.posts.isEmpty)
    let errors = result.errors
    #expect(errors.count == 6)
    #expect(
      errors[0].description.hasSuffix(
        "posts.csv:2: field 'created_at': not a date or unix time: \"yesterday\""))
    #expect(errors[0].line == 2 && errors[0].field == "created_at")
    #expect(errors[1].line == 3 && errors[1].field == "id")
    #expect(errors[2].line == 4 && errors[2].field == "author")
    #expect(errors[3].line == 5 && errors[3].field == "author")
    #expect(errors[4].line == 6 && errors[4].message.contains("5 fields"))
    #expect(errors[5].line == 7 && errors[5].message.contains("unterminated"))
  }

  @Test func invalidUTF8InARecordIsABadRecordAndTheStreamGoesOn() throws {
    var bytes = Array("id,author,created_at,text\n1,a,0,ok\n2,b,0,bad ".utf8)
    bytes += [0xC3, 0x28]
    bytes += Array("\n3,c,0,fine\n".utf8)
    let result = try readAll(Input.file("u.csv", bytes: bytes))
    #expect(result.posts.map(\.id) == ["1", "3"])
    #expect(result.errors.count == 1)
    #expect(result.errors.first?.line == 3)
    #expect(result.errors.first?.field == "text")
    #expect(result.errors.first?.message.contains("UTF-8") == true)
  }

  @Test func missingRequiredColumnIsAFileError() throws {
    let error = openError(Input.file("m.csv", "id,text\n1,x\n"), format: .postsCSV)
    #expect(error?.line == 1)
    #expect(error?.message.contains("'author', 'created_at'") == true)
  }

  @Test func invalidUTF8HeaderIsAFileError() throws {
    let bytes = Array("id,auth".utf8) + [0xFF] + Array("or,created_at\n1,a,0\n".utf8)
    let error = openError(Input.file("h.csv", bytes: bytes), format: .postsCSV)
    #expect(error?.message.contains("not valid UTF-8") == true)
  }
}
