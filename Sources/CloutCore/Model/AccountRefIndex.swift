/// Finds, among account references added so far, the first one that `sameAccount(as:)` a
/// given reference, in constant time instead of a scan of every earlier reference.
///
/// Why: records come from strangers, and one post may mention 100,000 accounts. Checking each
/// mention against all earlier ones was quadratic: 5·10^9 comparisons for such a post, which
/// stalled ingest for minutes (found by the issue-8 hostile-value tests).
///
/// `sameAccount` is not a plain equality (equal ids, or equal handles when either id is
/// missing), so three maps answer it exactly: by id, by handle among references without an id,
/// and by handle among all references. The earliest match wins, as a linear scan would give.
/// Up to `linearLimit` references are scanned linearly: most posts name a handful of accounts,
/// and three dictionaries per post would cost the ingest hot path more than the scan.
public struct AccountRefIndex: Sendable {
  static let linearLimit = 16
  private var few: [AccountRef] = []
  private var indexed = false
  private var byID: [String: Int] = [:]
  private var byHandleWithoutID: [String: Int] = [:]
  private var byHandle: [String: Int] = [:]
  /// How many references were added; the next one gets this position.
  public private(set) var count = 0

  public init() {}

  /// The position of the first added reference naming the same account, or nil.
  public func firstMatch(of ref: AccountRef) -> Int? {
    guard indexed else { return few.firstIndex { $0.sameAccount(as: ref) } }
    if let id = ref.userID {
      // Another reference with an id matches only on that id; one without an id matches on
      // the handle.
      let onID = byID[id]
      let onHandle = ref.handle.flatMap { byHandleWithoutID[$0] }
      switch (onID, onHandle) {
      case (let a?, let b?): return min(a, b)
      case (let a?, nil): return a
      case (nil, let b?): return b
      case (nil, nil): return nil
      }
    }
    return ref.handle.flatMap { byHandle[$0] }
  }

  /// Adds the reference at position `count` (whether or not it matches an earlier one).
  public mutating func append(_ ref: AccountRef) {
    guard indexed else {
      few.append(ref)
      count += 1
      if few.count > Self.linearLimit {
        indexed = true
        count = 0
        for earlier in few { append(earlier) }
        few = []
      }
      return
    }
    let position = count
    count += 1
    if let id = ref.userID, byID[id] == nil { byID[id] = position }
    if let handle = ref.handle {
      if byHandle[handle] == nil { byHandle[handle] = position }
      if ref.userID == nil, byHandleWithoutID[handle] == nil {
        byHandleWithoutID[handle] = position
      }
    }
  }

  /// Forgets every reference, keeping the storage of the linear scan for the next use.
  public mutating func removeAll() {
    few.removeAll(keepingCapacity: true)
    if indexed {
      indexed = false
      byID = [:]
      byHandleWithoutID = [:]
      byHandle = [:]
    }
    count = 0
  }

  /// Adds the reference unless an earlier one names the same account; true when added.
  public mutating func insertIfNew(_ ref: AccountRef) -> Bool {
    guard firstMatch(of: ref) == nil else { return false }
    append(ref)
    return true
  }
}
