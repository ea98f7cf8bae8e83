import CloutCore
import CloutTestSupport
import Testing

@Suite struct TopKTests {
  @Test func ordersByScoreThenKeyThenIndex() {
    let scores = [0.5, 0.9, 0.5, 0.1, 0.9, 0.5]
    let keys = ["c", "b", "a", "z", "a", "c"]
    let top = TopK.select(5, count: scores.count, score: { scores[$0] }, key: { keys[$0] })
    #expect(top == [4, 1, 2, 0, 5])
  }

  @Test func edgeCases() {
    #expect(TopK.select(0, scores: [1, 2]).isEmpty)
    #expect(TopK.select(3, scores: []).isEmpty)
    #expect(TopK.select(10, scores: [1, 3, 2]) == [1, 2, 0])
  }

  @Test func matchesAFullSort() {
    var rng = SeededGenerator(seed: 3)
    let scores = (0..<2_000).map { _ in Double(Int.random(in: 0..<50, using: &rng)) }
    let sorted = scores.indices.sorted {
      scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1
    }
    #expect(TopK.select(37, scores: scores) == Array(sorted.prefix(37)))
  }
}
