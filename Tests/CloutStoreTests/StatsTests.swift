import CloutCore
import Foundation
import Testing

@testable import CloutStore

@Suite struct StatsTests {
  @Test func statsOnAHandCheckedDataset() throws {
    let directory = try TempDirectory()
    let store = try openStore(directory)
    let alice = account("alice", id: "1", name: "Alice")
    let bob = account("bob", id: "2", name: "Bob")
    let carol = account("carol", id: "3")
    try store.ingest([
      post("1", by: alice, at: 1_000),
      post("2", by: bob, at: 1_100, replyTo: reference("1", author: alice)),
      post("3", by: carol, at: 1_200, repostOf: reference("1", author: alice), mentions: [bob]),
      post("4", by: bob, at: 1_300, quoteOf: reference("1", author: alice)),
      post("5", by: alice, at: 1_400, replyTo: reference("2", author: bob), mentions: [alice]),
      post("6", by: carol, at: 900, replyTo: reference("missing")),
      post("m1", by: account("x"), at: 5_000, mentions: [account("y")], platform: "mastodon"),
    ])
    try store.ingest([edge(carol, alice, .mention, at: 2_000)])

    let stats = try store.stats(top: 3)
    #expect(stats.ingestRuns == 2)
    #expect(stats.schemaVersion == StoreSchema.version)
    #expect(stats.platforms.map(\.platform) == ["mastodon", "twitter"])

    let mastodon = stats.platforms[0]
    #expect(mastodon.posts == 1)
    #expect(mastodon.accounts == 2)
    #expect(mastodon.interactions == [.mention: 1])
    #expect(mastodon.earliest == 5_000)
    #expect(mastodon.latest == 5_000)

    let twitter = stats.platforms[1]
    #expect(twitter.posts == 6)
    #expect(twitter.accounts == 3)
    #expect(twitter.interactions == [.reply: 2, .repost: 1, .quote: 1, .mention: 2])
    #expect(twitter.totalInteractions == 6)
    #expect(twitter.selfInteractions == 1)
    #expect(twitter.pendingInteractions == 1)
    #expect(twitter.earliest == 900)
    #expect(twitter.latest == 2_000)

    #expect(
      stats.topAccounts == [
        .init(
          platform: "twitter", userID: "1", handle: "alice", displayName: "Alice",
          interactionsReceived: 4, distinctEngagers: 2),
        .init(
          platform: "twitter", userID: "2", handle: "bob", displayName: "Bob",
          interactionsReceived: 2, distinctEngagers: 2),
        .init(
          platform: "mastodon", userID: nil, handle: "y", displayName: nil,
          interactionsReceived: 1, distinctEngagers: 1),
      ])
  }
}
