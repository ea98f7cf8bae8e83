import CloutCore
import Testing

@testable import CloutIngest

@Suite struct EdgesCSVReaderTests {
  @Test func readsEdgesAndTypeSynonyms() throws {
    let path = Input.file(
      "edges.csv",
      """
      source,target,type,timestamp,post_id,weight
      @Alice,bob,reply,2026-10-01T00:00:00+02:00,p1,2.5
      bob,carol,Retweet,1790000000,,
      carol,alice,QUOTED,1790000000.9,p3,0
      dave,alice,mentions,2026-10-01 00:00,,1
      erin,alice,replied_to,2026-10-01T00:00:00-0130,,

      """)
    let result = try readAll(path, platform: "Bluesky")
    #expect(result.opened.format == .edgesCSV)
    #expect(result.errors.isEmpty)
    let edges = result.edges
    #expect(edges.map(\.type) == [.reply, .repost, .quote, .mention, .reply])
    #expect(edges[0].source == account("alice"))
    #expect(edges[0].target == account("bob"))
    #expect(edges[0].createdAt == 1_790_805_600)
    #expect(edges[0].postID == "p1")
    #expect(edges[0].weight == 2.5)
    #expect(edges[0].platform == "bluesky")
    #expect(edges[1].weight == 1 && edges[1].postID == nil)
    #expect(edges[2].createdAt == 1_790_000_000 && edges[2].weight == 0)
    #expect(edges[3].createdAt == 1_790_812_800)
    #expect(edges[4].createdAt == 1_790_818_200)
  }

  @Test func badWeightTypeAndTimeAreBadRecords() throws {
    let path = Input.file(
      "edges.csv",
      """
      source,target,type,timestamp,weight
      a,b,reply,0,NaN
      a,b,reply,0,-1
      a,b,like,0,1
      a,b,reply,soon,1
      a,,reply,0,1
      a,b,reply,0,inf
      a,b,quote,0,3

      """)
    let result = try readAll(path)
    #expect(result.edges.count == 1)
    let errors = result.errors
    #expect(errors.map(\.line) == [2, 3, 4, 5, 6, 7])
    #expect(errors.map(\.field) == ["weight", "weight", "type", "timestamp", "target", "weight"])
    #expect(
      errors[0].description.hasSuffix(
        "edges.csv:2: field 'weight': must be a finite number ≥ 0, got \"NaN\""))
    #expect(errors[2].message.contains("unknown interaction type \"like\""))
    #expect(errors[3].message == "not a date or unix time: \"soon\"")
  }

  @Test func missingColumnsAreAFileError() {
    let error = openError(Input.file("e.csv", "source,target,weight\na,b,1\n"), format: .edgesCSV)
    #expect(error?.message.contains("'type', 'timestamp'") == true)
  }
}
