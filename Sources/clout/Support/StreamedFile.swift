import Foundation

extension TextFile {
  /// As `writeAtomically(_:to:)`, for output too large to build as one string: `body` gets a
  /// `write` function, whose text is buffered and written in 256 KiB pieces to the temporary
  /// file, and the file is renamed into place only when `body` returns. An error from `body`
  /// or from the disk removes the temporary file and leaves `path` as it was.
  static func writeAtomically(
    to path: String, streaming body: ((String) throws -> Void) throws -> Void
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
    let limit = 1 << 18
    var buffer: [UInt8] = []
    buffer.reserveCapacity(limit + 4096)
    do {
      try body { text in
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= limit {
          if let code = writeAll(buffer, to: descriptor) { throw fail(code) }
          buffer.removeAll(keepingCapacity: true)
        }
      }
      if let code = writeAll(buffer, to: descriptor) { throw fail(code) }
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
}
