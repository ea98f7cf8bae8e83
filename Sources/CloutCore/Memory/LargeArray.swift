#if canImport(Glibc)
  import Glibc
#endif

/// Arrays of one element per post or per interaction (tens of megabytes each on a large
/// store), in memory the kernel may back with 2 MB pages.
///
/// Such an array is touched once, from end to end, right after it is allocated, and on a
/// kernel that gives huge pages only where asked (`transparent_hugepage=madvise`, as on the
/// machine measured) each 4 KB page of it costs a page fault. `clout rank --top 100` on the
/// 10M-post store of `shared/bench/gen.py 10000000 1000000 7`, release build, 10 runs of each
/// binary alternated: 263,302 minor faults and 1.59–2.18 s wall (mean 1.78 s) before; with
/// the snapshot's columns, the reply forest's arrays, the edge weights and the graph build's
/// runs allocated here, 45,599 faults and 1.28–1.67 s (mean 1.48 s), output byte-identical.
/// Where the kernel already uses huge pages everywhere, or never, the advice changes nothing.
public enum LargeArray {
  /// Below this many bytes an array is left as it is: it spans no whole 2 MB page.
  static let threshold = 4 << 20
  static let hugePage = 2 << 20

  /// `count` copies of `value`.
  public static func filled<Element: BitwiseCopyable>(
    _ value: Element, count: Int
  ) -> [Element] {
    uninitialized(count: count) { buffer in buffer.initialize(repeating: value) }
  }

  /// An array of `count` elements that `body` must initialize, every one of them.
  public static func uninitialized<Element: BitwiseCopyable, Failure: Error>(
    count: Int, _ body: (UnsafeMutableBufferPointer<Element>) throws(Failure) -> Void
  ) throws(Failure) -> [Element] {
    var failure: Failure?
    let array = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
      do throws(Failure) {
        try body(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
        initialized = count
      } catch {
        failure = error
        initialized = 0
      }
    }
    if let failure { throw failure }
    return array
  }

  /// Asks for huge pages over the whole 2 MB pages inside `buffer`, before it is first touched.
  static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
      guard buffer.count >= threshold, let base = buffer.baseAddress else { return }
      let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
      let end = (Int(bitPattern: base) + buffer.count) & ~(hugePage - 1)
      guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
      // Advice only: a kernel without transparent huge pages refuses it, and nothing changes.
      _ = madvise(pointer, end - start, MADV_HUGEPAGE)
    #endif
  }
}
