import CloutCore
import CloutTestSupport

/// A synthetic timeline for the coordination tests: an organic background (heavy-tailed
/// targets, replies with reply trees, accounts seen for months), optional organic dense
/// communities and optional planted rings, as `EngagementData`.
struct PlantedTimeline {
  enum Shape {
    /// All members created and acting within six hours.
    case burst
    /// Members created and acting over ten days.
    case slowDrip
    /// Members also engage several of the most engaged accounts.
    case camouflaged
  }

  struct Ring {
    var size: Int
    var shape: Shape
    /// Members each member reposts.
    var mutual: Int
    /// Popular accounts each member mentions.
    var camouflage: Int
  }

  static let day: Int64 = 86_400
  static let start: Int64 = 1_767_225_600

  var organicAccounts = 3_000
  var organicInteractions = 30_000
  var days: Int64 = 30
  var seed: UInt64 = 1
  /// Cliques of long-standing accounts that engage each other and many others.
  var communities: [Int] = []
  var rings: [Ring] = []

  /// The data, with the target of each ring and the members of each ring and community.
  func build() -> (
    data: EngagementData, targets: [Int], ringMembers: [[Int]], communityMembers: [[Int]]
  ) {
    var rng = SeededGenerator(seed: seed)
    var names: [String] = []
    var firstSeen: [Int64] = []
    var actors: [UInt32] = []
    var targets: [UInt32] = []
    var types: [InteractionType] = []
    var times: [Int64] = []
    var postAuthors: [Int32] = []
    var postParents: [Int32] = []
    let end = Self.start + days * Self.day

    func account(_ name: String, seen: Int64) -> Int {
      names.append(name)
      firstSeen.append(seen)
      return names.count - 1
    }
    func interact(_ actor: Int, _ target: Int, _ type: InteractionType, at time: Int64) {
      actors.append(UInt32(actor))
      targets.append(UInt32(target))
      types.append(type)
      times.append(time)
      if type == .reply {
        // The reply is a post under the target's first post (one root post per account,
        // written as the account appears below).
        postAuthors.append(Int32(actor))
        postParents.append(Int32(rootPost[target]))
      }
    }
    var rootPost: [Int] = []
    func addRoot(_ account: Int) {
      rootPost.append(postAuthors.count)
      postAuthors.append(Int32(account))
      postParents.append(ReplyForest.noParent)
    }

    for index in 0..<organicAccounts {
      let seen = Self.start - Int64(rng.below(300)) * Self.day
      addRoot(account("user\(index)", seen: seen))
    }
    func organicTarget() -> Int {
      let skew = Double(rng.below(1_000_000)) / 1_000_000
      return Int(Double(organicAccounts) * skew * skew * skew)
    }
    for _ in 0..<organicInteractions {
      let actor = rng.below(organicAccounts)
      let target = organicTarget()
      guard actor != target else { continue }
      let type: InteractionType = [.reply, .reply, .repost, .mention, .quote][rng.below(5)]
      interact(actor, target, type, at: Self.start + Int64(rng.below(Int(end - Self.start))))
    }
    var communityMembers: [[Int]] = []
    for (number, size) in communities.enumerated() {
      let members = (0..<size).map {
        account("club\(number)-\($0)", seen: Self.start - Int64(200 + rng.below(400)) * Self.day)
      }
      for member in members { addRoot(member) }
      for member in members {
        for other in members where other != member && rng.below(10) < 8 {
          interact(member, other, .reply, at: Self.start + Int64(rng.below(Int(end - Self.start))))
        }
        // Diverse targets outside the group, as members of a real community have.
        for _ in 0..<(size + rng.below(20)) {
          interact(
            member, rng.below(organicAccounts), .reply,
            at: Self.start + Int64(rng.below(Int(end - Self.start))))
        }
      }
      communityMembers.append(members)
    }
    var ringTargets: [Int] = []
    var ringMembers: [[Int]] = []
    for (number, ring) in rings.enumerated() {
      // A small organic account: near the end of the popularity order.
      let target = organicAccounts - 1 - 7 * number
      let span: Int64 = ring.shape == .slowDrip ? 10 * Self.day : 6 * 3_600
      let begin = end - span
      func when() -> Int64 { begin + Int64(rng.below(Int(span))) }
      let members = (0..<ring.size).map { account("ring\(number)-\($0)", seen: when()) }
      for member in members { addRoot(member) }
      for member in members {
        for _ in 0..<3 { interact(member, target, .reply, at: when()) }
        var chosen = Set<Int>()
        while chosen.count < ring.mutual {
          let other = members[rng.below(members.count)]
          if other != member { chosen.insert(other) }
        }
        for other in chosen.sorted() { interact(member, other, .repost, at: when()) }
        for popular in 0..<ring.camouflage { interact(member, popular, .mention, at: when()) }
      }
      ringTargets.append(target)
      ringMembers.append(members)
    }

    // Canonical order: accounts sorted by name; remap every index.
    let order = names.indices.sorted { names[$0] < names[$1] }
    var newIndex = [Int](repeating: 0, count: names.count)
    for (position, old) in order.enumerated() { newIndex[old] = position }
    let accounts = order.map {
      AccountInfo(
        platform: "synthetic", handle: names[$0], userID: nil, displayName: nil,
        firstSeen: firstSeen[$0], lastSeen: end)
    }
    let data = EngagementData(
      accounts: accounts, graphAccountCount: accounts.count,
      interactionActors: actors.map { UInt32(newIndex[Int($0)]) },
      interactionTargets: targets.map { UInt32(newIndex[Int($0)]) }, interactionTypes: types,
      interactionTimes: times, interactionMultipliers: [Float](repeating: 1, count: times.count),
      postAuthors: postAuthors.map { Int32(newIndex[Int($0)]) }, postParents: postParents,
      postRowIDs: postAuthors.indices.map { Int64($0) + 1 })
    return (
      data, ringTargets.map { newIndex[$0] }, ringMembers.map { $0.map { newIndex[$0] } },
      communityMembers.map { $0.map { newIndex[$0] } }
    )
  }
}
