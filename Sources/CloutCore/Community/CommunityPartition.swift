/// Communities found by `Leiden`.
public struct CommunityPartition: Sendable, Equatable {
  /// The community of each node, in `0..<communityCount`, numbered by first node: node 0 is in
  /// community 0, the first node outside it in community 1, and so on.
  public var membership: [Int32]
  public var communityCount: Int
  /// Q of `membership` at the resolution the partition was found with (see `Modularity`).
  public var modularity: Double
  /// Full Leiden passes run (each starts from the previous result).
  public var iterations: Int

  public init(membership: [Int32], communityCount: Int, modularity: Double, iterations: Int) {
    self.membership = membership
    self.communityCount = communityCount
    self.modularity = modularity
    self.iterations = iterations
  }

  /// Renumbers community ids in place by first appearance in node order; returns the count.
  /// Ids must be in `0..<membership.count`.
  static func renumber(_ membership: inout [Int32]) -> Int {
    var newID = [Int32](repeating: -1, count: membership.count)
    var count: Int32 = 0
    for u in membership.indices {
      let c = Int(membership[u])
      if newID[c] < 0 {
        newID[c] = count
        count += 1
      }
      membership[u] = newID[c]
    }
    return Int(count)
  }
}
