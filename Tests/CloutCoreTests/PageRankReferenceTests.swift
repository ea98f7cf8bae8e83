import CloutCore
import Foundation
import Testing

/// Compares with networkx; see scripts/reference/pagerank_reference.py.
@Suite struct PageRankReferenceTests {
  struct Fixture: Decodable {
    var networkxVersion: String
    var cases: [Case]
  }

  struct Case: Decodable {
    var name: String
    var nodeCount: Int
    var damping: Double
    var edges: [[Double]]
    var personalization: [Double]?
    var expected: [Double]
  }

  static func load() throws -> Fixture {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let url = root.appendingPathComponent("Fixtures/reference/pagerank-networkx.json")
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  @Test func matchesNetworkx() throws {
    let fixture = try Self.load()
    #expect(fixture.cases.count >= 5)
    #expect(fixture.cases.contains { $0.personalization != nil })
    for testCase in fixture.cases {
      let graph = GraphBuilder.build(
        actors: testCase.edges.map { UInt32($0[0]) }, targets: testCase.edges.map { UInt32($0[1]) },
        weights: testCase.edges.map { $0[2] }, nodeCount: testCase.nodeCount)
      let result = try PageRank(
        graph: graph, damping: testCase.damping, personalization: testCase.personalization
      ).run()
      #expect(result.converged, "\(testCase.name)")
      let worst = zip(result.scores, testCase.expected).map { abs($0 - $1) }.max() ?? 0
      #expect(worst <= 1e-7, "\(testCase.name): max difference \(worst)")
      #expect(worst <= 1e-9, "\(testCase.name): max difference \(worst) (expected ~1e-10)")
    }
  }
}
