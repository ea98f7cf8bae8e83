import CloutCore
import Foundation
import Testing

@testable import CloutStore

/// The topic rule on hand-made reply trees, and the full-text index it reads.
@Suite struct TopicTests {
  let alice = account("alice", id: "1")
  let bob = account("bob", id: "2")
  let carol = account("carol", id: "3")
  let dave = account("dave", id: "4")
  let erin = account("erin", id: "5")

  /// Thread a: a1 ← a2 ← a3, where only the middle reply a2 mentions the topic. Thread b:
  /// b1 ← b2, about something else. c1 matches and has no replies. e1 and e2 reply to a post
  /// never stored; only e2 matches.
  var records: [IngestRecord] {
    [
      post("a1", by: alice, at: 1_000, text: "Good morning"),
      post("a2", by: bob, at: 1_100, text: "the Solar panels are up", replyTo: reference("a1")),
      post("a3", by: carol, at: 1_200, text: "nice", replyTo: reference("a2")),
      post("b1", by: dave, at: 1_300, text: "lunch?"),
      post("b2", by: alice, at: 1_400, text: "yes", replyTo: reference("b1")),
      post("c1", by: carol, at: 1_500, text: "solar flare tonight", mentions: [dave]),
      post("e1", by: dave, at: 1_600, text: "hm", replyTo: reference("gone", author: erin)),
      post("e2", by: bob, at: 1_700, text: "SOLAR", replyTo: reference("gone", author: erin)),
    ]
  }

  func keys(_ store: Store, _ selection: TopicSelection) throws -> [String] {
    try store.posts(rowIDs: selection.posts.rowIDs).values.map(\.key).sorted()
  }

  @Test func aMatchingReplyPullsInItsWholeThreadAndOtherThreadsStayOut() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(records)
    let selection = try store.select(topic: try TopicQuery("solar"))
    #expect(selection.matchedPosts == 3)
    #expect(try keys(store, selection) == ["a1", "a2", "a3", "c1", "e1", "e2"])

    // The graph: the interactions of exactly those posts (b2→dave stays out).
    let data = try store.loadEngagementData(EngagementFilter().restricted(to: selection.posts))
    let names = data.accounts.map(\.name)
    let edges = zip(data.interactionActors, data.interactionTargets)
      .map { "\(names[Int($0)])>\(names[Int($1)])" }.sorted()
    #expect(edges == ["bob>alice", "bob>erin", "carol>bob", "carol>dave", "dave>erin"])
    // Reply depth on those trees: a1 ← a2 ← a3 is two deep; b1 is not in the forest.
    #expect(data.postRowIDs.filter { $0 >= 0 }.count == 6)
  }

  @Test func timeAndPlatformFiltersCombineWithTheTopic() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(records)
    let selection = try store.select(topic: try TopicQuery("solar"))
    let data = try store.loadEngagementData(
      EngagementFilter(since: 1_150).restricted(to: selection.posts))
    #expect(data.interactionTimes.allSatisfy { $0 >= 1_150 })
    #expect(data.interactionCount == 4)
    let other = try store.loadEngagementData(
      EngagementFilter(platform: "reddit").restricted(to: selection.posts))
    #expect(other.interactionCount == 0)
  }

  @Test func diacriticsCaseHashtagsAndPrefixes() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest([
      post("1", by: alice, at: 1, text: "Un café noir"),
      post("2", by: bob, at: 2, text: "CAFE au lait"),
      post("3", by: carol, at: 3, text: "vote #Brexit now"),
      post("4", by: dave, at: 4, text: "brexit talks"),
      post("5", by: erin, at: 5, text: "Cafeteria food"),
    ])
    func matched(_ query: String) throws -> Int {
      try store.select(topic: try TopicQuery(query)).matchedPosts
    }
    #expect(try matched("cafe") == 2)
    #expect(try matched("café") == 2)
    #expect(try matched("#brexit") == 1)
    #expect(try matched("brexit") == 1)
    #expect(try matched("brexit OR #brexit") == 2)
    #expect(try matched("#brex*") == 1)
    #expect(try matched("caf*") == 3)
    #expect(try matched("\"cafe au\"") == 1)
    #expect(try matched("cafe NOT lait") == 1)
    #expect(try matched("tea") == 0)
  }

  @Test func onlyTheFirstIndexedCharactersOfALongTextAreSearched() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let length = StoreSchema.indexedTextLength
    // "early" ends inside the indexed head, "late" starts after it.
    let text = "early " + String(repeating: "x", count: length) + " late"
    try store.ingest([post("1", by: alice, at: 1, text: text)])
    #expect(try store.select(topic: try TopicQuery("early")).matchedPosts == 1)
    #expect(try store.select(topic: try TopicQuery("late")).matchedPosts == 0)
    // The stored text itself is whole; FTS5's check against its content source agrees.
    #expect(try store.strings("SELECT length(text) FROM posts") == ["\(text.count)"])
    #expect(try store.textIndexProblems() == [])
  }

  @Test func invalidSyntaxIsRefusedWithSQLitesReason() throws {
    for query in ["foo AND", "\"unclosed", "(a OR b", "NOT x", "   ", "nosuchcolumn: x"] {
      #expect(throws: TopicQuery.SyntaxError.self) { try TopicQuery(query) }
    }
    #expect(TopicQuery.quotingHashtags("#tag* OR \"a #b\" x#y") == "\"#tag\"* OR \"a #b\" x\"#y\"")
  }

  @Test func reingestAndTextFillKeepTheIndexInStepWithThePosts() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(records, batchSize: 3)
    try store.ingest(records, batchSize: 2)
    #expect(try store.select(topic: try TopicQuery("solar")).matchedPosts == 3)
    // A later copy fills a missing text: it is indexed then.
    try store.ingest([post("x1", by: alice, at: 9)])
    #expect(try store.select(topic: try TopicQuery("comet")).matchedPosts == 0)
    try store.ingest([post("x1", by: alice, at: 9, text: "a comet")])
    #expect(try store.select(topic: try TopicQuery("comet")).matchedPosts == 1)
    #expect(try store.textIndexProblems() == [])
    #expect(try store.integrityProblems() == [])
  }

  @Test func termUsesCountPostsAuthorsAndConversations() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    try store.ingest(records)
    let uses = Dictionary(
      uniqueKeysWithValues: try store.termUses(EngagementFilter()).map { ($0.term, $0) })
    // a2, c1 and e2: three posts by bob, carol, bob in three trees (a, c1, the missing "gone").
    #expect(
      uses["solar"]
        == TermUse(term: "solar", posts: 3, authors: 2, conversations: 3, occurrences: 3))
    let windowed = try store.termUses(EngagementFilter(until: 1_550))
    #expect(windowed.first { $0.term == "solar" }?.posts == 2)
  }
}
