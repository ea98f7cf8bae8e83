import CSQLite

// `clout rank --topic solarflare --top 100` on a store of 10M posts with text (synth-timeline
// --posts 10000000 --accounts 500000 --with-text --text-words 8 --topic-share 0.01: 100,282
// matching posts, 831,120 in their conversations) without a current snapshot, warm cache:
//   recursive CTE over posts_reply_to_post     selection 3.7 s in sqlite3; rank 7.1–9.1 s CPU
//   one pass of that index, the walk here      selection 1.0 s at load 3 (0.98 s of it the
//                                               index pass, 3.78M links); rank 4.4–4.7 s CPU
//   idle machine (load 1), 4 runs each: one pass  3.8–4.7 s wall (the pass 0.92–1.12 s)
//   the pass in halves on two connections         2.8–3.5 s wall, 4.3–5.2 s CPU
// The CTE pays an index probe and a B-tree insert into the UNION's set per visited post; the
// index holds every reply link and reads in order (0.27 s for 3.78M links in sqlite3).

/// The conversations of a topic found in memory: the reply links of the whole store read in
/// one pass of the `posts_reply_to_post` index (parent, child: a covering index, in parent
/// order), then the walk of `Store.select(topic:)`'s rule over dense tables by row id.
///
/// Row ids are dense in a store ingest wrote (1, 2, 3…); a store whose ids are not (edited by
/// hand) makes `select` return nil and the caller walks the trees in SQL instead.
struct TopicConversations {
  let connection: OpaquePointer
  /// Reads part of the reply links on a second connection at once (`ReplyLinks.Reader`).
  var secondReader: ReplyLinks.Reader? = nil

  /// The row ids of every post in the conversations of the `matching` posts (ascending, no
  /// repeats), or nil when the store's row ids are too sparse for tables indexed by row id.
  ///
  /// - Parameter matching: row ids whose text matches the topic, ascending.
  func select(matching: [Int64]) throws(SQLiteFailure) -> [Int64]? {
    // Each bound on its own is one B-tree descent; min, max and count(*) in one SELECT made
    // SQLite read the whole table (0.98 s on the 10M-post store with text). The posts ingest
    // added stand in for the row count: only an edited store holds others.
    let bounds = try SQLiteStatement(
      connection,
      """
      SELECT coalesce((SELECT min(id) FROM posts), 1), coalesce((SELECT max(id) FROM posts), 0),
        (SELECT coalesce(sum(posts_added), 0) FROM ingest_runs)
      """)
    guard
      let (minID, maxID, count) = try bounds.firstRow({ ($0.int64(0), $0.int64(1), $0.int64(2)) }),
      minID >= 1, maxID <= 2 * count + 1_000_000, maxID < Int64(UInt32.max),
      (matching.last ?? 0) <= maxID, (matching.first ?? 1) >= 1
    else { return nil }
    guard
      let links = try ReplyLinks(
        connection: connection, maxID: Int(maxID), secondReader: secondReader)
    else {
      return nil
    }

    // Walk up from each match to its tree's root; a post met before ends the walk (its
    // ancestors are in already), which also ends a walk round a cycle.
    var state = [UInt8](repeating: 0, count: Int(maxID) + 1)
    let inTree: UInt8 = 1
    var found: [UInt32] = []
    for match in matching {
      var post = UInt32(match)
      while post != 0 && state[Int(post)] == 0 {
        state[Int(post)] = inTree
        found.append(post)
        post = links.parent(of: Int(post))
      }
    }
    // A root whose parent was never stored shares a tree with the other replies to it.
    for sibling in try siblingsOfMissingParents(found) where state[Int(sibling)] == 0 {
      state[Int(sibling)] = inTree
      found.append(UInt32(sibling))
    }
    // Then down to every reply.
    var next = 0
    while next < found.count {
      let post = Int(found[next])
      next += 1
      for child in links.children(of: post) where state[Int(child)] == 0 {
        state[Int(child)] = inTree
        found.append(child)
      }
    }
    found.sort()
    return found.map { Int64($0) }
  }

  /// Replies waiting for the same missing parent as any of `posts` (`pending_parents`),
  /// `posts` included when they wait for one.
  private func siblingsOfMissingParents(_ posts: [UInt32]) throws(SQLiteFailure) -> [Int64] {
    let waiting = try SQLiteStatement(connection, "SELECT EXISTS (SELECT 1 FROM pending_parents)")
    guard !posts.isEmpty, try waiting.firstRow({ $0.int64(0) }) == 1 else { return [] }
    let statement = try SQLiteStatement(
      connection,
      """
      SELECT sibling.post_id
      FROM json_each(?1) AS root
        JOIN pending_parents AS top ON top.post_id = root.value
        JOIN pending_parents AS sibling
          ON sibling.platform = top.platform AND sibling.parent_key = top.parent_key
      """)
    defer { statement.reset() }
    statement.bind(1, "[" + posts.map(String.init).joined(separator: ",") + "]")
    var siblings: [Int64] = []
    while try statement.step() {
      let id = statement.int64(0)
      if id >= 1 && id < Int64(UInt32.max) { siblings.append(id) }
    }
    return siblings
  }
}
