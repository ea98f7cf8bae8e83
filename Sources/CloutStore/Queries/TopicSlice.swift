import CloutCore

/// Where the rows of a whole-store `EngagementData` came from in the store, which the data
/// itself does not say. The snapshot keeps it beside the data (`EngagementSnapshot`).
struct StoreSources: Sendable, Equatable {
  /// The store id (`accounts.id`) of each dense account index.
  var accountIDs: [Int64]
  /// The post index (in the data's post arrays) of the post that made each interaction; -1
  /// for an edges-csv row, which belongs to no post.
  var interactionPosts: [Int32]
}

/// A topic's conversations cut out of the whole store's data in memory, giving what the
/// store's scan gives for `EngagementFilter(posts:)` with the rule of `Store.select(topic:)`:
/// the same posts, interactions, accounts and order, so a ranking cannot tell the two apart
/// (`TopicSliceTests` compares them).
///
/// The rule: every post of each reply tree that holds a matching post. A tree is what the
/// parent column links together (a reply to a parent never stored hangs from the
/// placeholder the scan made for that parent, so those replies are one tree, as in the SQL
/// rule; a cycle of replies in a damaged store is one tree too).
enum TopicSlice {
  /// The cut: the stored row ids of the topic's posts (ascending) and its data; nil when the
  /// data is not laid out as a whole-store scan leaves it or a matching row id is not among
  /// its posts (the caller then reads the store instead).
  ///
  /// - Parameter matching: row ids of the posts whose text matches, ascending.
  static func cut(
    _ whole: EngagementData, sources: StoreSources, matching: [Int64]
  ) -> (posts: [Int64], data: EngagementData)? {
    let postCount = whole.postRowIDs.count
    guard sources.accountIDs.count == whole.accounts.count,
      sources.interactionPosts.count == whole.interactionCount
    else { return nil }
    // Stored posts come first in row id order, then the placeholders; anything else (a parent
    // row id that names no stored post, in an edited store) is left to the SQL path.
    let storedCount = storedPrefix(whole.postRowIDs)
    guard
      (storedCount..<postCount).allSatisfy({
        whole.postRowIDs[$0] == -1 && whole.placeholderKeys[Int32($0)] != nil
      })
    else { return nil }
    let stored = whole.postRowIDs[0..<storedCount]

    let tree = treeRepresentatives(whole.postParents)
    var chosenTree = [Bool](repeating: false, count: postCount)
    for rowID in matching {
      guard let position = position(of: rowID, in: stored) else { return nil }
      chosenTree[Int(tree[position])] = true
    }

    // The topic's posts keep the whole store's order: stored posts by row id, then
    // placeholders in the order the scan met them, as the scan of the selection orders them.
    var newPost = [Int32](repeating: -1, count: postCount)
    var kept: [Int] = []
    for post in 0..<postCount where chosenTree[Int(tree[post])] {
      newPost[post] = Int32(kept.count)
      kept.append(post)
    }
    let rowIDs = kept.prefix { $0 < storedCount }.map { whole.postRowIDs[$0] }

    // The interactions those posts made, in the order the scan reads them: by post row id,
    // then target account id (the `interactions_post_target` index), so parallel edges are
    // summed in the same order.
    var interactions: [Int] = []
    for (index, post) in sources.interactionPosts.enumerated()
    where post >= 0 && newPost[Int(post)] >= 0 {
      interactions.append(index)
    }
    let targetIDs = sources.accountIDs
    interactions.sort { lhs, rhs in
      let left = (sources.interactionPosts[lhs], targetIDs[Int(whole.interactionTargets[lhs])])
      let right = (sources.interactionPosts[rhs], targetIDs[Int(whole.interactionTargets[rhs])])
      return left != right ? left < right : lhs < rhs
    }

    // Accounts: the store's own dense mapping over the accounts this cut touches.
    var accounts = AccountIndex(maxID: sources.accountIDs.max() ?? 0)
    var graphIDs: [Int64] = []
    for index in interactions {
      graphIDs.append(sources.accountIDs[Int(whole.interactionActors[index])])
      graphIDs.append(sources.accountIDs[Int(whole.interactionTargets[index])])
    }
    accounts.markGraphAccounts(graphIDs, [])
    for post in kept where whole.postAuthors[post] != ReplyForest.unknownAuthor {
      accounts.use(sources.accountIDs[Int(whole.postAuthors[post])])
    }
    let infos = whole.accounts.indices.compactMap { old -> (id: Int64, info: AccountInfo)? in
      accounts.isUsed(sources.accountIDs[old])
        ? (sources.accountIDs[old], whole.accounts[old]) : nil
    }
    let mapping = accounts.denseMapping(infos: infos)
    func account(_ old: Int32) -> Int32 { mapping.index[Int(sources.accountIDs[Int(old)])] }

    var placeholderKeys: [Int32: String] = [:]
    for (old, key) in whole.placeholderKeys where newPost[Int(old)] >= 0 {
      placeholderKeys[newPost[Int(old)]] = key
    }
    let data = EngagementData(
      accounts: mapping.accounts, graphAccountCount: mapping.graphCount,
      interactionActors: interactions.map { UInt32(account(Int32(whole.interactionActors[$0]))) },
      interactionTargets: interactions.map {
        UInt32(account(Int32(whole.interactionTargets[$0])))
      },
      interactionTypes: interactions.map { whole.interactionTypes[$0] },
      interactionTimes: interactions.map { whole.interactionTimes[$0] },
      interactionMultipliers: interactions.map { whole.interactionMultipliers[$0] },
      postAuthors: kept.map { post in
        let author = whole.postAuthors[post]
        return author == ReplyForest.unknownAuthor ? author : account(author)
      },
      postParents: kept.map { post in
        let parent = whole.postParents[post]
        return parent == ReplyForest.noParent ? parent : newPost[Int(parent)]
      },
      postRowIDs: kept.map { whole.postRowIDs[$0] }, placeholderKeys: placeholderKeys)
    return (rowIDs, data)
  }

  /// How many leading row ids are stored posts in ascending order.
  static func storedPrefix(_ rowIDs: [Int64]) -> Int {
    var count = 0
    while count < rowIDs.count, rowIDs[count] >= 0,
      count == 0 || rowIDs[count] > rowIDs[count - 1]
    {
      count += 1
    }
    return count
  }

  static func position(of rowID: Int64, in rowIDs: ArraySlice<Int64>) -> Int? {
    var low = rowIDs.startIndex
    var high = rowIDs.endIndex
    while low < high {
      let middle = (low + high) / 2
      if rowIDs[middle] < rowID { low = middle + 1 } else { high = middle }
    }
    return low < rowIDs.endIndex && rowIDs[low] == rowID ? low : nil
  }

  /// One post standing for each tree, by post: its root, or for posts whose parents run into
  /// a cycle, the cycle's smallest index. Each post is walked once (O(posts)): a walk stops at
  /// the first post whose tree is already known.
  static func treeRepresentatives(_ parents: [Int32]) -> [Int32] {
    let unknown: Int32 = -2
    let onPath: Int32 = -3
    var tree = [Int32](repeating: unknown, count: parents.count)
    var path: [Int32] = []
    for start in parents.indices where tree[start] == unknown {
      path.removeAll(keepingCapacity: true)
      var current = Int32(start)
      var found: Int32
      while true {
        let known = tree[Int(current)]
        if known >= 0 {
          found = known
          break
        }
        if known == onPath {
          found = path[path.lastIndex(of: current)!...].min()!
          break
        }
        tree[Int(current)] = onPath
        path.append(current)
        let parent = parents[Int(current)]
        guard parent >= 0, Int(parent) < parents.count else {
          found = current
          break
        }
        current = parent
      }
      for post in path { tree[Int(post)] = found }
    }
    return tree
  }
}
