// `clout rank --top 100` on the 10M-post store of `gen.py 10000000 1000000 7`, idle machine:
// the forest was built at 0.46–0.48 s of scoring, when the graph and PageRank were done on
// the other thread, and its statistics then took another 0.19 s that the ranking waited for.
// With the distinct repliers counted beside the other statistics (and reach and activity
// scored before the wait), scoring took 0.64–0.69 s instead of 0.72–0.76 s, the command
// 1.13–1.20 s wall instead of 1.18–1.51 s (4 runs each); output byte-identical.

/// A reply forest and its per-account statistics, computed beside the caller: the forest on
/// another thread, then its distinct repliers (the longest statistic) there too while the
/// thread that asks for the `result()` counts the others.
final class ReplyForestWork: Sendable {
  private let forest: Concurrent<ReplyForest>
  private let distinctRepliers: Concurrent<[Int32]>
  private let accountCount: Int

  init(authors: [Int32], parents: [Int32], accountCount: Int) {
    let forest = Concurrent { ReplyForest(authors: authors, parents: parents) }
    self.forest = forest
    distinctRepliers = Concurrent { forest.wait().distinctRepliers(accountCount: accountCount) }
    self.accountCount = accountCount
  }

  /// The forest and `accountStatistics(accountCount:)` of it; the same values as computing
  /// them on one thread.
  func result() -> (ReplyForest, ReplyStatistics) {
    let forest = forest.wait()
    let statistics = forest.accountStatistics(accountCount: accountCount) {
      distinctRepliers.wait()
    }
    return (forest, statistics)
  }
}
