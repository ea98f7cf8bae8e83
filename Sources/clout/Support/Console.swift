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
    let failure: Int32? = text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += written
      }
      return nil
    }
    if let failure {
      // A reader that stopped early (`clout rank | head`) is not an error worth a message.
      if failure == EPIPE { throw CloutExit.ioError }
      error("cannot write the output: \(String(cString: strerror(failure)))")
      throw CloutExit.ioError
    }
  }

  static func writeError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
        if written <= 0 { break }
        offset += written
      }
    }
  }

  /// True when standard error is a terminal: only then is live progress drawn.
  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
