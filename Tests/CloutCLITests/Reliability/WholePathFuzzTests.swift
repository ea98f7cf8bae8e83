import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing

@testable import CloutStore

/// The whole path, fuzzed: a mutated input (values at the type limits, hostile names, broken
/// lines) is ingested, the store is then mutated the way no ingest writes it (weights of 1e39,
/// NaN or text, times at Int64's ends, unknown type codes, ids naming no account, NULLs), and
/// `rank`, `explain`, `shortlist` and `map` run on it. Every run must end with an exit code
/// (0, or 64/65/74/75 with a message), never a signal, and print no NaN or infinity; every DOT
/// must be free of XML non-characters and every SVG must parse.
///
/// CI runs `CLOUT_PATH_FUZZ_ITERATIONS` (default 6) inputs; `scripts/fuzz.sh` runs many more.
/// The run prints `path fuzz: N inputs, M commands run, F failures`.
@Suite struct WholePathFuzzTests {
  static let iterations =
    ProcessInfo.processInfo.environment["CLOUT_PATH_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 6
  static let seed =
    ProcessInfo.processInfo.environment["CLOUT_FUZZ_SEED"].flatMap { UInt64($0) } ?? 21

  /// SplitMix64: deterministic, so a failing seed and iteration replay exactly.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
  }

  static let limitNumbers = [
    "1e39", "3.4e38", "1e12", "1e308", "-0", "5e-324", "9.2e18", "NaN", "inf", "-1", "0",
    "18446744073709551616", "1e-45",
  ]
  static let limitTimes = [
    "-9223372036854775808", "9223372036854775807", "0", "253402300800", "-62135596800",
    "2026-01-01", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
  ]
  static let hostileNames = [
    "a\u{FFFF}b", "\u{FFFE}", "x\u{0}y", "\"];\ndigraph x {", "<b>&amp;", "\\N\\G",
    String(repeating: "h", count: 3_000), "=HYPERLINK(\"x\")", "🙂\u{200D}🙂", "\u{202E}rtl",
  ]

  static func edgesInput(_ random: inout Generator) -> String {
    let names = ["a", "b", "c", "d", "e"] + [random.pick(hostileNames)]
    let types = ["reply", "quote", "repost", "mention"]
    var lines = ["source,target,type,timestamp,weight"]
    for index in 0..<(6 + random.below(10)) {
      var fields = [
        random.pick(names), random.pick(names), random.pick(types),
        "2026-01-\(String(format: "%02d", 1 + index % 28))", "1",
      ]
      switch random.below(5) {
      case 0: fields[4] = random.pick(limitNumbers)
      case 1: fields[3] = random.pick(limitTimes)
      case 2: fields[2] = random.pick(types + ["REPLY", "like", ""])
      default: break
      }
      lines.append(fields.map(csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func postsInput(_ random: inout Generator) -> String {
    let names = ["a", "b", "c", "d"] + [random.pick(hostileNames)]
    var lines = ["id,author,created_at,text,reply_to_id,reply_to_author,mentions,display_name"]
    for index in 0..<(5 + random.below(10)) {
      let parent = index > 0 && random.below(3) > 0 ? "p\(random.below(index))" : ""
      var fields = [
        "p\(index)", random.pick(names), "2026-02-\(String(format: "%02d", 1 + index % 28))",
        "text \(index)", parent, "", random.below(2) == 0 ? random.pick(names) : "",
        random.below(3) == 0 ? random.pick(hostileNames) : "",
      ]
      if random.below(5) == 0 { fields[2] = random.pick(limitTimes) }
      lines.append(fields.map(csvField).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func csvField(_ text: String) -> String {
    text.contains { ",\"\n\r".contains($0) }
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }

  /// Byte-level damage on top: a flipped byte, a dropped or doubled line.
  static func damaged(_ text: String, _ random: inout Generator) -> Data {
    var bytes = Array(text.utf8)
    switch random.below(4) {
    case 0 where !bytes.isEmpty: bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
    case 1:
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      if lines.count > 2 { lines.remove(at: 1 + random.below(lines.count - 2)) }
      bytes = Array(lines.joined(separator: "\n").utf8)
    case 2:
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      if lines.count > 2 { lines.append(lines[1 + random.below(lines.count - 2)]) }
      bytes = Array(lines.joined(separator: "\n").utf8)
    default: break
    }
    return Data(bytes)
  }

  /// Store edits no ingest makes; each is tried and skipped when a constraint refuses it.
  static let storeMutations = [
    "UPDATE interactions SET weight = 1e39 WHERE id = 1",
    "UPDATE interactions SET weight = 9e999",
    "UPDATE interactions SET weight = -1e300 WHERE id % 2 = 0",
    "UPDATE interactions SET weight = 'heavy' WHERE id = 2",
    "UPDATE interactions SET weight = 3e38",
    "UPDATE interactions SET created_at = -9223372036854775808 WHERE id = 1",
    "UPDATE interactions SET created_at = 9223372036854775807 WHERE id = 2",
    "UPDATE interactions SET type = 99 WHERE id = 1",
    "UPDATE interactions SET type = -7 WHERE id = 2",
    "UPDATE interactions SET actor_id = 999999 WHERE id = 1",
    "UPDATE interactions SET target_id = -3 WHERE id = 2",
    "UPDATE interactions SET target_id = actor_id WHERE id = 3",
    "UPDATE accounts SET handle = NULL, user_id = 'u' || id WHERE id = 1",
    "UPDATE accounts SET display_name = 'x' || char(65535) || 'y'",
    "UPDATE accounts SET first_seen = 9223372036854775807, last_seen = -9223372036854775808",
    "UPDATE posts SET author_id = 999999 WHERE id = 1",
    "UPDATE posts SET reply_to_key = post_key",
    "UPDATE posts SET created_at = -9223372036854775808 WHERE id = 2",
    "UPDATE posts SET reply_to_author_id = -1",
    "UPDATE platforms SET name = 'p' || char(65535)",
    "UPDATE accounts SET id = 9223372036854775807 WHERE id = 1",
    "DELETE FROM accounts WHERE id = 2",
  ]

  /// The message, or for a crash its cause and the first frames in Clout's own code.
  static func summary(_ stderr: String) -> String {
    let lines = stderr.split(separator: "\n")
    let wanted = lines.filter {
      $0.contains("Fatal error") || $0.contains("error:") || $0.contains("/Sources/")
    }
    return (wanted.isEmpty ? lines.prefix(3) : wanted.prefix(8)).joined(separator: "\n")
  }

  struct Failure: CustomStringConvertible {
    var iteration: Int
    var what: String
    var description: String { "iteration \(iteration): \(what)" }
  }

  @Test func ingestRankExplainShortlistMapExportNeverCrash() throws {
    var random = Generator(state: Self.seed)
    var failures: [Failure] = []
    var commandsRun = 0
    for iteration in 0..<Self.iterations {
      let directory = try TemporaryDirectory()
      let input = directory.path(random.below(2) == 0 ? "in.csv" : "posts.csv")
      let text = input.hasSuffix("in.csv") ? Self.edgesInput(&random) : Self.postsInput(&random)
      try Self.damaged(text, &random).write(to: URL(fileURLWithPath: input))
      let db = directory.path("f.db")
      func check(_ command: [String], allowed: Set<Int32>) throws -> CloutProcess.Result {
        commandsRun += 1
        let result = try CloutProcess.run(command)
        if !allowed.contains(result.status) {
          failures.append(
            Failure(
              iteration: iteration,
              what: "\(command.joined(separator: " ")) exited \(result.status): "
                + Self.summary(result.stderr)))
        }
        for bad in ["NaN", ",nan", ",inf", ",-inf", "\"score\": null", "\"pagerank\": null"]
        where result.stdout.contains(bad) {
          failures.append(Failure(iteration: iteration, what: "\(command[0]) printed \(bad)"))
        }
        return result
      }
      let ingest = try check(["ingest", "--db", db, "--skip-bad", input], allowed: [0, 65])
      guard ingest.status == 0, FileManager.default.fileExists(atPath: db) else { continue }
      // Mutate the store in one of two of the iterations, with one to three edits.
      if random.below(2) == 0 {
        let store = try Store.open(path: db)
        for _ in 0..<(1 + random.below(3)) {
          try? store.execute(random.pick(Self.storeMutations))
        }
        try store.close()
      }
      let readers: Set<Int32> = [0, 65, 74]
      let extra = random.below(3) == 0 ? ["--weights", "reply=1e12,mention=0"] : []
      _ = try check(["rank", "--db", db, "--format", "csv"] + extra, allowed: readers)
      _ = try check(["rank", "--db", db, "--format", "json"], allowed: readers)
      for account in ["a", "b", random.pick(Self.hostileNames)] {
        _ = try check(["explain", "--db", db, account] + extra, allowed: readers.union([64]))
      }
      _ = try check(["shortlist", "--db", db, "--out", "-"], allowed: readers)
      let dot = directory.path("m.dot")
      if try check(["map", "--db", db, "--out", dot] + extra, allowed: readers).status == 0 {
        let text = try String(contentsOfFile: dot, encoding: .utf8)
        if text.unicodeScalars.contains(where: { $0.value & 0xFFFE == 0xFFFE }) {
          failures.append(Failure(iteration: iteration, what: "DOT holds a non-character"))
        }
      }
      // The whole graph for Gephi: GEXF and GraphML must stay well-formed XML.
      let graphFile = directory.path(iteration % 2 == 0 ? "g.gexf" : "g.graphml")
      if try check(["export", "--db", db, "--out", graphFile] + extra, allowed: readers).status
        == 0
      {
        let parser = XMLParser(contentsOf: URL(fileURLWithPath: graphFile))
        if parser?.parse() != true {
          failures.append(
            Failure(iteration: iteration, what: "\(graphFile) is not well-formed XML"))
        }
      }
      if iteration % 3 == 0 {
        let svg = directory.path("m.svg")
        if try check(["map", "--db", db, "--out", svg, "--top", "20"], allowed: readers).status
          == 0
        {
          let parser = XMLParser(contentsOf: URL(fileURLWithPath: svg))
          if parser?.parse() != true {
            failures.append(Failure(iteration: iteration, what: "SVG is not well-formed XML"))
          }
        }
      }
    }
    print(
      "path fuzz: \(Self.iterations) inputs, \(commandsRun) commands run, "
        + "\(failures.count) failures (seed \(Self.seed))")
    for failure in failures.prefix(20) { Issue.record("\(failure)") }
  }
}
