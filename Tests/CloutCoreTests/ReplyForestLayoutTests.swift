import CloutCore
import CloutTestSupport
import Testing

/// The preorder layout and the repliers' sweeps of `ReplyForest` (heights and sizes pushed by
/// preorder position, posts without replies left out of the sweeps) against hand-computed
/// forests and a brute-force evaluation written from the definitions.
@Suite struct ReplyForestLayoutTests {
  @Test func handComputedForestWithLaterParents() {
    // Parents after their replies, as when a parent arrives late or is a placeholder:
    //   5 (A) ← 0 (B) ← 3 (C)      5 ← 2 (A, leaf)
    //   4 (B) ← 1 (A, leaf)
    // Accounts A = 0, B = 1, C = 2.
    let authors: [Int32] = [1, 0, 0, 2, 1, 0]
    let parents: [Int32] = [5, 4, 5, 0, -1, -1]
    let forest = ReplyForest(authors: authors, parents: parents)
    #expect(forest.cycles.isEmpty)
    // Roots ascending (4, 5), replies ascending (5's: 0 then 2).
    #expect(forest.preorder == [4, 1, 5, 0, 3, 2])
    #expect(forest.subtreeSizes == [2, 1, 1, 1, 2, 4])
    #expect(forest.heights == [1, 0, 0, 0, 1, 2])
    #expect(forest.subtreeRepliers == [1, 0, 0, 0, 1, 2])
    let stats = forest.accountStatistics(accountCount: 3)
    #expect(stats.distinctRepliers == [2, 2, 0])  // A: B, C; B: C (under 0), A (under 4)
    #expect(stats.maxReplyDepth == [2, 1, 0])
    #expect(stats.repliesReceived == [1, 2, 0])  // A: 0; B: 3 and 1
  }

  @Test func accountWithLeafAndThreadTopmostPosts() {
    // A (0) has two topmost posts: 0, a leaf, and 1, answered by B then C. Only 1 holds other
    // authors; B (1) has one post with a reply by C.
    let forest = ReplyForest(authors: [0, 0, 1, 2], parents: [-1, -1, 1, 2])
    let stats = forest.accountStatistics(accountCount: 3)
    #expect(stats.distinctRepliers == [2, 1, 0])
    #expect(forest.subtreeRepliers == [0, 2, 1, 0])
    #expect(forest.heights == [0, 2, 1, 0])
  }

  @Test func selfThreadUnderAnotherAuthorsThread() {
    // B replies to A's post, A answers twice in a row, B again: A's topmost post is 0 only,
    // B's are 1 (its later post 4 lies inside 1's subtree).
    let forest = ReplyForest(authors: [0, 1, 0, 0, 1], parents: [-1, 0, 1, 2, 3])
    #expect(forest.heights == [3, 2, 1, 1, 0])
    let stats = forest.accountStatistics(accountCount: 2)
    #expect(stats.distinctRepliers == [1, 1])
    #expect(stats.maxReplyDepth == [3, 2])
  }

  @Test func cycleWithTailsBrokenAtItsSmallestPost() {
    // 6 → 2 → 9 → 6 is a cycle (each arrow: replies to); 4 → 9 and 1 → 4 hang off it; 0 is a
    // root with reply 7; 3 replies to itself.
    var parents = [Int32](repeating: -1, count: 10)
    parents[6] = 2
    parents[2] = 9
    parents[9] = 6
    parents[4] = 9
    parents[1] = 4
    parents[7] = 0
    parents[3] = 3
    let authors: [Int32] = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0]
    let forest = ReplyForest(authors: authors, parents: parents)
    #expect(forest.cycles.map(\.posts) == [[2, 9, 6], [3]])
    var expectedParents = parents
    expectedParents[2] = -1
    expectedParents[3] = -1
    #expect(forest.parents == expectedParents)
    // Roots 0, 2, 3, 5, 8; 2's subtree: 6 ← 9 ← {4 ← 1}.
    #expect(forest.preorder == [0, 7, 2, 6, 9, 4, 1, 3, 5, 8])
    #expect(forest.subtreeSizes[2] == 5 && forest.subtreeSizes[9] == 3)
    // 2 (C) ← 6 (A) ← 9 (A, same author: no step) ← 4 (B) ← 1 (B, no step).
    #expect(forest.heights[2] == 2 && forest.heights[6] == 1 && forest.heights[9] == 1)
  }

  /// Random forests whose parents point anywhere (later posts, cycles, self-replies) with many
  /// posts without replies and accounts with several topmost posts.
  @Test(arguments: [11, 12, 13, 14] as [UInt64])
  func matchesDefinitions(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let n = 1_500
    let accounts = 9
    var authors = [Int32]()
    var parents = [Int32]()
    for p in 0..<n {
      let roll = Int.random(in: 0..<30, using: &rng)
      authors.append(roll == 0 ? -1 : Int32.random(in: 0..<Int32(accounts), using: &rng))
      if roll < 6 || p == 0 {
        parents.append(-1)
      } else if roll < 9 {
        parents.append(Int32.random(in: 0..<Int32(n), using: &rng))
      } else {
        parents.append(Int32.random(in: max(0, Int32(p) - 30)..<Int32(p), using: &rng))
      }
    }
    let forest = ReplyForest(authors: authors, parents: parents)
    let effective = forest.parents
    for (p, parent) in effective.enumerated() where parent != parents[p] {
      #expect(parent == -1 && forest.cycles.contains { $0.brokenPost == Int32(p) })
    }

    // Children by scanning all posts, preorder by recursion on an explicit list.
    var childrenOf = [[Int]](repeating: [], count: n)
    for p in 0..<n where effective[p] >= 0 { childrenOf[Int(effective[p])].append(p) }
    var order: [Int] = []
    func visit(_ p: Int) {
      order.append(p)
      for c in childrenOf[p] { visit(c) }
    }
    for p in 0..<n where effective[p] < 0 { visit(p) }
    #expect(forest.preorder.map { Int($0) } == order)

    func descendants(_ p: Int) -> [Int] { childrenOf[p].flatMap { [$0] + descendants($0) } }
    for p in 0..<n {
      let below = descendants(p)
      #expect(forest.subtreeSizes[p] == Int32(below.count + 1))
      let others = Set(below.map { authors[$0] }.filter { $0 >= 0 && $0 != authors[p] })
      #expect(forest.subtreeRepliers[p] == Int32(others.count))
    }
    let stats = forest.accountStatistics(accountCount: accounts)
    for a in 0..<Int32(accounts) {
      let posts = (0..<n).filter { authors[$0] == a }
      let repliers = Set(
        posts.flatMap(descendants).map { authors[$0] }.filter { $0 >= 0 && $0 != a })
      #expect(stats.distinctRepliers[Int(a)] == Int32(repliers.count))
    }
  }
}
