#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where messages go: results to standard output, everything else (progress, notes,
/// errors) to standard error, so `clout rank --format csv > out.csv` stays clean.
enum Console {
  static func note(_ message: String) {
    writeError(message + "\n")
  }

  static func error(_ message: String) {
    writeError("error: " + message + "\n")
  }

  /// Writes results to standard output unbuffered and checks that they arrived: a full disk
  /// or a closed pipe is an I/O error (exit 74), never silently lost output.
  static func output(_ text: String) throws {
    var text = text
    try text.withUTF8 { try output(bytes: $0) }
  }

  /// As `output(_:)`, for binary results (`clout map --out - --format png`).
  static func output(bytes: UnsafeBufferPointer<UInt8>) throws {
    if let failure = writeAll(bytes, to: STDOUT_FILENO) {
      // A reader that stopped early (`clout rank | head`) is not an error worth a message.
      if failure == EPIPE { throw CloutExit.ioError }
      error("cannot write the output: \(String(cString: strerror(failure)))")
      throw CloutExit.ioError
    }
  }

  /// Messages cannot report their own failure: a lost message is dropped.
  static func writeError(_ text: String) {
    var text = text
    _ = text.withUTF8 { writeAll($0, to: STDERR_FILENO) }
  }

  /// Writes every byte with write(2), retrying interrupted writes; returns errno on failure.
  private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32)
    -> Int32?
  {
    var offset = 0
    while offset < bytes.count {
      let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      if written == 0 { return EIO }
      offset += written
    }
    return nil
  }

  /// True when standard error is a terminal: only then is live progress drawn.
  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
