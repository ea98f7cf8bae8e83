/// The posts one ingest run wrote most recently on a platform: key → row id and author, so
/// that a reply to a recent post finds its parent without an index probe.
///
/// A direct-mapped cache of `slotCount` slots chosen by the key's hash: a newer post takes the
/// slot of an older one, so memory is fixed (about 2 MiB) whatever the file, and what is
/// found is exact (the key is compared, not just its hash). Only this run's own posts are
/// kept, and a stored post's row id and author never change, so an entry stays true for the
/// whole run; `BatchWriter` drops the cache with the run, and when another connection writes.
final class RecentPosts {
  private struct Slot {
    var key: String
    var row: Int64
    var author: Int64
  }

  static let slotCount = 1 << 16
  // `@exclusivity(unchecked)`: touched by the ingest writer thread only; the dynamic checks
  // were part of 5.6% of its instructions (figures in BatchWriter.swift).
  @exclusivity(unchecked) private var slots = [Slot](
    repeating: Slot(key: "", row: 0, author: -1), count: RecentPosts.slotCount)

  /// Notes that `key` is post `row` by account `author` (-1: no author).
  @inline(__always)
  func remember(_ key: String, _ hash: PostKeyHash, row: Int64, author: Int64) {
    slots[Int(truncatingIfNeeded: hash.value) & (Self.slotCount - 1)] = Slot(
      key: key, row: row, author: author)
  }

  /// The row and author of `key` if it is one of the recent posts kept.
  @inline(__always)
  func find(_ key: String, _ hash: PostKeyHash) -> (row: Int64, author: Int64)? {
    let slot = slots[Int(truncatingIfNeeded: hash.value) & (Self.slotCount - 1)]
    guard slot.row != 0, slot.key == key else { return nil }
    return (slot.row, slot.author)
  }
}
