import CloutCore
import Testing

@testable import CloutReports

@Suite struct IdentitiesTests {
  static let accounts = [
    AccountInfo(platform: "bluesky", handle: "ann.bsky.social", userID: nil, displayName: nil),
    AccountInfo(platform: "mastodon", handle: "ann@example.social", userID: nil, displayName: nil),
    AccountInfo(platform: "mastodon", handle: "bob@example.social", userID: nil, displayName: nil),
    // Not ranked: past the graph accounts.
    AccountInfo(
      platform: "mastodon", handle: "quiet@example.social", userID: nil, displayName: nil),
  ]

  func entry(_ line: Int, _ person: String, _ platform: String, _ handle: String)
    -> Identities.Entry
  {
    Identities.Entry(line: line, person: person, platform: platform, handle: handle)
  }

  @Test func groupsAccountsByPersonInFileOrder() throws {
    let identities = try Identities(
      [
        entry(2, "Bob", "mastodon", "@bob@example.social"),
        entry(3, "Ann", "mastodon", "ann@example.social"),
        entry(4, "Ann", "bluesky", "ann.bsky.social"),
        entry(5, "Ann", "bluesky", "ANN.bsky.social"),
        entry(6, "Ann", "mastodon", "quiet@example.social"),
      ], accounts: Self.accounts, ranked: 3)
    #expect(identities.people.map(\.person) == ["Bob", "Ann"])
    #expect(identities.people.map(\.nodes) == [[2], [1, 0]])
    #expect(identities.unknown.map(\.line) == [6])
    #expect(identities.unknown.map(\.account) == ["mastodon:quiet@example.social"])
  }

  @Test func anAccountBelongsToOnePerson() {
    #expect(
      throws: Identities.Failure.claimedTwice(
        line: 3, account: "bluesky:ann.bsky.social", person: "Ann", earlierLine: 2)
    ) {
      try Identities(
        [
          entry(2, "Ann", "bluesky", "ann.bsky.social"),
          entry(3, "Bo", "bluesky", "ann.bsky.social"),
        ],
        accounts: Self.accounts, ranked: 3)
    }
    #expect(
      Identities.Failure.emptyField(line: 7, field: "handle").message(path: "people.csv")
        == "people.csv:7: field 'handle': empty")
  }
}
