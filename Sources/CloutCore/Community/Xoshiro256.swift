/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64: the random source of the
/// community algorithms.
///
/// Written out here rather than taken from the standard library so that a seed gives the same
/// stream — and so the same communities — on every platform and Swift version:
/// `SystemRandomNumberGenerator` cannot be seeded, and the algorithms behind
/// `Int.random(in:using:)` and `shuffle(using:)` are not promised to stay the same.
struct Xoshiro256: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  init(seed: UInt64) {
    // SplitMix64 spreads any seed (0 included) over the 256-bit state, never all zero.
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// Uniform in [0, 1), 53 random bits.
  mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// Uniform in `0..<bound` (bound > 0), without bias: Lemire's multiply-and-reject.
  mutating func next(below bound: Int) -> Int {
    let b = UInt64(bound)
    var product = next().multipliedFullWidth(by: b)
    if product.low < b {
      let threshold = (0 &- b) % b
      while product.low < threshold { product = next().multipliedFullWidth(by: b) }
    }
    return Int(product.high)
  }

  /// Fisher–Yates, from the back.
  mutating func shuffle(_ values: inout [Int32]) {
    var i = values.count - 1
    while i > 0 {
      values.swapAt(i, next(below: i + 1))
      i -= 1
    }
  }
}
