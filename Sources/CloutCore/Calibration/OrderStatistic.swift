/// The value at one position of an array's ascending order, found without sorting or copying
/// the array: a most-significant-digit radix select over the values' offsets from the
/// smallest one, 11 bits (a 2,048-bucket histogram) a pass. Every pass reads the array front
/// to back and only counts; unix times spanning years need three passes after the one that
/// finds the extremes.
enum OrderStatistic {
  private static let digitBits = 11

  /// The element that would be at `position` if `values` were sorted ascending.
  static func value(at position: Int, in values: [Int64]) -> Int64 {
    precondition(values.indices.contains(position), "position \(position) is not in the array")
    // Keys: the values with the sign bit flipped, which orders them as unsigned integers.
    @inline(__always) func key(_ value: Int64) -> UInt64 {
      UInt64(bitPattern: value) ^ (1 << 63)
    }
    return values.withUnsafeBufferPointer { values in
      var smallest = UInt64.max
      var largest = UInt64.min
      for value in values {
        smallest = min(smallest, key(value))
        largest = max(largest, key(value))
      }
      // The candidates are the keys in [low, low + 2^windowBits), and `rank` is the position
      // sought among them.
      var low = smallest
      var windowBits = UInt64.bitWidth - (largest - smallest).leadingZeroBitCount
      var rank = position
      var histogram = [Int](repeating: 0, count: 1 << digitBits)
      while windowBits > 0 {
        let shift = max(0, windowBits - digitBits)
        for i in histogram.indices { histogram[i] = 0 }
        histogram.withUnsafeMutableBufferPointer { histogram in
          for value in values {
            let offset = key(value) &- low
            if key(value) >= low && offset >> windowBits == 0 {
              histogram[Int(truncatingIfNeeded: offset >> shift)] += 1
            }
          }
        }
        var bucket = 0
        while rank >= histogram[bucket] {
          rank -= histogram[bucket]
          bucket += 1
        }
        low += UInt64(bucket) << shift
        windowBits = shift
      }
      return Int64(bitPattern: low ^ (1 << 63))
    }
  }

  /// The largest value, nil for an empty array, in one unchecked pass (`Sequence.max()` is a
  /// generic loop: 1% of `perf record` samples of `clout rank --top 100` on the 10M-post
  /// store, where `rank` takes it twice).
  static func largest(_ values: [Int64]) -> Int64? {
    guard !values.isEmpty else { return nil }
    return values.withUnsafeBufferPointer { values in
      // Four independent maxima, so each comparison does not wait for the one before.
      var lanes = (Int64.min, Int64.min, Int64.min, Int64.min)
      let whole = values.count & ~3
      for i in stride(from: 0, to: whole, by: 4) {
        lanes.0 = max(lanes.0, values[i])
        lanes.1 = max(lanes.1, values[i + 1])
        lanes.2 = max(lanes.2, values[i + 2])
        lanes.3 = max(lanes.3, values[i + 3])
      }
      for i in whole..<values.count { lanes.0 = max(lanes.0, values[i]) }
      return max(max(lanes.0, lanes.1), max(lanes.2, lanes.3))
    }
  }
}
