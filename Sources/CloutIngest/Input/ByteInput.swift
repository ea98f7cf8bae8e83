import CloutCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of one input, read in large chunks so that memory stays bounded whatever the file
/// size. Readers work directly on `bytes[start...]`; `refill()` drops what they consumed and
/// appends the next chunk. Owns the file descriptor (standard input is borrowed, not closed).
final class ByteInput {
  /// The input as errors name it: the path, or `<stdin>` for `-`.
  let displayName: String
  /// Chunk size for `read(2)`. A record larger than the buffer doubles the next read.
  static let chunkSize = 1 << 20

  private(set) var bytes: [UInt8] = []
  /// Bytes before `start` were consumed by the reader.
  var start = 0
  private(set) var isAtEnd = false
  /// Bytes read from the descriptor so far.
  private(set) var bytesRead: Int64 = 0

  private let descriptor: Int32
  private var scratch: [UInt8] = []
  private let ownsDescriptor: Bool
  /// Set when the input is gzip-compressed: `bytes` then holds the decompressed data and
  /// `bytesRead` counts compressed bytes (what a progress line compares with the file size).
  private var inflater: GzipInflater?

  /// Opens `path` (`-` is standard input) and reads the first chunk.
  init(path: String) throws(RecordError) {
    if path == "-" {
      displayName = "<stdin>"
      descriptor = 0
      ownsDescriptor = false
    } else {
      displayName = path
      let fd = open(path, O_RDONLY)
      guard fd >= 0 else {
        throw RecordError(
          file: path, message: "cannot open: \(ByteInput.errorText(errno))", isIOFailure: true)
      }
      var info = stat()
      if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
        close(fd)
        throw RecordError(file: path, message: "is a directory, not a file", isIOFailure: true)
      }
      descriptor = fd
      ownsDescriptor = true
    }
    _ = try refill()
    if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B,
      let inflater = GzipInflater(initial: bytes)
    {
      self.inflater = inflater
      bytes = []
      _ = try refill()
    }
    // A UTF-8 byte order mark is not part of the data.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  /// The unconsumed bytes currently buffered.
  var available: Int { bytes.count - start }

  /// Discards consumed bytes and reads the next chunk. Returns false at end of input.
  @discardableResult
  func refill() throws(RecordError) -> Bool {
    if isAtEnd { return false }
    if start > 0 {
      bytes.removeSubrange(0..<start)
      start = 0
    }
    let want = max(ByteInput.chunkSize, bytes.count)
    // read(2) goes into a reused scratch buffer of one chunk, then a copy appends what arrived:
    // growing `bytes` with zeros first would cost a fill of the whole chunk on every refill,
    // and a scratch buffer as large as the request held a second copy of a huge record
    // (issue 21: a 200 MB line kept ~134 MB of scratch for the rest of the input).
    if scratch.count < ByteInput.chunkSize {
      scratch = [UInt8](repeating: 0, count: ByteInput.chunkSize)
    }
    var total = 0
    while total < want {
      let got = try readChunk(want: min(ByteInput.chunkSize, want - total))
      if got == 0 { break }
      reserveWithPadding(bytes.count + got)
      bytes.append(contentsOf: scratch[0..<got])
      total += got
    }
    if total == 0 {
      isAtEnd = true
      return false
    }
    return true
  }

  /// Reads up to `want` bytes (at most a chunk) into `scratch`; 0 at the end of the input.
  private func readChunk(want: Int) throws(RecordError) -> Int {
    if let inflater {
      return try scratch.withUnsafeMutableBufferPointer { buffer throws(RecordError) -> Int in
        do throws(RecordError) {
          return try inflater.inflate(into: buffer.baseAddress!, capacity: want) {
            () throws(RecordError) -> [UInt8] in try readCompressed()
          }
        } catch {
          // Read failures come named; zlib's complaints are about this input's data.
          if !error.file.isEmpty { throw error }
          throw RecordError(file: displayName, message: error.message)
        }
      }
    }
    var got = 0
    var failure: Int32 = 0
    try readRaw(want: want, got: &got, failure: &failure)
    if failure != 0 {
      throw RecordError(
        file: displayName, message: "cannot read: \(ByteInput.errorText(failure))",
        isIOFailure: true)
    }
    bytesRead += Int64(got)
    return got
  }

  /// Grows `bytes` geometrically (as `append` would) to hold `count` bytes plus `padding`, so
  /// that `withPaddedBytes` never has to reallocate a huge buffer to add its padding.
  private func reserveWithPadding(_ count: Int) {
    let needed = count + ByteInput.padding
    if bytes.capacity < needed { bytes.reserveCapacity(max(needed, bytes.capacity * 2)) }
  }

  /// Readable bytes `withPaddedBytes` guarantees after a range (simdjson's padding, 64).
  static let padding = 64

  /// Calls `body` with `bytes[range]`, followed in memory by at least `padding` readable bytes
  /// of unspecified value: what simdjson needs to parse the bytes where they are instead of
  /// copying them. The padding is appended (within the capacity reserved for it) only while
  /// `body` runs.
  func withPaddedBytes<Result>(
    _ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
  ) -> Result {
    let missing = ByteInput.padding - (bytes.count - range.upperBound)
    guard missing > 0 else {
      return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
    reserveWithPadding(bytes.count + missing)
    bytes.append(contentsOf: repeatElement(0x20, count: missing))
    defer { bytes.removeLast(missing) }
    return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
  }

  /// Buffers larger than this are given back once their bytes are consumed (see
  /// `releaseConsumedIfHuge`).
  static let keptCapacity = 16 << 20

  /// After a huge record has been consumed, moves what is left into a buffer of its own size:
  /// otherwise the record's bytes stay allocated while it is converted and written, and for
  /// the rest of the input.
  func releaseConsumedIfHuge() {
    guard bytes.capacity > ByteInput.keptCapacity, start > 0 else { return }
    var rest: [UInt8] = []
    rest.reserveCapacity(max(bytes.count - start, ByteInput.chunkSize) + ByteInput.padding)
    rest.append(contentsOf: bytes[start...])
    bytes = rest
    start = 0
  }

  /// The next compressed chunk for the inflater; empty at the end of the file.
  private func readCompressed() throws(RecordError) -> [UInt8] {
    var chunk = [UInt8](repeating: 0, count: ByteInput.chunkSize)
    var got = 0
    var failure: Int32 = 0
    chunk.withUnsafeMutableBytes { raw in
      guard let base = raw.baseAddress else { return }
      while got < raw.count {
        let result = read(descriptor, base + got, raw.count - got)
        if result < 0 && errno == EINTR { continue }
        if result < 0 {
          failure = errno
          return
        }
        if result == 0 { return }
        got += result
      }
    }
    if failure != 0 {
      throw RecordError(
        file: displayName, message: "cannot read: \(ByteInput.errorText(failure))",
        isIOFailure: true)
    }
    bytesRead += Int64(got)
    return Array(chunk[0..<got])
  }

  private func readRaw(want: Int, got: inout Int, failure: inout Int32) throws(RecordError) {
    scratch.withUnsafeMutableBytes { raw in
      guard let base = raw.baseAddress else { return }
      // Pipes hand over 64 KiB at a time: keep reading until the chunk is full.
      while got < want {
        let result = read(descriptor, base + got, want - got)
        if result < 0 && errno == EINTR { continue }
        if result < 0 {
          failure = errno
          return
        }
        if result == 0 { return }
        got += result
      }
    }
  }

  /// Reads until the buffer holds a line feed after `start`, the end of input, or `limit`
  /// bytes. Used to peek at the first record without consuming it.
  func fillFirstLine(limit: Int) throws(RecordError) {
    var scanned = start
    while true {
      if bytes[scanned...].contains(10) { return }
      scanned = bytes.count
      if available >= limit { return }
      let before = start
      guard try refill() else { return }
      scanned -= before
    }
  }

  private static func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}
