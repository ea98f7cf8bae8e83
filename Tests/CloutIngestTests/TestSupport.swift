import CloutCore
import Foundation

@testable import CloutIngest

/// Writes inputs to temporary files and reads them back through `RecordReaders.open`.
enum Input {
  private static let directory: URL = {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("clout-ingest-tests-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  /// Writes `bytes` to a fresh file named `name` and returns its path.
  static func file(_ name: String, bytes: [UInt8]) -> String {
    let url = directory.appendingPathComponent(UUID().uuidString + "-" + name)
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    return url.path
  }

  static func file(_ name: String, _ text: String) -> String {
    file(name, bytes: Array(text.utf8))
  }

  /// A fixture under `Tests/IngestFixtures/` (outside the test target, so SwiftPM does not
  /// ask for them to be declared as resources).
  static func resource(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("IngestFixtures").appendingPathComponent(name).path
  }
}

extension Input {
  /// A file of the repository's `Fixtures/` (the real-shaped data sets of every format).
  static func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures")
      .appendingPathComponent(name).path
  }
}

struct ReadResult {
  var opened: OpenedInput
  var items: [StreamItem]

  var posts: [PostRecord] {
    items.compactMap { if case .record(.post(let post), _) = $0 { post } else { nil } }
  }
  var edges: [EdgeRecord] {
    items.compactMap { if case .record(.edge(let edge), _) = $0 { edge } else { nil } }
  }
  var errors: [RecordError] {
    items.compactMap { if case .bad(let error) = $0 { error } else { nil } }
  }
  var lines: [Int] {
    items.compactMap { if case .record(_, let line) = $0 { line } else { nil } }
  }
  func post(_ id: String) -> PostRecord? { posts.first { $0.id == id } }

  /// Reply hops from the post to the topmost ancestor present in the result.
  func replyDepth(_ id: String) -> Int {
    var byID: [String: PostRecord] = [:]
    for post in posts where byID[post.id] == nil { byID[post.id] = post }
    var depth = 0
    var current = byID[id]
    while let parentID = current?.replyTo?.postID, let parent = byID[parentID], depth < 1000 {
      depth += 1
      current = parent
    }
    return depth
  }
}

func readAll(_ path: String, format: InputFormat = .auto, platform: String? = nil) throws
  -> ReadResult
{
  var opened = try RecordReaders.open(path: path, format: format, platform: platform)
  var items: [StreamItem] = []
  while let item = try opened.stream.next() { items.append(item) }
  return ReadResult(opened: opened, items: items)
}

/// The `RecordError` that opening the input throws, or nil when it opens.
func openError(_ path: String, format: InputFormat = .auto) -> RecordError? {
  do {
    _ = try RecordReaders.open(path: path, format: format, platform: nil)
    return nil
  } catch let error as RecordError {
    return error
  } catch {
    return RecordError(file: "?", message: "unexpected error \(error)")
  }
}

func account(_ handle: String?, id: String? = nil, name: String? = nil) -> AccountRef? {
  AccountRef(userID: id, handle: handle, displayName: name)
}
