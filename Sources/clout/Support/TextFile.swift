import Foundation

/// Small text files named on the command line (seed, exclude and identity lists), with
/// errors that name the file.
enum TextFile {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func read(_ path: String) throws -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw Failure(description: "\(path): no such file")
    }
    guard !isDirectory.boolValue else {
      throw Failure(description: "\(path): is a directory, not a file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Failure(description: "\(path): cannot be read (check its permissions)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw Failure(description: "\(path): is not UTF-8 text")
    }
    return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
  }

  /// Writes through a temporary file in the same directory and renames it into place, so a
  /// reader never sees a half-written file and a failure leaves no partial output.
  ///
  /// The temporary file is created with `O_CREAT | O_EXCL | O_NOFOLLOW` under an unpredictable
  /// name (`.NAME.clout-PID-RANDOM.tmp`): a file or symbolic link planted under the name fails
  /// the open instead of being written through (a predictable `.NAME.PID.tmp` opened with
  /// `Data.write` let a planted link overwrite its target). The data is `fsync`ed before the
  /// rename and the directory after it, so a crash leaves the old file or the new one.
  /// `rename` replaces `path` itself: when `path` is a symbolic link, the link is replaced by
  /// the new file and its target is left as it was.
  ///
  /// Temporary files of the same target left by a process that no longer runs (killed while
  /// writing) are removed first.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    try writeAtomically(to: path) { emit in try emit(bytes) }
  }

  /// The one implementation of the atomic write: `body` gets an `emit` function that writes
  /// bytes to the temporary file at once; the file is fsynced and renamed into place only when
  /// `body` returns. An error from `body` or from the disk removes the temporary file and
  /// leaves `path` as it was.
  static func writeAtomically(
    to path: String, emitting body: (([UInt8]) throws -> Void) throws -> Void
  ) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw Failure(description: "\(path): the directory \(directory.path) does not exist")
    }
    removeStaleTemporaries(of: url.lastPathComponent, in: directory.path)
    let (descriptor, temporary) = try createTemporary(for: url.lastPathComponent, in: directory)
    func fail(_ code: Int32) -> Failure {
      Failure(description: "\(path): cannot be written (\(String(cString: strerror(code))))")
    }
    do {
      try body { bytes in
        if let code = writeAll(bytes, to: descriptor) { throw fail(code) }
      }
      if fsync(descriptor) != 0 { throw fail(errno) }
    } catch {
      close(descriptor)
      unlink(temporary)
      throw error
    }
    if close(descriptor) != 0 {
      let code = errno
      unlink(temporary)
      throw fail(code)
    }
    // rename(2) replaces an existing file atomically; FileManager.replaceItemAt fails on
    // Linux for a relative path whose file exists ("The file doesn't exist").
    guard rename(temporary, url.path) == 0 else {
      let code = errno
      unlink(temporary)
      throw fail(code)
    }
    let directoryDescriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directoryDescriptor >= 0 {
      _ = fsync(directoryDescriptor)
      close(directoryDescriptor)
    }
  }

  /// The prefix of every temporary file for target `name`.
  static func temporaryPrefix(_ name: String) -> String { ".\(name).clout-" }

  /// Opens a new temporary file next to the target; retries the rare name collision.
  static func createTemporary(for name: String, in directory: URL) throws -> (
    Int32, String
  ) {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<64 {
      let random = String(generator.next() as UInt64, radix: 16)
      let path = directory.appendingPathComponent(
        "\(temporaryPrefix(name))\(getpid())-\(random).tmp"
      ).path
      let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
      if descriptor >= 0 { return (descriptor, path) }
      if errno == EEXIST || errno == ELOOP { continue }
      throw Failure(
        description: "\(directory.appendingPathComponent(name).path): cannot be written "
          + "(\(String(cString: strerror(errno))))")
    }
    throw Failure(
      description: "\(directory.appendingPathComponent(name).path): cannot be written (no free "
        + "temporary file name)")
  }

  /// Removes `.NAME.clout-PID-….tmp` (and the older `.NAME.PID.tmp`) files whose process is
  /// gone: what a `kill -9` during a write leaves. Only regular files are removed, never one
  /// of a running process (which may still be writing it).
  static func removeStaleTemporaries(of name: String, in directory: String) {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      return
    }
    let legacyPrefix = ".\(name)."
    for entry in entries where entry.hasPrefix(legacyPrefix) && entry.hasSuffix(".tmp") {
      let middle = entry.dropFirst(legacyPrefix.count).dropLast(4)
      let pidText: Substring
      if middle.hasPrefix("clout-") {
        pidText = middle.dropFirst(6).prefix { $0 != "-" }
      } else {
        pidText = middle
      }
      guard let pid = Int32(pidText), pid > 0, pid != getpid() else { continue }
      guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
      let path = directory + "/" + entry
      var info = stat()
      guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
      unlink(path)
    }
  }

  /// write(2) until every byte is out; errno on failure.
  static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    bytes.withUnsafeBytes { buffer -> Int32? in
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += written
      }
      return nil
    }
  }
}
