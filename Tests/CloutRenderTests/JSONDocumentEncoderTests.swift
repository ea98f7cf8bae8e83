import Testing

@testable import CloutRender

/// The layout rule, against documents written out by hand.
@Suite struct JSONDocumentEncoderTests {
  struct Member: Encodable {
    var name: String
    var score: Cell
  }

  struct Group: Encodable {
    var id: Int
    var members: [Member]
  }

  struct Report: Encodable {
    var title: String
    var limit: Int?
    var best: Member
    var groups: [Group]

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: JSONKey.self)
      try container.encode(title, forKey: JSONKey("title"))
      try container.encode(limit, forKey: JSONKey("limit"))
      try container.encode(best, forKey: JSONKey("best"))
      try container.encode(groups, forKey: JSONKey("groups"))
    }
  }

  @Test func objectsInArraysAndScalarObjectsStayOnOneLine() throws {
    let report = Report(
      title: "a \"quoted\"\ttitle", limit: nil,
      best: Member(name: "z", score: .decimal(2, places: 2)),
      groups: [
        Group(id: 2, members: [Member(name: "x", score: .decimal(0.5, places: 3))]),
        Group(id: 1, members: []),
      ])
    #expect(
      try JSONDocumentEncoder.encode(report) == """
        {
          "title": "a \\"quoted\\"\\ttitle",
          "limit": null,
          "best": {"name": "z", "score": 2.00},
          "groups": [
            {"id": 2, "members": [{"name": "x", "score": 0.500}]},
            {"id": 1, "members": []}
          ]
        }

        """)
  }

  @Test func flatTopLevelAndEmptyArrays() throws {
    let rows = ["rows": [JSONRow(keys: ["b", "a"], cells: [.integer(1), .empty])]]
    #expect(
      try JSONDocumentEncoder.encode(rows, flatTopLevel: true)
        == "{\n\"rows\": [\n  {\"b\": 1, \"a\": null}\n]\n}\n")
    #expect(try JSONDocumentEncoder.encode([Member]()) == "[]\n")
    #expect(
      try JSONDocumentEncoder.encode([Cell.decimal(.infinity, places: 2), .text("é\u{1}")])
        == "[\n  null,\n  \"é\\u0001\"\n]\n")
  }

  @Test func plainDoublesAreRefused() {
    #expect(throws: EncodingError.self) { try JSONDocumentEncoder.encode(["x": 0.1]) }
  }
}
