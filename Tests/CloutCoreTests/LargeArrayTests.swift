import Testing

@testable import CloutCore

/// The huge-page arrays hold what `Array(repeating:count:)` holds, at sizes below, at and
/// across the advice threshold, and a failing initializer's error reaches the caller.
@Suite struct LargeArrayTests {
  @Test(arguments: [0, 1, 7, LargeArray.threshold / 4 - 1, LargeArray.threshold / 4 + 3, 3_000_001])
  func filledEqualsRepeating(count: Int) {
    #expect(LargeArray.filled(Int32(-1), count: count) == [Int32](repeating: -1, count: count))
    #expect(LargeArray.filled(UInt8(7), count: count) == [UInt8](repeating: 7, count: count))
    #expect(LargeArray.filled(2.5, count: count / 2) == [Double](repeating: 2.5, count: count / 2))
  }

  @Test func uninitializedKeepsWhatTheBodyWrote() {
    let count = LargeArray.threshold / 8 + 5
    let values: [Int64] = LargeArray.uninitialized(count: count) { buffer in
      for i in buffer.indices { buffer[i] = Int64(i) * 3 - 1 }
    }
    #expect(values == (0..<count).map { Int64($0) * 3 - 1 })
  }

  struct Refused: Error, Equatable {}

  @Test func aFailingBodyThrows() {
    #expect(throws: Refused()) {
      let _: [Int32] = try LargeArray.uninitialized(count: LargeArray.threshold) { _ in
        throw Refused()
      }
    }
  }

  @Test func adviceOnSmallOrUnalignedBuffersIsHarmless() {
    // A buffer smaller than a huge page, or one starting just past a page boundary: the
    // advised range is empty or strictly inside, and the bytes are unchanged.
    for size in [1, 4096, LargeArray.threshold + 4097] {
      let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: size + 1, alignment: 1)
      defer { raw.deallocate() }
      raw.initializeMemory(as: UInt8.self, repeating: 0xA5)
      let inner = UnsafeMutableRawBufferPointer(rebasing: raw[1...])
      LargeArray.adviseHugePages(inner)
      #expect(raw.allSatisfy { $0 == 0xA5 })
    }
  }
}
