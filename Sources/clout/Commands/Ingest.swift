import ArgumentParser
import CloutCore
import CloutReports
import CloutIngest
import CloutStore

extension InputFormat: ExpressibleByArgument {}

struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read mention data files into the store.",
    // The generated usage line lists every option on one 146-column line; the options are
    // listed (and wrapped) below it anyway.
    usage: "clout ingest <file> ... [--db <path>] [--format <format>] [<options>]",
    discussion: """
      Every post, account and interaction is kept with its platform and time. Ingest is \
      idempotent: a file read twice adds nothing, and overlapping files merge by post id \
      (the first copy of a post wins). Records are committed in batches; if a run is \
      interrupted, running the same command again completes it.

      Formats (--format, default auto-detected from the first records):
        posts-csv    header row; columns id, author, created_at (required), text,
                     reply_to_id, reply_to_author, repost_of_id, repost_of_author,
                     quote_of_id, quote_of_author, mentions, platform, display_name,
                     followers (the author's follower count)
                     (no mentions column: the @names in text are the mentions)
        edges-csv    columns source, target, type, timestamp (required),
                     post_id, weight
        twarc-csv    the tweets CSV of `twarc2 csv` (columns author.username,
                     created_at, entities.mentions...); platform twitter;
                     detected from its header
        twitter-v2   JSONL of API v2 response pages or of flattened tweets
        twitter-v1   JSONL of API v1.1 tweet objects
        mastodon     statuses from the Mastodon REST API (JSON array or JSONL)
        bluesky      app.bsky.feed post views (JSON or JSONL)
        reddit       comments and submissions, one JSON object per line
        hackernews   Hacker News API items, one per line

      Examples:
        clout ingest export.csv
        clout ingest --format twitter-v2 --db brand.db day1.jsonl day2.jsonl
        clout ingest tweets.jsonl.gz          (gzip is read directly)
        gunzip -c tweets.jsonl.gz | clout ingest --format twitter-v1 -
        clout ingest --platform mastodon --skip-bad messy.csv
      """
  )

  @Argument(help: ArgumentHelp("Files to read; '-' reads standard input.", valueName: "file"))
  var files: [String]

  @OptionGroup var store: StoreOptions

  @Option(help: "Input format: \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: InputFormat = .auto

  @Option(
    help: ArgumentHelp(
      "Platform for records that do not name one (e.g. twitter, mastodon).",
      valueName: "name"))
  var platform: String?

  @Option(
    help: ArgumentHelp(
      "Which CSV column holds each of Clout's columns, for exports named otherwise.",
      discussion: "e.g. --columns author=author.username,created_at=Date,text=\"Full Text\"",
      valueName: "name=column,..."))
  var columns: String?

  @Flag(help: "Report unreadable records (count and the first few) and ingest the rest.")
  var skipBad = false

  @Option(help: ArgumentHelp("Records per committed transaction.", valueName: "n"))
  var batchSize = IngestOptions.defaultBatchSize

  func validate() throws {
    if files.isEmpty {
      throw ValidationError("Name at least one file to ingest, or '-' for standard input.")
    }
    if files.filter({ $0 == "-" }).count > 1 {
      throw ValidationError("Standard input ('-') can be read only once per run.")
    }
    if batchSize < 1 {
      throw ValidationError("--batch-size must be at least 1.")
    }
    if case .failure(let error) = columnMapping {
      throw ValidationError(error.description + ".")
    }
    if let platform, PlatformName.normalize(platform) == nil {
      throw ValidationError("--platform needs a name such as twitter or mastodon.")
    }
  }

  var columnMapping: Result<ColumnMapping, ColumnMapping.ParseError> {
    columns.map(ColumnMapping.parse) ?? .success(.none)
  }

  func run() throws {
    // The store is opened (and so created) only once an input has opened and passed the
    // file-level checks: a missing, empty or unreadable first file leaves no empty store.
    var openedStore: Store?
    let storeWhenNeeded = { () throws -> Store in
      if let openedStore { return openedStore }
      let created = try CommandSupport.openStore(path: store.db)
      openedStore = created
      return created
    }
    var total = IngestTotals()
    for file in files {
      let summary = try ingest(file: file, into: storeWhenNeeded)
      total.add(summary)
    }
    if files.count > 1 {
      try Console.output("total: \(total.line)\n")
    }
  }

  private func ingest(file: String, into storeWhenNeeded: () throws -> Store) throws
    -> IngestSummary
  {
    let shownName = file == "-" ? "<stdin>" : file
    let opened: OpenedInput
    opened = try RecordReaders.open(
      path: file, format: format, platform: platform.flatMap(PlatformName.normalize),
      columns: (try? columnMapping.get()) ?? .none)
    if let note = opened.detectionNote {
      Console.note("\(shownName): \(note)")
    }
    if let note = opened.platformNote { Console.note("\(shownName): \(note)") }
    let store = try storeWhenNeeded()
    let progress =
      Console.stderrIsTerminal
      ? ProgressLine(label: shownName, totalBytes: ProgressLine.fileSize(file)) : nil
    var options = IngestOptions()
    options.batchSize = batchSize
    options.skipBad = skipBad
    if let progress {
      options.progress = { progress.update($0) }
    }
    var stream = opened.stream
    do {
      let summary = try store.ingest(
        &stream, source: IngestSource(file: shownName, format: opened.format.rawValue),
        options: options)
      progress?.finish()
      try Console.output(
        "\(shownName): \(IngestTotals(summary).line) [\(opened.format.rawValue)]\n")
      reportBadRecords(summary)
      reportConflicts(summary)
      reportNoInteractions(summary, file: shownName)
      return summary
    } catch let failure as IngestFailure {
      progress?.finish()
      Console.error(failure.error.description)
      let kept = failure.committed
      if failure.error.isIOFailure {
        Console.note(
          "\(NumberFormatting.grouped(kept.postsAdded)) posts from earlier batches of "
            + "\(shownName) were kept; run the same command again once the file can be read.")
        throw CloutExit.ioError
      }
      if let hint = formatHint(file: file, kept: kept) { Console.note(hint) }
      Console.note(
        "Nothing from the failed batch was stored. \(NumberFormatting.grouped(kept.postsAdded))"
          + " posts from earlier batches of \(shownName) were kept; fix the record and run the"
          + " same command again (stored records are skipped), or use --skip-bad.")
      throw CloutExit.dataError
    } catch {
      // A RecordError or StoreError: the progress line ends before ErrorExit's message.
      progress?.finish()
      throw error
    }
  }

  /// When a named --format fails before anything was stored, what the file looks like to
  /// detection: the usual cause is a wrong --format, and "not valid JSON" alone does not say
  /// so.
  private func formatHint(file: String, kept: IngestSummary) -> String? {
    guard format != .auto, file != "-", kept.postsAdded == 0, kept.edgesAdded == 0,
      let detected = try? RecordReaders.open(path: file, format: .auto, platform: nil),
      detected.format != format
    else { return nil }
    return
      "\(file) looks like \(detected.format.rawValue), not \(format.rawValue): try --format auto"
  }

  /// Clout ranks on interactions only: a file that adds posts but none (and is not a re-read
  /// of stored posts) changes no ranking, which users otherwise learn much later.
  private func reportNoInteractions(_ summary: IngestSummary, file: String) {
    guard summary.interactionsAdded + summary.edgesAdded == 0, summary.duplicatesSkipped == 0
    else { return }
    Console.note(
      "warning: \(file) added no interactions (replies, reposts, quotes or mentions), so no"
        + " ranking changes; check that its reply, repost, quote or mentions fields are filled")
  }

  private func reportConflicts(_ summary: IngestSummary) {
    guard summary.conflicts > 0 else { return }
    Console.note(
      NumberFormatting.count(summary.conflicts, "duplicate post")
        + (summary.conflicts == 1 ? " disagrees" : " disagree") + " with the copy "
        + "already stored (the first copy seen is kept); first:")
    for conflict in summary.firstConflicts {
      Console.note("  " + conflict)
    }
  }

  private func reportBadRecords(_ summary: IngestSummary) {
    guard summary.badRecords > 0 else { return }
    Console.note("skipped \(NumberFormatting.grouped(summary.badRecords)) bad records; first:")
    for error in summary.firstBadRecords {
      Console.note("  " + error.description)
    }
  }
}

/// Sums of several files' summaries, and the one-line text users read.
struct IngestTotals {
  var posts = 0
  var accounts = 0
  var interactions = 0
  var duplicates = 0
  var conflicts = 0
  var bad = 0
  var seconds = 0.0

  init() {}

  init(_ summary: IngestSummary) {
    add(summary)
  }

  mutating func add(_ summary: IngestSummary) {
    posts += summary.postsAdded
    accounts += summary.accountsAdded
    interactions += summary.interactionsAdded + summary.edgesAdded
    duplicates += summary.duplicatesSkipped
    conflicts += summary.conflicts
    bad += summary.badRecords
    seconds += summary.seconds
  }

  var line: String {
    let n = NumberFormatting.count
    return "\(n(posts, "post", nil)), \(n(accounts, "account", nil)),"
      + " \(n(interactions, "interaction", nil)) added;"
      + " \(n(duplicates, "duplicate", nil)) skipped;"
      + (conflicts > 0
        ? " \(n(conflicts, "conflicting duplicate", nil)) kept as first seen;" : "")
      + " \(n(bad, "bad record", nil))"
      + " (\(NumberFormatting.fixed(seconds, digits: 2)) s)"
  }
}
