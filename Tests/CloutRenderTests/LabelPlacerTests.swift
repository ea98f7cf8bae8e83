import Foundation
import Testing

@testable import CloutRender

@Suite struct LabelPlacerTests {
  /// A 20 × 10 label of a radius-10 circle at the origin goes to its right, its near side
  /// 2.5 points (gap 2 + 0.5) from the circle: center x = 10 + 2.5 + 10 = 22.5.
  @Test func aFreeLabelSitsToTheRight() {
    let spots = LabelPlacer.place(
      circles: [.init(x: 0, y: 0, radius: 10)], sizes: [(20, 10)])
    #expect(spots == [LabelPlacer.Spot(x: 22.5, y: 0, leader: false)])
  }

  /// With a circle in the way on the right, the label goes left; with a label already on the
  /// left, above (y + 12.5 + 5); an unlabeled node gets nil.
  @Test func blockedPlacesAreSkippedInOrder() {
    let circles: [LabelPlacer.Circle] = [
      .init(x: 0, y: 0, radius: 10), .init(x: 25, y: 0, radius: 5),
      .init(x: 0, y: 0, radius: 10),
    ]
    let spots = LabelPlacer.place(circles: circles, sizes: [(20, 10), nil, (20, 10)])
    #expect(spots[0] == LabelPlacer.Spot(x: -22.5, y: 0, leader: false))
    #expect(spots[1] == nil)
    #expect(spots[2] == LabelPlacer.Spot(x: 0, y: 17.5, leader: false))
  }

  /// A label with no room anywhere is dropped, not drawn over a circle.
  @Test func noRoomDropsTheLabel() {
    let spots = LabelPlacer.place(
      circles: [.init(x: 0, y: 0, radius: 1), .init(x: 0, y: 0, radius: 500)],
      sizes: [(20, 10), nil], required: 0, rings: 3)
    #expect(spots[0] == nil)
  }
}

@Suite struct LabelPlacerLeaderTests {
  /// A circle walled in by dots, the wall open straight above it: the label (too big for the
  /// space inside) must be pushed out past the wall, and only the way up leaves a leader that
  /// crosses no dot. The search tries right and left first, where the old placer put it, its
  /// leader through the dot at (20, 0). Checked against an independent sampled distance.
  @Test func leadersCrossNoOtherCircle() {
    var circles: [LabelPlacer.Circle] = [.init(x: 0, y: 0, radius: 6)]
    // Dots of radius 5 at distance 20, every 30° but straight up (90°).
    for step in 0..<12 where step != 3 {
      let angle = Double(step) * Double.pi / 6
      circles.append(.init(x: 20 * cos(angle), y: 20 * sin(angle), radius: 5))
    }
    var sizes: [(width: Double, height: Double)?] = [(40, 10)]
    sizes += [(width: Double, height: Double)?](repeating: nil, count: 11)
    let spots = LabelPlacer.place(circles: circles, sizes: sizes, required: 0, rings: 12)
    guard let spot = spots[0] else {
      Issue.record("no spot for the label")
      return
    }
    #expect(spot.leader)
    #expect(spot.x == 0 && spot.y > 25)
    for circle in circles.dropFirst() {
      // The closest point of the segment (0,0)–(spot) to the circle's centre, by sampling.
      let closest = (0...1000).map { step -> Double in
        let t = Double(step) / 1000
        let (x, y) = (t * spot.x - circle.x, t * spot.y - circle.y)
        return (x * x + y * y).squareRoot()
      }.min()!
      #expect(closest >= circle.radius - 0.01, "leader crosses the dot at \(circle.x), \(circle.y)")
    }
  }

  /// Walled in by circles in every direction within reach, an ordinary label is dropped
  /// while a required one (a top account) still gets a leader over the circles.
  @Test func aRequiredLabelMayCrossCirclesButNotLabels() {
    var circles: [LabelPlacer.Circle] = [.init(x: 0, y: 0, radius: 6)]
    for ring in 1...6 {
      for step in 0..<(8 * ring) {
        let angle = Double(step) * 2 * Double.pi / Double(8 * ring)
        let distance = 14.0 * Double(ring)
        circles.append(.init(x: distance * cos(angle), y: distance * sin(angle), radius: 4))
      }
    }
    var sizes: [(width: Double, height: Double)?] = [(40, 10)]
    sizes += [(width: Double, height: Double)?](repeating: nil, count: circles.count - 1)
    let dropped = LabelPlacer.place(
      circles: circles, sizes: sizes, required: 0, rings: 8, requiredRings: 40)
    #expect(dropped[0] == nil)
    let kept = LabelPlacer.place(
      circles: circles, sizes: sizes, required: 1, rings: 8, requiredRings: 40)
    #expect(kept[0]?.leader == true)
  }
}
