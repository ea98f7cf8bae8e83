import CloutCore
import Foundation

@testable import CloutStore

/// A record stream over an array, for tests.
struct ArrayStream: RecordStream {
  var items: [StreamItem]
  var position = 0
  var bytesRead: Int64 { Int64(position * 100) }

  init(_ items: [StreamItem]) { self.items = items }

  init(records: [IngestRecord]) {
    items = records.enumerated().map { .record($1, line: $0 + 2) }
  }

  mutating func next() throws -> StreamItem? {
    guard position < items.count else { return nil }
    defer { position += 1 }
    return items[position]
  }
}

/// A temporary directory removed when the value goes away.
final class TempDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("clout-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

let testPlatform = "twitter"

func account(_ handle: String? = nil, id: String? = nil, name: String? = nil) -> AccountRef {
  AccountRef(userID: id, handle: handle, displayName: name)!
}

func reference(_ postID: String? = nil, author: AccountRef? = nil) -> PostReference {
  PostReference(postID: postID, author: author)!
}

func post(
  _ id: String, by author: AccountRef, at time: Int64, text: String? = nil,
  replyTo: PostReference? = nil, repostOf: PostReference? = nil, quoteOf: PostReference? = nil,
  mentions: [AccountRef] = [], conversation: String? = nil, platform: String = testPlatform
) -> IngestRecord {
  .post(
    PostRecord(
      platform: platform, id: id, author: author, createdAt: time, text: text, replyTo: replyTo,
      repostOf: repostOf, quoteOf: quoteOf, mentions: mentions, conversationID: conversation))
}

func edge(
  _ source: AccountRef, _ target: AccountRef, _ type: InteractionType, at time: Int64,
  postID: String? = nil, weight: Double = 1
) -> IngestRecord {
  .edge(
    EdgeRecord(
      platform: testPlatform, source: source, target: target, type: type, createdAt: time,
      postID: postID, weight: weight))
}

let testSource = IngestSource(file: "test.csv", format: "posts-csv")

extension Store {
  @discardableResult
  func ingest(_ records: [IngestRecord], batchSize: Int = 50_000) throws -> IngestSummary {
    var stream = ArrayStream(records: records)
    return try ingest(&stream, source: testSource, options: IngestOptions(batchSize: batchSize))
  }

  func count(_ table: String, where condition: String = "1") throws -> Int {
    Int(try integer("SELECT count(*) FROM \(table) WHERE \(condition)") ?? -1)
  }

  /// `actor>target:type` for every interaction, sorted, with handles as names.
  func interactionList() throws -> [String] {
    try strings(
      """
      SELECT coalesce(a.handle, a.user_id) || '>' || coalesce(t.handle, t.user_id) || ':' || k.name
      FROM interactions AS i JOIN accounts AS a ON a.id = i.actor_id
      JOIN accounts AS t ON t.id = i.target_id JOIN interaction_types AS k ON k.code = i.type
      ORDER BY 1
      """
    ).map { $0 ?? "?" }
  }
}

func openStore(_ directory: TempDirectory, _ name: String = "clout.db") throws -> Store {
  try Store.open(path: directory.path(name))
}
