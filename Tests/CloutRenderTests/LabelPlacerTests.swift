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
