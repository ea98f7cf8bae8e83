import CloutCore
import CloutTestSupport
import Testing

@Suite struct ReplyForestTests {
  let unknown = ReplyForest.unknownAuthor

  @Test func alternatingAuthorsAddDepth() {
    // 0 (A) ← 1 (B) ← 2 (A)
    let forest = ReplyForest(authors: [0, 1, 0], parents: [-1, 0, 1])
    #expect(forest.heights == [2, 1, 0])
    #expect(forest.subtreeRepliers == [1, 1, 0])
    #expect(forest.cycles.isEmpty)
    let stats = forest.accountStatistics(accountCount: 2)
    #expect(stats.maxReplyDepth == [2, 1])
    #expect(stats.meanReplyDepth == [2, 1])
    #expect(stats.distinctRepliers == [1, 1])
    #expect(stats.repliesReceived == [1, 1])
  }

  @Test func selfThreadAddsNoDepth() {
    // A writes a thread of three posts; then B replies to the last one.
    let thread = ReplyForest(authors: [0, 0, 0], parents: [-1, 0, 1])
    #expect(thread.heights == [0, 0, 0])
    let stats = thread.accountStatistics(accountCount: 1)
    #expect(stats.maxReplyDepth == [0] && stats.meanReplyDepth == [0])
    #expect(stats.distinctRepliers == [0] && stats.repliesReceived == [0])

    let answered = ReplyForest(authors: [0, 0, 0, 1], parents: [-1, 0, 1, 2])
    #expect(answered.heights == [1, 1, 1, 0])
    #expect(answered.accountStatistics(accountCount: 2).meanReplyDepth == [1, 0])
  }

  @Test func maxOverRepliesAndMeanOverDeepPosts() {
    // 0 (A) has replies 1 (B, leaf) and 2 (A) ← 3 (C) ← 4 (B); 5 (A) is a lone post.
    let forest = ReplyForest(authors: [0, 1, 0, 2, 1, 0], parents: [-1, 0, 0, 2, 3, -1])
    #expect(forest.heights == [2, 0, 2, 1, 0, 0])
    let stats = forest.accountStatistics(accountCount: 3)
    #expect(stats.maxReplyDepth == [2, 0, 1])
    #expect(stats.meanReplyDepth == [2, 0, 1])  // A: posts 0 and 2 have height 2; 5 not counted
    #expect(stats.distinctRepliers == [2, 0, 1])  // A: {B, C}; C: {B}
    #expect(stats.repliesReceived == [2, 0, 1])  // A: 1 and 3 (2 is A's own); C: 4
    #expect(forest.subtreeRepliers == [2, 0, 2, 1, 0, 0])
  }

  @Test func placeholderParents() {
    // Post 0 is a placeholder for a missing parent whose author (account 2) is known; post 1
    // is a placeholder with an unknown author.
    let forest = ReplyForest(
      authors: [2, unknown, 0, 1, 0], parents: [-1, -1, 0, 2, 1])
    #expect(forest.heights == [2, 1, 1, 0, 0])
    let stats = forest.accountStatistics(accountCount: 3)
    #expect(stats.maxReplyDepth == [1, 0, 2])
    #expect(stats.distinctRepliers == [1, 0, 2])
    #expect(stats.repliesReceived == [1, 0, 1])
  }

  @Test func unknownAuthorsDifferFromEveryone() {
    // A ← unknown ← unknown ← A: every step adds depth; unknown posts are nobody's replier.
    let forest = ReplyForest(authors: [0, unknown, unknown, 0], parents: [-1, 0, 1, 2])
    #expect(forest.heights == [3, 2, 1, 0])
    #expect(forest.subtreeRepliers == [0, 1, 1, 0])
    let stats = forest.accountStatistics(accountCount: 1)
    #expect(stats.maxReplyDepth == [3])
    #expect(stats.distinctRepliers == [0])
    #expect(stats.repliesReceived == [1])  // the unknown reply is by someone else
  }

  @Test func repliersAcrossBranchesAndPostsCountOnce() {
    // A's posts 0 and 5. 0 ← 1 (B) ← 2 (D); 0 ← 3 (C); 0 ← 4 (B); 5 ← 6 (B) ← 7 (A) ← 8 (D).
    let forest = ReplyForest(
      authors: [0, 1, 3, 2, 1, 0, 1, 0, 3], parents: [-1, 0, 1, 0, 0, -1, 5, 6, 7])
    let stats = forest.accountStatistics(accountCount: 4)
    #expect(stats.distinctRepliers == [3, 2, 0, 0])  // A: B, C, D; B: D, A
    #expect(forest.subtreeRepliers[0] == 3)
    #expect(forest.subtreeRepliers[5] == 2)
    #expect(forest.subtreeRepliers[6] == 2)
  }

  @Test func emptyInput() {
    let forest = ReplyForest(authors: [], parents: [])
    #expect(forest.postCount == 0 && forest.heights.isEmpty && forest.cycles.isEmpty)
    let stats = forest.accountStatistics(accountCount: 2)
    #expect(stats.maxReplyDepth == [0, 0] && stats.distinctRepliers == [0, 0])
  }

  @Test func selfReplyIsACycle() {
    let forest = ReplyForest(authors: [0, 1], parents: [0, 0])
    #expect(forest.cycles == [ReplyForest.Cycle(posts: [0])])
    #expect(forest.parents == [-1, 0])
    #expect(forest.heights == [1, 0])
  }

  @Test func cyclesAreBrokenAtTheirSmallestPost() {
    // 3 → 4 → 3 with 5 → 3 hanging off it; 7 → 8 → 9 → 7; 2 → 1 → 0 is an ordinary chain.
    let parents: [Int32] = [-1, 0, 1, 4, 3, 3, -1, 8, 9, 7]
    let authors: [Int32] = [0, 1, 0, 1, 2, 0, 0, 0, 1, 2]
    let forest = ReplyForest(authors: authors, parents: parents)
    #expect(forest.cycles.map(\.brokenPost) == [3, 7])
    #expect(forest.cycles.map(\.posts) == [[3, 4], [7, 8, 9]])
    #expect(forest.parents == [-1, 0, 1, -1, 3, 3, -1, -1, 9, 7])
    #expect(forest.heights[3] == 1)
    // 7 (A) is now a root: 9 (C) replies to 7, 8 (B) replies to 9.
    #expect(forest.heights[7] == 2)
    #expect(forest.preorder.count == 10)
  }

  @Test func twoHundredThousandDeepChain() {
    let n = 200_000
    let authors = (0..<n).map { Int32($0 % 2) }
    let parents = (0..<n).map { Int32($0 - 1) }
    let forest = ReplyForest(authors: authors, parents: parents)
    #expect(forest.heights[0] == Int32(n - 1))
    #expect(forest.heights[n - 1] == 0)
    #expect(forest.subtreeRepliers[0] == 1)
    let stats = forest.accountStatistics(accountCount: 2)
    #expect(stats.maxReplyDepth == [Int32(n - 1), Int32(n - 2)])
    #expect(stats.distinctRepliers == [1, 1])
    #expect(stats.repliesReceived == [Int32(n / 2), Int32(n / 2 - 1)])

    let selfThread = ReplyForest(authors: [Int32](repeating: 4, count: n), parents: parents)
    #expect(selfThread.heights.allSatisfy { $0 == 0 })

    // The same chain closed into one big cycle: broken at post 0, giving the same forest.
    var cyclic = parents
    cyclic[0] = Int32(n - 1)
    let broken = ReplyForest(authors: authors, parents: cyclic)
    #expect(broken.cycles.count == 1 && broken.cycles[0].posts.count == n)
    #expect(broken.heights == forest.heights)
  }

  @Test func topConversations() {
    // A's posts: 0 (height 1, 2 repliers), 3 (height 2, 1 replier), 6 (height 1, 1 replier).
    let forest = ReplyForest(
      authors: [0, 1, 2, 0, 1, 0, 0, 1, 0], parents: [-1, 0, 0, -1, 3, 4, -1, 6, -1])
    #expect(forest.topConversations(startedBy: 0, limit: 5) == [3, 0, 6])
    #expect(forest.topConversations(startedBy: 0, limit: 1) == [3])
    #expect(forest.topConversations(startedBy: 2, limit: 3).isEmpty)
  }

  /// Everything against a brute-force evaluation of the definitions on random forests: with
  /// few roots (trees mostly larger than the 16 posts below which subtree repliers are
  /// counted directly), and with many (mostly smaller ones).
  @Test(
    arguments: [(1, 3), (2, 3), (3, 3), (4, 3), (5, 3), (6, 10), (7, 10), (8, 1)] as [(UInt64, Int)]
  )
  func matchesBruteForce(seed: UInt64, rootRolls: Int) {
    var rng = SeededGenerator(seed: seed)
    let n = 400
    let accounts = 6
    var authors = [Int32]()
    var parents = [Int32]()
    for p in 0..<n {
      let roll = Int.random(in: 0..<20, using: &rng)
      authors.append(roll == 0 ? -1 : Int32.random(in: 0..<Int32(accounts), using: &rng))
      // Mostly earlier posts (a forest), sometimes later ones (possible cycles), some roots.
      if roll < rootRolls {
        parents.append(-1)
      } else if roll == rootRolls {
        parents.append(Int32.random(in: 0..<Int32(n), using: &rng))
      } else {
        parents.append(p == 0 ? -1 : Int32.random(in: max(0, Int32(p) - 8)..<Int32(p), using: &rng))
      }
    }
    let forest = ReplyForest(authors: authors, parents: parents)
    let effective = forest.parents
    // Both ways of counting subtree repliers are reached.
    let treeSizes = (0..<n).filter { effective[$0] < 0 }.map { forest.subtreeSizes[$0] }
    #expect(rootRolls > 3 || treeSizes.contains { $0 > 16 })
    #expect(rootRolls < 10 || treeSizes.contains { $0 > 1 && $0 <= 16 })
    for cycle in forest.cycles {
      #expect(parents[Int(cycle.brokenPost)] >= 0)
      for (i, post) in cycle.posts.enumerated() {
        #expect(parents[Int(post)] == cycle.posts[(i + 1) % cycle.posts.count])
      }
    }

    func ancestors(_ p: Int) -> [Int] {
      var result: [Int] = []
      var q = Int(effective[p])
      while q >= 0 {
        result.append(q)
        q = Int(effective[q])
      }
      return result
    }
    var heights = [Int32](repeating: 0, count: n)
    var subtree = [Set<Int32>](repeating: [], count: n)
    var pairs = [Set<Int32>](repeating: [], count: accounts)
    for x in 0..<n {
      // Height: the best path from any ancestor y down to x.
      var below = x
      var gained: Int32 = 0
      for y in ancestors(x) {
        let a = authors[y]
        let b = authors[below]
        gained += (a == b && a >= 0) ? 0 : 1
        heights[y] = max(heights[y], gained)
        below = y
        if authors[x] >= 0 && authors[x] != a {
          subtree[y].insert(authors[x])
          if a >= 0 { pairs[Int(a)].insert(authors[x]) }
        }
      }
    }
    #expect(forest.heights == heights)
    #expect(forest.subtreeRepliers == subtree.map { Int32($0.count) })
    let stats = forest.accountStatistics(accountCount: accounts)
    #expect(stats.distinctRepliers == pairs.map { Int32($0.count) })
    for a in 0..<accounts {
      let own = (0..<n).filter { authors[$0] == Int32(a) }
      #expect(stats.maxReplyDepth[a] == own.map { heights[$0] }.max() ?? 0)
      let deep = own.filter { heights[$0] >= 1 }
      let mean =
        deep.isEmpty ? 0 : Double(deep.map { Int(heights[$0]) }.reduce(0, +)) / Double(deep.count)
      #expect(stats.meanReplyDepth[a] == mean)
      let received = (0..<n).filter {
        effective[$0] >= 0 && authors[Int(effective[$0])] == Int32(a) && authors[$0] != Int32(a)
      }
      #expect(stats.repliesReceived[a] == Int32(received.count))
    }
  }
}

@Suite struct ReplyForestAdversarialTests {
  /// A 200k-deep chain in which every post has a new author: account i has n − 1 − i distinct
  /// repliers below it. Enumerating (account, replier) pairs made this quadratic (n²/2 pairs);
  /// the topmost-post method is linear here.
  @Test func longChainOfDistinctAuthors() {
    let n = 200_000
    let authors = (0..<n).map { Int32($0) }
    let parents = (0..<n).map { Int32($0 - 1) }
    let forest = ReplyForest(authors: authors, parents: parents)
    let stats = forest.accountStatistics(accountCount: n)
    #expect(stats.distinctRepliers[0] == Int32(n - 1))
    #expect(stats.distinctRepliers[n / 2] == Int32(n - 1 - n / 2))
    #expect(stats.distinctRepliers[n - 1] == 0)
    #expect(stats.maxReplyDepth[0] == Int32(n - 1))
  }

  /// Two accounts alternating down a chain, each with one topmost post: each counts the
  /// other once.
  @Test func alternatingChainCountsEachOtherOnce() {
    let n = 100_000
    let forest = ReplyForest(
      authors: (0..<n).map { Int32($0 % 2) }, parents: (0..<n).map { Int32($0 - 1) })
    let stats = forest.accountStatistics(accountCount: 2)
    #expect(stats.distinctRepliers == [1, 1])
  }
}
