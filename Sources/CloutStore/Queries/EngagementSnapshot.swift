import CSQLite
import CloutCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// `clout rank --top 100 --verbose` on the store of `gen.py 10000000 1000000 7` (9.86M
// interactions, 10M posts, 185k accounts), release build, `/usr/bin/time -v`, load ~2:
//   SQLite scans (before)         loaded in 9.21 s, 8.80 s user + 3.65 s sys, 1,118 MB peak
//   this snapshot, file cached    loaded in 0.36–0.44 s (3.48–4.73 s wall for the whole rank)
// (docs/performance-scale2.md has the commands and the other sizes.)
// The SQLite scans spend their time in per-row VDBE work (sqlite3VdbeExec and the column
// calls); the snapshot is the same arrays read with one sequential read(2) each.

// The C calls under names the snapshot's own `read` and `write` do not shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int)
  -> Int
{ read(descriptor, buffer, count) }
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, buffer, count)
}

/// A cache of one whole-store `EngagementData` (no window, no platform), in a file beside the
/// store (`STORE-snapshot`), so `rank` on a large store reads its arrays in bulk instead of
/// stepping SQLite through tens of millions of rows.
///
/// SQLite stays the source of truth. The snapshot is used only when its key equals the key of
/// the store state the reading transaction sees (`key(connection:fingerprint:)`: the largest
/// row ids, the ingest runs and their committed batch counts, the schema), and only when its
/// length and checksum are right; anything else (missing, stale, damaged, from another format
/// version) is ignored and the scan result replaces it. Ingest never writes it: every ingest
/// batch commits rows or its run's batch count in the same transaction, so a batch committed
/// after the snapshot was written, or an ingest killed midway, changes the key and the next
/// reader rebuilds it. A store edited by hand outside Clout (an `UPDATE` that adds no row) is
/// not detected: delete `STORE-snapshot` after such an edit.
///
/// Filtered loads (a time window, a platform, or any filter a later version adds) always scan
/// the store: the snapshot holds the whole store's dense mapping, and a window's is another.
enum EngagementSnapshot {

  /// Bump when the layout, or what the scan puts into `EngagementData`, changes.
  /// 2: accounts carry their follower count and its time.
  /// 3: the store id of each account and the post of each interaction (`StoreSources`), so
  /// a topic's conversations can be cut out of the snapshot (`TopicSlice`).
  /// 4: the checksum in four lanes (`Checksum`).
  static let formatVersion: UInt64 = 4
  private static let magic: UInt64 = 0x3150_414E_5354_4C43  // "CLTSNAP1", little-endian

  static func path(forStore store: String) -> String { store + "-snapshot" }

  /// The store state a snapshot must match, read in the caller's read transaction.
  static func key(connection: OpaquePointer, fingerprint: String) throws(SQLiteFailure)
    -> String
  {
    let statement = try SQLiteStatement(
      connection,
      """
      SELECT (SELECT count(*) || ',' || total(batches) || ',' || coalesce(max(id), 0)
              FROM ingest_runs) || ':'
        || (SELECT user_version FROM pragma_user_version) || ':'
        || (SELECT schema_version FROM pragma_schema_version)
      """)
    let extra = try statement.firstRow { $0.string(0) ?? "" } ?? ""
    return "v\(formatVersion)|\(fingerprint)|\(extra)"
  }

  // MARK: Reading

  /// What a snapshot file holds.
  struct Contents {
    var data: EngagementData
    var repairs: EngagementScanner.Repairs
    /// Empty unless read with `Columns.sources`.
    var sources: StoreSources
  }

  /// The columns a reader may leave in the file: what a ranking never reads. A column left
  /// out is still read and checksummed, through one small reused buffer, but gets no memory
  /// of its own; memory the kernel has to hand out and zero is what costs here (see
  /// `FileReader.skip`).
  struct Columns: OptionSet, Sendable {
    let rawValue: Int
    /// Each post's row id (`EngagementData.postRowIDs`): `explain`, `report`, topic cuts.
    static let postRowIDs = Columns(rawValue: 1)
    /// The store ids of accounts and the post of each interaction: topic cuts.
    static let sources = Columns(rawValue: 2)
    static let all: Columns = [.postRowIDs, .sources]
  }

  /// The snapshot at `path` when it was written for `key` and reads back whole; nil otherwise
  /// (the caller scans the store). Columns not in `columns` come back empty.
  static func read(path: String, key: String, columns: Columns = .all) -> Contents? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var reader = FileReader(descriptor: descriptor)
    return try? reader.decode(key: key, columns: columns)
  }

  private struct Damaged: Error {}

  private struct FileReader {
    let descriptor: Int32
    var checksum = Checksum()

    /// Reads in pieces of at most `pieceSize` bytes, each added to the checksum as soon as it
    /// is read, while it is still in the cache, instead of reading a 40–80 MB column back
    /// from memory. With the four-lane `Checksum`: 177 `perf record -F 1999` samples in the
    /// checksum before, 142 after (`clout rank --top 100` on the 10M-post store, mean of 3).
    private static let pieceSize = 1 << 18

    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws {
      var done = 0
      while done < buffer.count {
        let wanted = min(Self.pieceSize, buffer.count - done)
        let count = systemRead(descriptor, buffer.baseAddress! + done, wanted)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { throw Damaged() }
        checksum.add(UnsafeRawBufferPointer(rebasing: buffer[done..<(done + count)]))
        done += count
      }
    }

    mutating func word() throws -> UInt64 {
      var value: UInt64 = 0
      try withUnsafeMutableBytes(of: &value) { try fill($0) }
      return UInt64(littleEndian: value)
    }

    mutating func array<T: BitwiseCopyable>(_: T.Type, count: Int) throws -> [T] {
      guard count >= 0, count <= 1 << 32 else { throw Damaged() }
      return try LargeArray.uninitialized(count: count) { (buffer: UnsafeMutableBufferPointer<T>) in
        try fill(UnsafeMutableRawBufferPointer(buffer))
      }
    }

    /// Reads `count` elements of `T` into the checksum only, through one 256 KB buffer.
    ///
    /// Why not into an array that is then dropped: on the machine measured most of a rank's
    /// system time is the kernel zeroing fresh pages (`clear_page_erms`, half of `perf record`
    /// samples of `clout rank --top 100` on the 10M-post store of `shared/bench/gen.py
    /// 10000000 1000000 7`). Leaving the post row ids and the sources (120 MB there) in the
    /// file, 10 runs of each build alternated: wall median 1.57 → 1.40 s, mean 1.72 → 1.42 s;
    /// system time mean 0.72 → 0.34 s (fewer of the slow zeroing spikes this VM has); peak
    /// 933 → 865 MB mean; output identical. Single pairs still vary both ways.
    mutating func skip<T: BitwiseCopyable>(_: T.Type, count: Int) throws {
      guard count >= 0, count <= 1 << 32 else { throw Damaged() }
      var left = count * MemoryLayout<T>.stride
      let scratch = UnsafeMutableRawBufferPointer.allocate(
        byteCount: Self.pieceSize, alignment: 16)
      defer { scratch.deallocate() }
      while left > 0 {
        let piece = min(left, scratch.count)
        try fill(UnsafeMutableRawBufferPointer(rebasing: scratch[0..<piece]))
        left -= piece
      }
    }

    /// `array(_:count:)` when `wanted`, else `skip(_:count:)` and an empty array.
    mutating func column<T: BitwiseCopyable>(_: T.Type, count: Int, if wanted: Bool) throws
      -> [T]
    {
      guard wanted else {
        try skip(T.self, count: count)
        return []
      }
      return try array(T.self, count: count)
    }

    mutating func decode(key expected: String, columns: Columns) throws -> Contents {
      guard try word() == magic else { throw Damaged() }
      let headerLength = Int(try word())
      guard headerLength >= 0, headerLength < 1 << 34 else { throw Damaged() }
      var header = HeaderReader(bytes: try array(UInt8.self, count: headerLength))
      guard try header.string() == expected else { throw Damaged() }
      let graphAccountCount = try header.count()
      let accountCount = try header.count()
      var accounts: [AccountInfo] = []
      accounts.reserveCapacity(accountCount)
      for _ in 0..<accountCount {
        let platform = try header.string() ?? ""
        let handle = try header.string()
        let userID = try header.string()
        let displayName = try header.string()
        let firstSeen = try header.optionalInt()
        let lastSeen = try header.optionalInt()
        let followers = try header.optionalInt()
        let followersAt = try header.optionalInt()
        accounts.append(
          AccountInfo(
            platform: platform, handle: handle, userID: userID, displayName: displayName,
            firstSeen: firstSeen, lastSeen: lastSeen, followers: followers,
            followersAt: followersAt))
      }
      var placeholderKeys: [Int32: String] = [:]
      for _ in 0..<(try header.count()) {
        placeholderKeys[Int32(truncatingIfNeeded: try header.int())] = try header.string() ?? ""
      }
      var repairs = EngagementScanner.Repairs()
      repairs.clampedWeights = try header.count()
      if let row = try header.optionalInt() {
        repairs.firstClamped = (row, Double(bitPattern: UInt64(bitPattern: try header.int())))
      }
      repairs.orphanInteractions = try header.count()
      repairs.firstOrphan = try header.optionalInt()
      let interactions = try header.count()
      let posts = try header.count()

      let actors = try array(UInt32.self, count: interactions)
      let targets = try array(UInt32.self, count: interactions)
      let codes = try array(UInt8.self, count: interactions)
      let times = try array(Int64.self, count: interactions)
      let multipliers = try array(Float.self, count: interactions)
      let authors = try array(Int32.self, count: posts)
      let parents = try array(Int32.self, count: posts)
      let rowIDs = try column(Int64.self, count: posts, if: columns.contains(.postRowIDs))
      let sources = columns.contains(.sources)
      let accountIDs = try column(Int64.self, count: accountCount, if: sources)
      let interactionPosts = try column(Int32.self, count: interactions, if: sources)
      let computed = checksum.finished
      guard try word() == computed else { throw Damaged() }
      // Nothing may follow: a longer file is not the one that was written.
      var extra: UInt8 = 0
      guard systemRead(descriptor, &extra, 1) == 0 else { throw Damaged() }

      var types: [InteractionType] = []
      types.reserveCapacity(interactions)
      for code in codes {
        guard let type = StoreSchema.type(code: Int64(code)) else { throw Damaged() }
        types.append(type)
      }
      let data = EngagementData(
        accounts: accounts, graphAccountCount: graphAccountCount, interactionActors: actors,
        interactionTargets: targets, interactionTypes: types, interactionTimes: times,
        interactionMultipliers: multipliers, postAuthors: authors, postParents: parents,
        postRowIDs: rowIDs, placeholderKeys: placeholderKeys)
      // The checksum proves the bytes are the ones written; this proves they fit together,
      // so a snapshot can never make the ranking trap.
      guard data.invariantViolation == nil,
        interactionPosts.allSatisfy({ $0 >= -1 && Int($0) < posts })
      else { throw Damaged() }
      return Contents(
        data: data, repairs: repairs,
        sources: StoreSources(accountIDs: accountIDs, interactionPosts: interactionPosts))
    }
  }

  /// The variable-length part of the file: strings and small numbers.
  private struct HeaderReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func int() throws -> Int64 {
      guard offset + 8 <= bytes.count else { throw Damaged() }
      var value: UInt64 = 0
      for shift in 0..<8 { value |= UInt64(bytes[offset + shift]) << (8 * shift) }
      offset += 8
      return Int64(bitPattern: value)
    }

    mutating func count() throws -> Int {
      let value = try int()
      guard value >= 0, value <= 1 << 32 else { throw Damaged() }
      return Int(value)
    }

    mutating func optionalInt() throws -> Int64? {
      guard offset < bytes.count else { throw Damaged() }
      offset += 1
      return bytes[offset - 1] == 0 ? nil : try int()
    }

    mutating func string() throws -> String? {
      let length = try int()
      if length < 0 { return nil }
      guard length <= bytes.count - offset else { throw Damaged() }
      defer { offset += Int(length) }
      return String(decoding: bytes[offset..<(offset + Int(length))], as: UTF8.self)
    }
  }

  // MARK: Writing

  /// Writes the snapshot of `data` for `key`: a temporary file renamed over `path`, so a
  /// reader sees the old file or the new one, never a part. Best effort: a store in a
  /// read-only directory or on a full disk just has no snapshot.
  static func write(_ contents: Contents, key: String, path: String) {
    var random = SystemRandomNumberGenerator()
    let temporary = path + ".\(getpid())-\(random.next() % 1_000_000_000).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else { return }
    var writer = FileWriter(descriptor: descriptor)
    writer.encode(contents, key: key)
    let closed = close(descriptor) == 0
    if !(writer.ok && closed && rename(temporary, path) == 0) { unlink(temporary) }
  }

  private struct FileWriter {
    let descriptor: Int32
    var checksum = Checksum()
    var ok = true

    mutating func put(_ buffer: UnsafeRawBufferPointer) {
      guard ok else { return }
      checksum.add(buffer)
      var done = 0
      while done < buffer.count {
        let count = systemWrite(descriptor, buffer.baseAddress! + done, buffer.count - done)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else {
          ok = false
          return
        }
        done += count
      }
    }

    mutating func word(_ value: UInt64) {
      withUnsafeBytes(of: value.littleEndian) { put($0) }
    }

    mutating func array<T: BitwiseCopyable>(_ values: [T]) {
      values.withUnsafeBytes { put($0) }
    }

    mutating func encode(_ contents: Contents, key: String) {
      let data = contents.data
      let repairs = contents.repairs
      var header = HeaderWriter()
      header.string(key)
      header.int(Int64(data.graphAccountCount))
      header.int(Int64(data.accounts.count))
      for account in data.accounts {
        header.string(account.platform)
        header.string(account.handle)
        header.string(account.userID)
        header.string(account.displayName)
        header.optionalInt(account.firstSeen)
        header.optionalInt(account.lastSeen)
        header.optionalInt(account.followers)
        header.optionalInt(account.followersAt)
      }
      header.int(Int64(data.placeholderKeys.count))
      for (index, key) in data.placeholderKeys.sorted(by: { $0.key < $1.key }) {
        header.int(Int64(index))
        header.string(key)
      }
      header.int(Int64(repairs.clampedWeights))
      header.optionalInt(repairs.firstClamped?.rowID)
      if let first = repairs.firstClamped {
        header.int(Int64(bitPattern: first.weight.bitPattern))
      }
      header.int(Int64(repairs.orphanInteractions))
      header.optionalInt(repairs.firstOrphan)
      header.int(Int64(data.interactionCount))
      header.int(Int64(data.postAuthors.count))

      word(magic)
      word(UInt64(header.bytes.count))
      array(header.bytes)
      array(data.interactionActors)
      array(data.interactionTargets)
      array(data.interactionTypes.map { UInt8(StoreSchema.code(of: $0)) })
      array(data.interactionTimes)
      array(data.interactionMultipliers)
      array(data.postAuthors)
      array(data.postParents)
      array(data.postRowIDs)
      array(contents.sources.accountIDs)
      array(contents.sources.interactionPosts)
      word(checksum.finished)
    }
  }

  private struct HeaderWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int64) {
      withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func optionalInt(_ value: Int64?) {
      bytes.append(value == nil ? 0 : 1)
      if let value { int(value) }
    }

    mutating func string(_ value: String?) {
      guard let value else { return int(-1) }
      int(Int64(value.utf8.count))
      bytes.append(contentsOf: value.utf8)
    }
  }

  /// A 64-bit multiply-xor hash over the file's bytes in order, in four lanes that take the
  /// words of each 32-byte block in turn and are folded into one at the end, with the length:
  /// it catches torn writes, truncation and flipped bits, not deliberate forgery (the snapshot
  /// is a cache beside a store its reader can already write). The lanes are independent, so
  /// the processor overlaps their multiplies: one chain over the 10M-post store's 420 MB was
  /// 3.5–4% of `perf record` samples of `clout rank --top 100` (format 3); with the reads in
  /// pieces (`FileReader.fill`), 177 samples before and 142 after, mean of 3 runs.
  private struct Checksum {
    private static let blockSize = 32
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
      0xcbf2_9ce4_8422_2325, 0x9e37_79b9_7f4a_7c15, 0xc2b2_ae3d_27d4_eb4f,
      0x1656_67b1_9e37_79f9
    )
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    /// The hash of everything added so far, the last partial block (zero-filled) and the
    /// length included.
    var finished: UInt64 {
      var copy = self
      if !copy.pending.isEmpty {
        let block = copy.pending + [UInt8](repeating: 0, count: Self.blockSize - pending.count)
        block.withUnsafeBytes { copy.mixBlock($0) }
      }
      var value = copy.lanes.0
      for word in [copy.lanes.1, copy.lanes.2, copy.lanes.3, copy.length] {
        value = Self.mix(value, word)
      }
      return value
    }

    mutating func add(_ buffer: UnsafeRawBufferPointer) {
      length &+= UInt64(buffer.count)
      var bytes = buffer[...]
      // Whole blocks only: bytes left over wait for the next buffer, so the value depends on
      // the byte sequence, not on how it was cut into reads.
      if !pending.isEmpty {
        while pending.count < Self.blockSize, let byte = bytes.first {
          pending.append(byte)
          bytes = bytes.dropFirst()
        }
        guard pending.count == Self.blockSize else { return }
        pending.withUnsafeBytes { mixBlock($0) }
        pending.removeAll(keepingCapacity: true)
      }
      let blocks = bytes.count / Self.blockSize
      let base = UnsafeRawBufferPointer(rebasing: bytes)
      var (a, b, c, d) = lanes
      for index in 0..<blocks {
        let offset = index * Self.blockSize
        a = Self.mix(a, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        b = Self.mix(b, base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
        c = Self.mix(c, base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
        d = Self.mix(d, base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
      }
      lanes = (a, b, c, d)
      pending.append(contentsOf: base[(blocks * Self.blockSize)...])
    }

    /// Mixes one whole block (the first `blockSize` bytes of `block`).
    private mutating func mixBlock(_ block: UnsafeRawBufferPointer) {
      lanes.0 = Self.mix(lanes.0, block.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
      lanes.1 = Self.mix(lanes.1, block.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
      lanes.2 = Self.mix(lanes.2, block.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
      lanes.3 = Self.mix(lanes.3, block.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    @inline(__always) private static func mix(_ value: UInt64, _ word: UInt64) -> UInt64 {
      let product = (value ^ word) &* 0x100_0000_01b3
      return product ^ (product >> 29)
    }
  }
}
