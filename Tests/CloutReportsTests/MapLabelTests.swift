import CloutCore
import Testing

@testable import CloutReports

/// Map labels of right-to-left display names keep their handle readable.
@Suite struct MapLabelTests {
  func label(_ display: String?) -> String {
    MapModel.label(
      AccountInfo(platform: "twitter", handle: "salma", userID: nil, displayName: display))
  }

  @Test func aRightToLeftNameStartsWithALeftToRightMark() {
    #expect(label("سلمى المصرية") == "\u{200E}سلمى المصرية (@salma)")
    #expect(label("דב כהן").unicodeScalars.first == "\u{200E}")
  }

  @Test func otherLabelsAreUnchanged() {
    #expect(label("Salma 🚀") == "Salma 🚀 (@salma)")
    #expect(label("Сальма") == "Сальма (@salma)")
    #expect(label(nil) == "salma")
  }
}
