/// One group of accounts that engage one target in lockstep, with the evidence `explain`
/// prints.
public struct CoordinatedGroup: Sendable, Equatable {
  public struct Edge: Sendable, Equatable {
    public var source: Int
    public var target: Int
  }

  /// The account the group engages (graph node).
  public var target: Int
  /// The group's accounts, ascending.
  public var members: [Int32]
  /// All distinct engagers of the target; members / this is the group's share.
  public var targetEngagers: Int
  /// Edges from one member to another.
  public var internalEdges: Int
  /// Mean over members of the share of their engaged accounts that are the target or a member.
  public var focus: Double
  /// When the members were first seen (the store's first-seen time, else their first
  /// interaction in the window).
  public var creation: TimeSpread
  /// When the members engaged the target.
  public var engagement: TimeSpread
  /// A few member-to-member edges, in member order.
  public var sampleEdges: [Edge]

  /// The members' share of the target's distinct engagers.
  public var share: Double { Double(members.count) / Double(max(1, targetEngagers)) }

  /// Internal edges over the member pairs that could have one (directed).
  public var density: Double {
    let size = Double(members.count)
    return size > 1 ? Double(internalEdges) / (size * (size - 1)) : 0
  }
}

/// How spread out in time a set of events is: the whole range and the shortest interval
/// that holds 90% of them (one straggler does not hide a burst).
public struct TimeSpread: Sendable, Equatable {
  public var count: Int
  public var first: Int64
  public var last: Int64
  /// The length in seconds of the shortest interval holding `ceil(0.9 × count)` events.
  public var core90: Int64
  /// Where that interval starts.
  public var coreStart: Int64

  public init(_ times: [Int64]) {
    let sorted = times.sorted()
    count = sorted.count
    first = sorted.first ?? 0
    last = sorted.last ?? 0
    let window = max(1, (9 * sorted.count + 9) / 10)
    var shortest = Int64.max
    var shortestStart = sorted.first ?? 0
    if sorted.count >= window {
      for start in 0...(sorted.count - window) {
        let span = sorted[start + window - 1] &- sorted[start]
        if span < shortest {
          shortest = span
          shortestStart = sorted[start]
        }
      }
    }
    core90 = shortest == .max ? 0 : shortest
    coreStart = shortestStart
  }
}

/// What the detector found over a whole window, indexed by graph node.
public struct CoordinationReport: Sendable, Equatable {
  public var groups: [CoordinatedGroup] = []
  /// Per node: the first group it is a member of, or -1.
  public var memberGroup: [Int32]
  /// Per node: the group that engages it, or -1.
  public var targetGroup: [Int32]

  public init(nodeCount: Int) {
    memberGroup = [Int32](repeating: -1, count: nodeCount)
    targetGroup = [Int32](repeating: -1, count: nodeCount)
  }

  /// Whether any account was flagged.
  public var isEmpty: Bool { groups.isEmpty }

  /// Whether `node`'s engagement is discounted: it belongs to a group.
  public func isFlaggedEngager(_ node: Int) -> Bool { memberGroup[node] >= 0 }

  /// Whether `node` is flagged in the ranking: engaged by a group, or a member of one.
  public func isFlagged(_ node: Int) -> Bool { memberGroup[node] >= 0 || targetGroup[node] >= 0 }

  /// The number of distinct flagged engagers.
  public var flaggedEngagerCount: Int { memberGroup.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }
}
