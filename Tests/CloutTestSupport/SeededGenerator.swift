/// SplitMix64: a small, fast, seeded generator, so every randomized test and benchmark draws
/// the same inputs on every run and machine (the standard library's generator is reseeded per
/// process). One copy, shared by every test target.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A value in `0..<bound` (0 when bound ≤ 1), by modulo: slightly biased, which a test
  /// input generator does not mind, and the same on every platform.
  public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}
