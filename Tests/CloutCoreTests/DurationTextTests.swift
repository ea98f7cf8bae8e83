import Testing

@testable import CloutCore

/// Half-lives as `rank -v`, `explain`, the calibration table and the map caption print them.
@Suite struct DurationTextTests {
  @Test func wholeUnitsStayExact() {
    #expect(TimeScale.text(90 * 86_400) == "90d")
    #expect(TimeScale.text(14 * 86_400) == "2w")
    #expect(TimeScale.text(6 * 3_600) == "6h")
    #expect(TimeScale.text(45 * 60) == "45m")
    #expect(TimeScale.text(30) == "30s")
    #expect(TimeScale.text(365 * 86_400) == "1y")
  }

  @Test func otherDurationsGetOneDecimalInTheLargestUnitTheyReach() {
    // The adaptive default on a six-year store read "3491.54d" before.
    #expect(TimeScale.text(3491.54 * 86_400) == "9.6y")
    // 156 hours, but shown in days, the largest unit it reaches.
    #expect(TimeScale.text(6.5 * 86_400) == "6.5d")
    // 8.33 days is more than a week but is not shown in weeks.
    #expect(TimeScale.text(8.33 * 86_400) == "8.3d")
    #expect(TimeScale.text(1.34 * 3_600) == "1.3h")
    #expect(TimeScale.text(90.5 * 60) == "1.5h")
    #expect(TimeScale.text(61) == "1m")
    #expect(TimeScale.text(0.25) == "0.25s")
  }
}
