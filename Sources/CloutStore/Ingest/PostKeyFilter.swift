import Foundation

/// The post keys one ingest run has written on a platform that had no posts when the run
/// first met it: a Bloom filter, so that `BatchWriter` skips the `(platform, post_key)` index
/// probe for a key it certainly has not written. On a fresh store that is every new post's
/// duplicate check and every reply whose parent is not stored yet.
///
/// The filter answers only "certainly not written" or "maybe": a maybe is answered by the
/// index as before, so a false positive costs the probe the filter saves and nothing else.
/// Keys are never removed, so a rolled-back batch leaves keys in the filter that the store no
/// longer holds, which again only costs probes. What the filter must never miss is a stored
/// key: it is trusted only while this run is the only writer of the platform's posts (see
/// `BatchWriter.beginBatch`, which forgets every filter when another connection committed).
///
/// Fixed size, so memory stays bounded whatever the file: 2^21 words of 64 bits (16 MiB). Blocked: a key's three bits lie in one word, so a look-up
/// costs one cache miss, not three (perf on the 1M-post file: three words took 10.5% of the
/// writer's samples, insert and look-up together). False positives (the Poisson estimate
/// for three bits in one word): 1 in 84,000 keys after 200,000 keys, 1 in 8,700 after 1M, 1
/// in 85 after 10M.
final class PostKeyFilter {
  static let wordCount = 1 << 21
  private let words: UnsafeMutablePointer<UInt64>

  init() {
    // In 2 MiB pages where the kernel allows (transparent huge pages on request): with 4 KiB
    // pages a look-up also missed the TLB, 16 MiB being 4,096 pages.
    let bytes = Self.wordCount * MemoryLayout<UInt64>.stride
    var raw: UnsafeMutableRawPointer?
    if posix_memalign(&raw, 1 << 21, bytes) != 0 || raw == nil {
      raw = malloc(bytes)!
    }
    #if os(Linux)
      _ = madvise(raw, bytes, Int32(MADV_HUGEPAGE))
    #endif
    raw!.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    words = raw!.bindMemory(to: UInt64.self, capacity: Self.wordCount)
  }

  deinit { free(words) }

  func insert(_ hash: PostKeyHash) {
    words[Self.word(hash)] |= Self.bits(hash)
  }

  func mayContain(_ hash: PostKeyHash) -> Bool {
    let bits = Self.bits(hash)
    return words[Self.word(hash)] & bits == bits
  }

  /// The word: the hash's top 21 bits. The bits: three 6-bit fields of its low bits.
  @inline(__always)
  private static func word(_ hash: PostKeyHash) -> Int { Int(hash.value >> 43) }

  @inline(__always)
  private static func bits(_ hash: PostKeyHash) -> UInt64 {
    let value = hash.value
    return 1 << (value & 63) | 1 << ((value >> 6) & 63) | 1 << ((value >> 12) & 63)
  }
}

/// A post key's hash for `PostKeyFilter` and `RecentPosts`, computed once per key.
///
/// FNV-1a over the key's UTF-8, then the SplitMix64 finalizer. Not Swift's `Hasher`: its
/// per-process seed is not needed here, and it cost more per key than the index probe it
/// replaced (see the two-generation cache tried in BatchWriter.swift).
struct PostKeyHash {
  let value: UInt64

  @inline(__always)
  init(_ key: String) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
    hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
    value = hash ^ (hash >> 31)
  }
}
