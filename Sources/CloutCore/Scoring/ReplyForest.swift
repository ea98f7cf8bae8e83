/// The reply structure of a set of posts and how deep their conversations go.
///
/// Input: posts as parallel arrays, indexed `0..<postCount`:
/// - `authors[p]`: the account index of the author, or `ReplyForest.unknownAuthor` (-1);
/// - `parents[p]`: the index of the post `p` replies to, or `ReplyForest.noParent` (-1).
///
/// The caller turns replies to posts it does not have into replies to *placeholder posts*:
/// ordinary entries with no parent whose author is the reply's `reply_to_author` when known,
/// else `unknownAuthor`. Nothing here treats them specially.
///
/// Height: a post without replies has height 0; otherwise
///
///     height(p) = max over direct replies c of height(c) + (author(c) ≠ author(p) ? 1 : 0)
///
/// so an author continuing their own thread adds no depth, and an unknown author counts as
/// different from every author, including another unknown one.
///
/// Corrupt data whose parent links form a cycle (a post replying to itself, or A → B → A) is
/// made a forest: in each cycle the post with the smallest index loses its parent and becomes
/// a root. `cycles` reports what was broken.
///
/// Everything is iterative (threads can be hundreds of thousands of posts deep) and, except
/// where stated, O(n).
public struct ReplyForest: Sendable {
  public static let unknownAuthor: Int32 = -1
  public static let noParent: Int32 = -1

  /// A cycle of parent links found in the input, broken by making `brokenPost` a root.
  public struct Cycle: Sendable, Equatable {
    /// The posts of the cycle, starting at `brokenPost`, each followed by the post it
    /// replied to.
    public var posts: [Int32]
    /// The smallest index in the cycle: its parent link was removed.
    public var brokenPost: Int32 { posts[0] }

    public init(posts: [Int32]) {
      precondition(!posts.isEmpty, "a cycle has at least one post")
      self.posts = posts
    }
  }

  public let authors: [Int32]
  /// The parent links after breaking cycles.
  public let parents: [Int32]
  public let cycles: [Cycle]
  /// Direct replies of post `p`: `children[childOffsets[p]..<childOffsets[p + 1]]`, ascending.
  public let childOffsets: [Int]
  public let children: [Int32]
  /// Every post, parents before their replies: roots ascending, each followed by its subtree
  /// (replies in ascending order).
  public let preorder: [Int32]
  /// Height of each post (see the type's description).
  public let heights: [Int32]
  /// For each post, the number of distinct known accounts other than its author that wrote a
  /// post in its reply subtree. O(n log n): an Euler tour and a Fenwick tree.
  public let subtreeRepliers: [Int32]
  /// One more than the largest author index (0 when there is none).
  public let authorBound: Int

  public var postCount: Int { authors.count }

  public init(authors: [Int32], parents: [Int32]) {
    precondition(authors.count == parents.count, "one parent per post")
    precondition(authors.count < Int(Int32.max), "post indices must fit Int32")
    let n = authors.count
    var maxAuthor: Int32 = -1
    for author in authors {
      precondition(author >= -1, "author indices are ≥ 0, or -1 for unknown")
      maxAuthor = max(maxAuthor, author)
    }
    for parent in parents {
      precondition(parent >= -1 && Int(parent) < n, "parent index out of range")
    }
    self.authors = authors
    self.authorBound = Int(maxAuthor) + 1

    let (parents, cycles) = Self.breakCycles(parents)
    self.parents = parents
    self.cycles = cycles

    // Children by counting sort on the parent; scanning posts in order keeps them ascending.
    var offsets = [Int](repeating: 0, count: n + 1)
    for parent in parents where parent >= 0 { offsets[Int(parent) + 1] += 1 }
    for p in 0..<n { offsets[p + 1] += offsets[p] }
    var cursor = offsets
    var children = [Int32](repeating: 0, count: offsets[n])
    for c in 0..<n where parents[c] >= 0 {
      let p = Int(parents[c])
      children[cursor[p]] = Int32(c)
      cursor[p] += 1
    }
    self.childOffsets = offsets
    self.children = children

    // Preorder with an explicit stack; children pushed in reverse so the smallest comes first.
    var preorder = [Int32]()
    preorder.reserveCapacity(n)
    var stack = [Int32]()
    for root in 0..<n where parents[root] < 0 {
      stack.append(Int32(root))
      while let p = stack.popLast() {
        preorder.append(p)
        var i = offsets[Int(p) + 1]
        while i > offsets[Int(p)] {
          i -= 1
          stack.append(children[i])
        }
      }
    }
    precondition(preorder.count == n, "every post is reachable from a root once cycles are broken")
    self.preorder = preorder

    // Heights and subtree sizes bottom-up: reverse preorder visits replies before parents.
    var heights = [Int32](repeating: 0, count: n)
    var sizes = [Int32](repeating: 1, count: n)
    for p in preorder.reversed() {
      let author = authors[Int(p)]
      var height: Int32 = 0
      var size: Int32 = 1
      for i in offsets[Int(p)]..<offsets[Int(p) + 1] {
        let c = Int(children[i])
        let replier = authors[c]
        let step: Int32 = (replier == author && author >= 0) ? 0 : 1
        height = max(height, heights[c] + step)
        size += sizes[c]
      }
      heights[Int(p)] = height
      sizes[Int(p)] = size
    }
    self.heights = heights
    self.subtreeRepliers = Self.distinctInSubtrees(
      authors: authors, preorder: preorder, sizes: sizes, authorBound: Int(maxAuthor) + 1)
  }

  /// Follows parent links from every unvisited post, marking the walk; meeting a post of the
  /// current walk closes a cycle. Each post is walked once: O(n).
  private static func breakCycles(_ input: [Int32]) -> ([Int32], [Cycle]) {
    var parents = input
    var cycles: [Cycle] = []
    // 0: unvisited, 1: on the current walk, 2: done.
    var state = [UInt8](repeating: 0, count: parents.count)
    var walk: [Int32] = []
    for start in parents.indices where state[start] == 0 {
      var p = Int32(start)
      while p >= 0 && state[Int(p)] == 0 {
        state[Int(p)] = 1
        walk.append(p)
        p = parents[Int(p)]
      }
      if p >= 0 && state[Int(p)] == 1 {
        let first = walk.lastIndex(of: p)!
        let members = walk[first...]
        let smallest = members.min()!
        let at = members.firstIndex(of: smallest)!
        parents[Int(smallest)] = noParent
        cycles.append(Cycle(posts: Array(walk[at...] + walk[first..<at])))
      }
      for q in walk { state[Int(q)] = 2 }
      walk.removeAll(keepingCapacity: true)
    }
    cycles.sort { $0.brokenPost < $1.brokenPost }
    return (parents, cycles)
  }

  /// Distinct known authors in each subtree, minus the root's own author: the subtree of `p`
  /// is the preorder range starting at p's position, of length `sizes[p]`. Offline distinct
  /// counting: sweep positions left to right keeping a 1 only at the last occurrence of each
  /// author, and answer each range when the sweep reaches its right end.
  private static func distinctInSubtrees(
    authors: [Int32], preorder: [Int32], sizes: [Int32], authorBound: Int
  ) -> [Int32] {
    let n = preorder.count
    // Queries bucketed by right end (a counting sort): post p's range is [left, right].
    var byRight = [Int](repeating: 0, count: n + 1)
    var left = [Int](repeating: 0, count: n)
    for (position, p) in preorder.enumerated() {
      left[Int(p)] = position
      byRight[position + Int(sizes[Int(p)]) - 1 + 1] += 1
    }
    for i in 0..<n { byRight[i + 1] += byRight[i] }
    var cursor = byRight
    var queries = [Int32](repeating: 0, count: n)
    for p in preorder {
      let right = left[Int(p)] + Int(sizes[Int(p)]) - 1
      queries[cursor[right]] = p
      cursor[right] += 1
    }

    var tree = [Int32](repeating: 0, count: n + 1)  // Fenwick tree, 1-based
    func add(_ position: Int, _ delta: Int32) {
      var i = position + 1
      while i <= n {
        tree[i] += delta
        i += i & -i
      }
    }
    func prefix(_ position: Int) -> Int32 {  // sum over [0, position)
      var i = position
      var sum: Int32 = 0
      while i > 0 {
        sum += tree[i]
        i -= i & -i
      }
      return sum
    }
    var last = [Int](repeating: -1, count: authorBound)
    var result = [Int32](repeating: 0, count: n)
    for position in 0..<n {
      let author = authors[Int(preorder[position])]
      if author >= 0 {
        if last[Int(author)] >= 0 { add(last[Int(author)], -1) }
        add(position, 1)
        last[Int(author)] = position
      }
      for q in byRight[position]..<byRight[position + 1] {
        let p = Int(queries[q])
        let distinct = prefix(position + 1) - prefix(left[p])
        result[p] = distinct - (authors[p] >= 0 ? 1 : 0)
      }
    }
    return result
  }

  /// Per-account reply statistics for accounts `0..<accountCount` (at least `authorBound`).
  ///
  /// `distinctRepliers` needs the pairs (account a, replier r) such that a post by r lies in the
  /// reply subtree of a post by a. One depth-first pass keeps the distinct authors on the
  /// current root path in a stack; entering a post by r emits (a, r) only for the authors that
  /// joined the path since r's nearest earlier post on it, so along any root-to-leaf path each
  /// pair is emitted at most once. Work is O(n + E) where E ≤ Σ over posts of the distinct
  /// authors on its path — in a chain alternating between two authors E ≤ 2; E approaches
  /// n²/2 only for a single chain in which every post has a new author. Pairs repeated across
  /// sibling branches are removed by a counting sort on a and a stamp array, O(E + accounts).
  public func accountStatistics(accountCount: Int) -> ReplyStatistics {
    precondition(accountCount >= authorBound, "accountCount must cover every author index")
    let n = postCount
    var maxDepth = [Int32](repeating: 0, count: accountCount)
    var depthSum = [Int](repeating: 0, count: accountCount)
    var depthCount = [Int](repeating: 0, count: accountCount)
    var repliesReceived = [Int32](repeating: 0, count: accountCount)
    for p in 0..<n {
      let author = authors[p]
      if author >= 0 {
        let a = Int(author)
        let height = heights[p]
        maxDepth[a] = max(maxDepth[a], height)
        if height >= 1 {
          depthSum[a] += Int(height)
          depthCount[a] += 1
        }
      }
      let parent = parents[p]
      if parent >= 0 {
        let target = authors[Int(parent)]
        if target >= 0 && author != target { repliesReceived[Int(target)] += 1 }
      }
    }
    let meanDepth = (0..<accountCount).map {
      depthCount[$0] > 0 ? Double(depthSum[$0]) / Double(depthCount[$0]) : 0
    }
    return ReplyStatistics(
      maxReplyDepth: maxDepth, meanReplyDepth: meanDepth,
      distinctRepliers: distinctRepliers(accountCount: accountCount),
      repliesReceived: repliesReceived)
  }

  private func distinctRepliers(accountCount: Int) -> [Int32] {
    var pairAccount: [Int32] = []
    var pairReplier: [Int32] = []
    var onPath = [Int32](repeating: 0, count: accountCount)  // posts by each author on the path
    var pathAuthors: [Int32] = []  // distinct authors on the path, by first appearance
    var emittedUpTo = [Int32](repeating: 0, count: accountCount)
    // A frame: the post, the next child to visit, and emittedUpTo[author] before entering.
    var frames: [(post: Int32, nextChild: Int, saved: Int32)] = []

    func enter(_ p: Int32) {
      let r = authors[Int(p)]
      guard r >= 0 else {
        frames.append((p, childOffsets[Int(p)], 0))
        return
      }
      let saved = emittedUpTo[Int(r)]
      for k in Int(saved)..<pathAuthors.count where pathAuthors[k] != r {
        pairAccount.append(pathAuthors[k])
        pairReplier.append(r)
      }
      if onPath[Int(r)] == 0 { pathAuthors.append(r) }
      onPath[Int(r)] += 1
      emittedUpTo[Int(r)] = Int32(pathAuthors.count)
      frames.append((p, childOffsets[Int(p)], saved))
    }

    for root in 0..<postCount where parents[root] < 0 {
      enter(Int32(root))
      while let top = frames.last {
        let p = Int(top.post)
        if top.nextChild < childOffsets[p + 1] {
          frames[frames.count - 1].nextChild += 1
          enter(children[top.nextChild])
        } else {
          frames.removeLast()
          let r = authors[p]
          if r >= 0 {
            onPath[Int(r)] -= 1
            if onPath[Int(r)] == 0 { pathAuthors.removeLast() }
            emittedUpTo[Int(r)] = top.saved
          }
        }
      }
    }

    // Group the pairs by account (counting sort), then count distinct repliers with stamps.
    var start = [Int](repeating: 0, count: accountCount + 1)
    for a in pairAccount { start[Int(a) + 1] += 1 }
    for a in 0..<accountCount { start[a + 1] += start[a] }
    var cursor = start
    var grouped = [Int32](repeating: 0, count: pairReplier.count)
    for (a, r) in zip(pairAccount, pairReplier) {
      grouped[cursor[Int(a)]] = r
      cursor[Int(a)] += 1
    }
    var stamp = [Int32](repeating: -1, count: accountCount)
    var result = [Int32](repeating: 0, count: accountCount)
    for a in 0..<accountCount {
      for i in start[a]..<start[a + 1] {
        let r = Int(grouped[i])
        if stamp[r] != Int32(a) {
          stamp[r] = Int32(a)
          result[a] += 1
        }
      }
    }
    return result
  }

  /// The posts by `account` that started the deepest conversations, best first: by height,
  /// then distinct repliers in the subtree (both descending), then post index ascending.
  /// Posts without replies are left out.
  public func topConversations(startedBy account: Int32, limit: Int) -> [Int32] {
    let posts = (0..<postCount).filter { authors[$0] == account && heights[$0] > 0 }
    let chosen = TopK.select(
      limit, count: posts.count,
      score: { (Int64(heights[posts[$0]]) << 32) | Int64(subtreeRepliers[posts[$0]]) },
      key: { posts[$0] })
    return chosen.map { Int32(posts[$0]) }
  }
}
