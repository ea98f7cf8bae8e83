import CloutCore
import Testing

@Suite struct CoordinationDetectorTests {
  /// A hand-made graph: 24 accounts (1...24) each engage the target 0 and the next two
  /// around the circle; 25 engages 0, 1 and 2 and 10 other accounts (too diverse: 3 of 13
  /// inside, under half); 26 and 27 engage 0 only (an organic crowd). The group is exactly
  /// 1...24: 24 of the target's 27 engagers.
  @Test func handMadeRingIsFoundExactly() {
    var edges: [(UInt32, UInt32, Double)] = []
    for member in 1...24 {
      edges.append((UInt32(member), 0, 1))
      edges.append((UInt32(member), UInt32(1 + member % 24), 1))
      edges.append((UInt32(member), UInt32(1 + (member + 1) % 24), 1))
    }
    edges += [(25, 0, 1), (25, 1, 1), (25, 2, 1)] + (28..<38).map { (25, UInt32($0), 1) }
    edges += [(26, 0, 1), (27, 0, 1)]
    let graph = buildGraph(nodeCount: 38, edges)
    let groups = CoordinationDetector().groups(in: graph)
    #expect(groups.count == 1)
    #expect(groups.first?.target == 0)
    #expect(groups.first?.members == (1...24).map(Int32.init))
    #expect(groups.first?.engagers == 27)
  }

  /// The same circle with only 19 members is below the smallest group (20), and with each
  /// member engaging only one other (inside 1 < 2) is no group at all.
  @Test func belowTheThresholdsNothingIsFound() {
    func circle(size: Int, neighbours: Int) -> InteractionGraph {
      var edges: [(UInt32, UInt32, Double)] = []
      for member in 1...size {
        edges.append((UInt32(member), 0, 1))
        for step in 1...neighbours {
          edges.append((UInt32(member), UInt32(1 + (member + step - 1) % size), 1))
        }
      }
      return buildGraph(nodeCount: size + 1, edges)
    }
    #expect(CoordinationDetector().groups(in: circle(size: 19, neighbours: 2)).isEmpty)
    #expect(CoordinationDetector().groups(in: circle(size: 40, neighbours: 1)).isEmpty)
    #expect(CoordinationDetector().groups(in: circle(size: 20, neighbours: 2)).count == 1)
  }

  @Test func timeSpreadIsTheShortestIntervalHoldingNinetyPercent() {
    // 10 events: 9 within 50 s, one straggler a day later.
    let spread = TimeSpread([0, 5, 10, 20, 30, 35, 40, 45, 50, 86_400])
    #expect(spread.core90 == 50)
    #expect(spread.first == 0 && spread.last == 86_400)
    #expect(TimeSpread([]).core90 == 0)
  }

  static let shapes: [(String, PlantedTimeline.Ring)] = [
    ("burst", .init(size: 1_000, shape: .burst, mutual: 5, camouflage: 2)),
    ("slow drip", .init(size: 300, shape: .slowDrip, mutual: 5, camouflage: 2)),
    ("camouflaged", .init(size: 200, shape: .camouflaged, mutual: 4, camouflage: 4)),
    ("small", .init(size: 50, shape: .burst, mutual: 3, camouflage: 1)),
  ]

  @Test(arguments: shapes.indices)
  func plantedRingsAreFlaggedAndDiscounted(_ index: Int) throws {
    let (name, ring) = Self.shapes[index]
    var timeline = PlantedTimeline()
    timeline.rings = [ring]
    let (data, targets, ringMembers, _) = timeline.build()
    let ranking = try InfluenceRanking(data: data)
    var parameters = RankingParameters()
    parameters.discountsCoordination = false
    let undiscounted = try InfluenceRanking(data: data, parameters: parameters)
    let target = targets[0]
    let report = ranking.coordination
    #expect(report.targetGroup[target] >= 0, "\(name): the boosted account is flagged")
    let flagged = ringMembers[0].filter { report.isFlaggedEngager($0) }.count
    #expect(flagged == ring.size, "\(name): \(flagged) of \(ring.size) members flagged")
    let ringSet = Set(ringMembers[0] + [target])
    let others = (0..<data.graphAccountCount).filter {
      !ringSet.contains($0) && report.isFlagged($0)
    }
    #expect(others.isEmpty, "\(name): organic accounts flagged: \(others.prefix(5))")
    let before = undiscounted.ranks()[target]
    let after = ranking.ranks()[target]
    #expect(before <= 50, "\(name): without the discount the ring lifts it to \(before)")
    #expect(after > 200, "\(name): with the discount it ranks \(after)")
    #expect(
      ranking.contributions[target].score < undiscounted.contributions[target].score,
      "\(name): the discount lowers the score")
  }

  /// Long-standing accounts that engage each other densely (80% of pairs) and also many
  /// accounts outside the group: a real community, not a ring.
  @Test func organicDenseCommunitiesAreNotFlagged() throws {
    var timeline = PlantedTimeline()
    timeline.communities = [25, 40, 80]
    timeline.seed = 3
    let (data, _, _, _) = timeline.build()
    let ranking = try InfluenceRanking(data: data)
    #expect(ranking.coordination.groups.count == 0)
  }

  @Test func organicTimelinesFlagNothing() throws {
    for seed in [UInt64(11), 12, 13] {
      var timeline = PlantedTimeline()
      timeline.seed = seed
      timeline.organicInteractions = 60_000
      let ranking = try InfluenceRanking(data: timeline.build().data)
      #expect(ranking.coordination.groups.count == 0, "seed \(seed)")
    }
  }

  /// With nothing flagged the score is exactly what it was without the check: the discount
  /// is a separate step that changes nothing then.
  @Test func withoutFlagsTheScoreIsUnchanged() throws {
    let data = PlantedTimeline().build().data
    var parameters = RankingParameters()
    parameters.discountsCoordination = false
    let plain = try InfluenceRanking(data: data, parameters: parameters)
    let checked = try InfluenceRanking(data: data)
    #expect(checked.coordination.groups.count == 0)
    #expect(plain.contributions.map(\.score) == checked.contributions.map(\.score))
  }
}
