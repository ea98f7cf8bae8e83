import CloutCore

/// The input of one ingest run, as recorded in `ingest_runs`.
public struct IngestSource: Sendable, Equatable {
  /// The file as the user named it (`-` for standard input).
  public var file: String
  /// The input format's name (`posts-csv`, `jsonl`, `edges-csv`, ...).
  public var format: String

  public init(file: String, format: String) {
    self.file = file
    self.format = format
  }
}

/// How an ingest run writes.
public struct IngestOptions: Sendable {
  /// Records per transaction unless told otherwise: large enough that the per-batch work
  /// (account flushes, pending resolution, commit and checkpoint) is a few percent of ingest,
  /// small enough that the WAL stays around 100 MB (see BatchWriter.swift for figures).
  public static let defaultBatchSize = 250_000

  /// Records per transaction. Each batch commits atomically, so an interrupted run leaves
  /// whole batches only, and re-running the same input completes it.
  public var batchSize = IngestOptions.defaultBatchSize
  /// When true, bad records are counted and skipped; when false, the first one rolls back
  /// the current batch and ends the run with `IngestFailure`.
  public var skipBad = false
  /// Called from the ingesting thread about twice a second and once at the end.
  public var progress: (@Sendable (IngestProgress) -> Void)?

  public init(
    batchSize: Int = IngestOptions.defaultBatchSize, skipBad: Bool = false,
    progress: (@Sendable (IngestProgress) -> Void)? = nil
  ) {
    self.batchSize = max(1, batchSize)
    self.skipBad = skipBad
    self.progress = progress
  }
}

/// A progress report during ingest.
public struct IngestProgress: Sendable, Equatable {
  /// Records read so far (good and bad).
  public var records: Int
  public var bytesRead: Int64
  public var elapsedSeconds: Double

  public init(records: Int, bytesRead: Int64, elapsedSeconds: Double) {
    self.records = records
    self.bytesRead = bytesRead
    self.elapsedSeconds = elapsedSeconds
  }
}

/// What one ingest run added. Counts only what committed.
public struct IngestSummary: Sendable, Equatable {
  public var postsAdded = 0
  public var accountsAdded = 0
  /// Post-derived interactions, including deferred ones resolved during this run.
  public var interactionsAdded = 0
  /// Interactions given directly as edges (`EdgeRecord`).
  public var edgesAdded = 0
  /// Posts already in the store (by platform and post id), skipped with their interactions;
  /// also edges already in the store.
  public var duplicatesSkipped = 0
  /// Duplicate posts whose author, time or reference keys differ from the stored copy. The
  /// stored (first) copy is kept; these count in `duplicatesSkipped` too.
  public var conflicts = 0
  /// The first five conflicts, e.g. "twitter post 123: author, created_at differ".
  public var firstConflicts: [String] = []
  public var badRecords = 0
  /// The first five bad records, in input order.
  public var firstBadRecords: [RecordError] = []
  public var batchesCommitted = 0
  public var seconds: Double = 0

  public init() {}

  mutating func add(_ other: IngestSummary) {
    postsAdded += other.postsAdded
    accountsAdded += other.accountsAdded
    interactionsAdded += other.interactionsAdded
    edgesAdded += other.edgesAdded
    duplicatesSkipped += other.duplicatesSkipped
    conflicts += other.conflicts
    firstConflicts += other.firstConflicts.prefix(max(0, 5 - firstConflicts.count))
    badRecords += other.badRecords
    firstBadRecords += other.firstBadRecords.prefix(5 - firstBadRecords.count)
    batchesCommitted += other.batchesCommitted
  }
}

/// A bad record ended an ingest run without `skipBad`. The batch holding it was rolled back;
/// `committed` counts what earlier batches wrote (and stays in the store).
public struct IngestFailure: Error, Sendable, CustomStringConvertible {
  public var error: RecordError
  public var committed: IngestSummary

  public init(error: RecordError, committed: IngestSummary) {
    self.error = error
    self.committed = committed
  }

  public var description: String {
    "\(error) (ingest stopped; \(committed.batchesCommitted) earlier batch(es) committed "
      + "\(committed.postsAdded) posts; pass --skip-bad to skip bad records)"
  }
}

/// `RecordError` under a name that files importing GRDB (which has its own `RecordError`)
/// can use.
typealias BadInput = RecordError
