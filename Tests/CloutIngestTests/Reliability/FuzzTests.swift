import CloutCore
import Dispatch
import Foundation
import Testing

@testable import CloutIngest
import CloutTestSupport

/// Fuzzing: a deterministic mutation loop per input format. Each input is a few
/// fixture records (with the CSV header, or wrapped in a JSON array or API page) mutated by
/// byte flips, insertions, deletions, duplications, truncations and splices of hostile
/// tokens, then read through `RecordReaders.open` both with its format named and with `auto`.
/// Every input must end without a crash or trap, within `deadline`, and memory must stay
/// bounded.
///
/// CI runs `ciIterations` inputs per format (seconds); `scripts/fuzz.sh` sets
/// `CLOUT_FUZZ_ITERATIONS` (and `CLOUT_FUZZ_SEED`) for a long run. Every run prints how many
/// inputs it tried.
@Suite struct FuzzTests {
  static let ciIterations = 150
  /// A parse of one small input taking longer than this is reported as a hang.
  static let deadline: DispatchTimeInterval = .seconds(10)

  static var iterations: Int {
    ProcessInfo.processInfo.environment["CLOUT_FUZZ_ITERATIONS"].flatMap { Int($0) }
      ?? ciIterations
  }

  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["CLOUT_FUZZ_SEED"].flatMap { UInt64($0) } ?? 8
  }

  @Test(arguments: FuzzCorpus.Format.allCases)
  func mutatedRecordsNeverCrashOrHang(format: FuzzCorpus.Format) throws {
    let corpus = try FuzzCorpus(format)
    var generator = SeededGenerator(seed: Self.seed &+ UInt64(format.hashSeed))
    let path = Input.file("fuzz-\(format.inputFormat.rawValue)", "")
    let rssBefore = ResidentMemory.currentKiB()
    var tried = 0
    var records = 0
    var rejected = 0
    var slowest = 0.0
    for _ in 0..<Self.iterations {
      let bytes = corpus.mutatedInput(&generator)
      _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
      for asked in [format.inputFormat, .auto] {
        let started = DispatchTime.now()
        guard let outcome = Self.readWithDeadline(path: path, format: asked) else {
          let saved = Self.save(bytes, format: format)
          Issue.record("reading took over \(Self.deadline) (a hang?); input saved to \(saved)")
          return
        }
        slowest = max(
          slowest, Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
        records += outcome.records
        rejected += outcome.bad
        tried += 1
      }
    }
    let rssAfter = ResidentMemory.currentKiB()
    print(
      "fuzz \(format.inputFormat.rawValue): \(tried) inputs tried (seed \(Self.seed)), "
        + "\(records) records read, \(rejected) bad records or unreadable inputs, "
        + "slowest \(String(format: "%.3f", slowest)) s, RSS \(rssBefore / 1024) → "
        + "\(rssAfter / 1024) MB")
    // Both outcomes must occur, or the corpus tests only one path: mutations that never
    // break a record test no error handling, and inputs that never parse test no reading.
    #expect(records > 0, "no mutated input produced a record")
    #expect(rejected > 0, "no mutated input was rejected")
    // The inputs are a few KB; a reader that buffers without bound would show here.
    #expect(rssAfter < rssBefore + 512 * 1024, "memory grew from \(rssBefore) to \(rssAfter) KiB")
  }

  struct Outcome: Sendable {
    var records = 0
    var bad = 0
  }

  /// Reads the whole input on another thread, deriving every post's interactions too; nil
  /// when it does not finish before the deadline.
  static func readWithDeadline(path: String, format: InputFormat) -> Outcome? {
    let done = DispatchSemaphore(value: 0)
    let result = OutcomeBox()
    Thread.detachNewThread {
      result.value = read(path: path, format: format)
      done.signal()
    }
    guard done.wait(timeout: .now() + deadline) == .success else { return nil }
    return result.value
  }

  static func read(path: String, format: InputFormat) -> Outcome {
    var outcome = Outcome()
    do {
      var opened = try RecordReaders.open(path: path, format: format, platform: nil)
      while let item = try opened.stream.next() {
        switch item {
        case .record(.post(let post), _):
          _ = post.derivedInteractions()
          outcome.records += 1
        case .record(.edge, _): outcome.records += 1
        case .bad(let error):
          // Every bad record names its file and line.
          #expect(error.file == path && error.line != nil, "\(error)")
          outcome.bad += 1
        }
      }
    } catch let error as RecordError {
      #expect(error.file == path, "\(error)")
      outcome.bad += 1
    } catch {
      Issue.record("unexpected error type: \(error)")
    }
    return outcome
  }

  static func save(_ bytes: [UInt8], format: FuzzCorpus.Format) -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("clout-fuzz-hang-\(format.inputFormat.rawValue)-\(UUID().uuidString)")
      .path
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }
}

private final class OutcomeBox: @unchecked Sendable {
  var value = FuzzTests.Outcome()
}

/// Fixture records of one format, and the mutations applied to them.
struct FuzzCorpus {
  enum Format: CaseIterable, Sendable, CustomTestStringConvertible {
    case postsCSV, edgesCSV, twitterV2Flat, twitterV2Page, twitterV1, mastodon, bluesky
    case reddit, hackernews

    var inputFormat: InputFormat {
      switch self {
      case .postsCSV: .postsCSV
      case .edgesCSV: .edgesCSV
      case .twitterV2Flat, .twitterV2Page: .twitterV2
      case .twitterV1: .twitterV1
      case .mastodon: .mastodon
      case .bluesky: .bluesky
      case .reddit: .reddit
      case .hackernews: .hackernews
      }
    }

    var hashSeed: Int { Format.allCases.firstIndex(of: self)! * 7919 }

    var testDescription: String {
      self == .twitterV2Page ? "twitter-v2 (pages)" : inputFormat.rawValue
    }
  }

  let format: Format
  /// The CSV header line (with its line feed), else empty.
  var header: [UInt8] = []
  /// One record each: a CSV row, a JSON line, a JSON array element, or an API page.
  var records: [[UInt8]] = []

  init(_ format: Format) throws {
    self.format = format
    func lines(_ name: String) throws -> [[UInt8]] {
      let data = try Data(contentsOf: URL(fileURLWithPath: Input.fixture(name)))
      return data.split(separator: 0x0A).map { Array($0) + [0x0A] }
    }
    switch format {
    case .postsCSV, .edgesCSV:
      let all = try lines(format == .postsCSV ? "posts.csv" : "edges.csv")
      header = all[0]
      records = Array(all.dropFirst())
    case .twitterV2Flat: records = try lines("twitter-v2/flat.jsonl")
    case .twitterV2Page:
      // Small pages cut from the real ones: a few tweets with the users and tweets they name.
      for name in ["twitter-v2/kpop.jsonl", "twitter-v2/brexit.jsonl", "twitter-v2/noflat.jsonl"] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Input.fixture(name)))
        guard var page = try JSONSerialization.jsonObject(with: data) as? [String: Any],
          let tweets = page["data"] as? [Any]
        else { continue }
        var includes = page["includes"] as? [String: Any] ?? [:]
        includes["users"] = (includes["users"] as? [Any])?.prefix(8).map { $0 }
        includes["tweets"] = (includes["tweets"] as? [Any])?.prefix(3).map { $0 }
        includes["media"] = nil
        page["includes"] = includes
        page["__twarc"] = nil
        for start in stride(from: 0, to: min(tweets.count, 30), by: 3) {
          page["data"] = Array(tweets[start..<min(start + 3, tweets.count)])
          let bytes = try JSONSerialization.data(withJSONObject: page)
          records.append(Array(bytes) + [0x0A])
        }
      }
    case .mastodon:
      let data = try Data(contentsOf: URL(fileURLWithPath: Input.fixture("mastodon.json")))
      let statuses = try JSONSerialization.jsonObject(with: data) as? [Any] ?? []
      records = try statuses.map {
        Array(try JSONSerialization.data(withJSONObject: $0, options: [.prettyPrinted]))
      }
    case .twitterV1: records = try lines("twitter-v1.jsonl")
    case .bluesky: records = try lines("bluesky.jsonl")
    case .reddit: records = try lines("reddit.ndjson")
    case .hackernews: records = try lines("hackernews.jsonl")
    }
    precondition(!records.isEmpty, "no fixture records for \(format)")
  }

  /// Tokens that stress parsers: quotes, separators, brackets, escapes, invalid UTF-8, NUL,
  /// huge and non-finite numbers, type swaps.
  static let tokens: [[UInt8]] =
    [
      "\"", ",", "\n", "\r", "\r\n", "{", "}", "[", "]", ":", "\\", "\\u0000", "\\ud800", "null",
      "true", "\"\"", "[]", "{}", "1e400", "-1", "NaN", "-0", "99999999999999999999999",
      "0.000000000000000000001", "\"2026-13-45T99:99:99Z\"", "\"Wed Oct 99 25:61:61 +9999 0\"",
      "-62135596800", "253402300800", "@", " ", "\u{202E}", "👩‍👩‍👧", "\"id\"", "\"user\"",
      "\"data\"", "\"includes\"", "\"account\"", "\"t1_\"", "at://",
    ].map { Array($0.utf8) } + [[0x00], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF]]

  func mutatedInput(_ generator: inout SeededGenerator) -> [UInt8] {
    let count = 1 + generator.below(4)
    let first = generator.below(records.count)
    var picked: [[UInt8]] = []
    for offset in 0..<count { picked.append(records[(first + offset) % records.count]) }
    var body: [UInt8]
    if format == .mastodon && generator.below(4) != 0 {
      body = Array("[\n".utf8)
      for (index, record) in picked.enumerated() {
        if index > 0 { body += Array(",\n".utf8) }
        body += record
      }
      body += Array("\n]\n".utf8)
    } else {
      body = picked.joined().map { $0 }
      if format == .mastodon { body = body.filter { $0 != 0x0A } + [0x0A] }
    }
    var bytes = header + body
    // Usually leave the header alone so the records themselves are exercised.
    let protected = generator.below(5) == 0 ? 0 : header.count
    for _ in 0..<(1 + generator.below(8)) {
      mutate(&bytes, protecting: protected, &generator)
    }
    return bytes
  }

  private func mutate(_ bytes: inout [UInt8], protecting: Int, _ generator: inout SeededGenerator) {
    guard bytes.count > protecting else {
      bytes += FuzzCorpus.tokens[generator.below(FuzzCorpus.tokens.count)]
      return
    }
    let position = protecting + generator.below(bytes.count - protecting)
    let length = min(1 + generator.below(64), bytes.count - position)
    switch generator.below(8) {
    case 0:  // flip a bit
      bytes[position] ^= UInt8(1 << generator.below(8))
    case 1:  // random byte
      bytes[position] = UInt8(truncatingIfNeeded: generator.next())
    case 2:  // insert a hostile token
      bytes.insert(
        contentsOf: FuzzCorpus.tokens[generator.below(FuzzCorpus.tokens.count)], at: position)
    case 3:  // delete a range
      bytes.removeSubrange(position..<(position + length))
    case 4:  // duplicate a range
      bytes.insert(contentsOf: bytes[position..<(position + length)], at: position)
    case 5:  // truncate
      bytes.removeSubrange(position...)
    case 6:  // splice a piece of another record
      let other = records[generator.below(records.count)]
      let start = generator.below(other.count)
      let end = min(other.count, start + 1 + generator.below(200))
      bytes.insert(contentsOf: other[start..<end], at: position)
    default:  // repeat a byte many times (long fields, deep nesting)
      let byte = bytes[position]
      bytes.insert(
        contentsOf: repeatElement(byte, count: 1 + generator.below(2000)), at: position)
    }
  }
}

/// The process's resident memory, from /proc (Linux).
enum ResidentMemory {
  static func currentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return 0
    }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
      return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return 0
  }
}
