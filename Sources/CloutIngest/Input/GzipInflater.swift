import CloutCore
import CZlib

/// Decompresses a gzip stream (twarc writes `.jsonl.gz`) as `ByteInput` reads it, through
/// the system zlib. Concatenated gzip members, as `cat a.gz b.gz` makes, are read one after
/// the other, as gunzip does.
final class GzipInflater {
  private let stream: UnsafeMutablePointer<z_stream>
  /// Compressed bytes not yet handed to zlib.
  private var pending: [UInt8]
  private var pendingStart = 0
  private var finished = false

  /// `initial`: compressed bytes already read from the input.
  init?(initial: [UInt8]) {
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    pending = initial
    // 15 + 16: a gzip header and trailer, the largest window.
    guard inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else {
      stream.deallocate()
      return nil
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deallocate()
  }

  /// Fills up to `capacity` bytes at `output` with decompressed data, calling `readMore` for
  /// compressed bytes (it returns an empty array at the end of the file). Returns the bytes
  /// written, 0 at the end of the data; throws a message for corrupt or cut-short data.
  func inflate(
    into output: UnsafeMutablePointer<UInt8>, capacity: Int,
    readMore: () throws(RecordError) -> [UInt8]
  ) throws(RecordError) -> Int {
    var written = 0
    while written < capacity && !finished {
      if pendingStart == pending.count {
        pending = try readMore()
        pendingStart = 0
        if pending.isEmpty {
          // A cut-short file: zlib has not seen its stream end.
          throw RecordError(
            file: "", message: "the gzip data ends early: was the file cut short?")
        }
      }
      let status = pending.withUnsafeMutableBufferPointer { input -> Int32 in
        stream.pointee.next_in = input.baseAddress! + pendingStart
        stream.pointee.avail_in = UInt32(input.count - pendingStart)
        stream.pointee.next_out = output + written
        stream.pointee.avail_out = UInt32(capacity - written)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let consumed = (input.count - pendingStart) - Int(stream.pointee.avail_in)
        pendingStart += consumed
        written = capacity - Int(stream.pointee.avail_out)
        return status
      }
      switch status {
      case Z_OK, Z_BUF_ERROR:
        continue
      case Z_STREAM_END:
        // Another member may follow; a file that ends here is complete.
        if pendingStart == pending.count {
          pending = try readMore()
          pendingStart = 0
        }
        if pending.isEmpty {
          finished = true
        } else {
          inflateReset(stream)
        }
      default:
        throw RecordError(file: "", message: "corrupt gzip data (zlib error \(status))")
      }
    }
    return written
  }
}
