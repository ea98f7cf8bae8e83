import CloutCore
import CloutTestSupport

@testable import CloutStore

/// Posts drawn at random for the topic tests: replies to earlier posts, to posts never stored
/// and to posts that arrive later (which can close a cycle of replies), reposts and mentions,
/// texts of a few words from `words`, on two platforms.
func randomConversations(seed: UInt64, count: Int = 150) -> [IngestRecord] {
  var random = SeededGenerator(seed: seed)
  let accounts = (0..<12).map { account("user\($0)", id: "\($0 + 1)") }
  var records: [IngestRecord] = []
  for index in 0..<count {
    let author = accounts[random.below(accounts.count)]
    let text = (0..<(1 + random.below(3))).map { _ in
      randomConversationWords[random.below(randomConversationWords.count)]
    }.joined(separator: " ")
    var replyTo: PostReference?
    switch random.below(6) {
    case 0, 1, 2: replyTo = index > 0 ? reference("p\(random.below(index))") : nil
    case 3: replyTo = reference("missing\(random.below(5))", author: accounts[random.below(3)])
    case 4: replyTo = reference("p\(min(count - 1, index + 1 + random.below(5)))")
    default: replyTo = nil
    }
    let mentions = (0..<random.below(3)).map { _ in accounts[random.below(accounts.count)] }
    let repost = random.below(10) == 0 ? reference("p\(random.below(count))") : nil
    records.append(
      post(
        "p\(index)", by: author, at: Int64(1_000 + index * 10),
        text: random.below(12) == 0 ? nil : text, replyTo: repost == nil ? replyTo : nil,
        repostOf: repost, mentions: mentions, platform: random.below(8) == 0 ? "reddit" : "twitter"
      ))
  }
  return records
}

let randomConversationWords = ["solar", "wind", "#grid", "tide", "coal", "sun", "Sólar"]
