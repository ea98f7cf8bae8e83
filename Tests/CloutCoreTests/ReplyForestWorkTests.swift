import CloutTestSupport
import Dispatch
import Testing

@testable import CloutCore

/// The reply forest's statistics split over two threads (`ReplyForestWork`) are the ones
/// computed on one, and `Concurrent` lets more than one wait for its value.
@Suite struct ReplyForestWorkTests {
  @Test(arguments: [1, 2, 3, 4] as [UInt64])
  func splitStatisticsEqualOneThreadsStatistics(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let n = 3_000
    let accounts = 40
    var authors: [Int32] = []
    var parents: [Int32] = []
    for post in 0..<n {
      let roll = rng.below(20)
      authors.append(roll == 0 ? -1 : Int32(rng.below(accounts)))
      // Mostly earlier posts, sometimes later ones (cycles), some roots.
      if roll < 3 || post == 0 {
        parents.append(-1)
      } else if roll == 3 {
        parents.append(Int32(rng.below(n)))
      } else {
        parents.append(Int32(max(0, post - 1 - rng.below(12))))
      }
    }
    let expected = ReplyForest(authors: authors, parents: parents)
      .accountStatistics(accountCount: accounts + 5)
    let (forest, statistics) = ReplyForestWork(
      authors: authors, parents: parents, accountCount: accounts + 5
    ).result()
    #expect(statistics == expected)
    #expect(forest.parents == ReplyForest(authors: authors, parents: parents).parents)
    #expect(statistics.distinctRepliers.contains { $0 > 1 })
  }

  /// Before, a second wait blocked for ever: the one signal was taken by the first. Every
  /// wait here runs on another thread, so that the test fails rather than hangs.
  @Test func aValueCanBeWaitedForTwiceAndFromTwoThreads() {
    let value = Concurrent { 42 }
    let finished = DispatchSemaphore(value: 0)
    let sums = Concurrent { () -> Int in
      let first = value.wait()
      return first + value.wait()
    }
    DispatchQueue.global().async {
      _ = value.wait()
      finished.signal()
    }
    DispatchQueue.global().async {
      _ = sums.wait()
      finished.signal()
    }
    #expect(finished.wait(timeout: .now() + 10) == .success)
    #expect(finished.wait(timeout: .now() + 10) == .success)
  }
}
