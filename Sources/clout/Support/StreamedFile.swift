import Foundation

extension TextFile {
  /// As `writeAtomically(_:to:)`, for output too large to build as one string: `body` gets a
  /// `write` function, whose text is buffered and written in 256 KiB pieces to the temporary
  /// file, and the file is renamed into place only when `body` returns. An error from `body`
  /// or from the disk removes the temporary file and leaves `path` as it was.
  static func writeAtomically(
    to path: String, streaming body: ((String) throws -> Void) throws -> Void
  ) throws {
    let limit = 1 << 18
    var buffer: [UInt8] = []
    buffer.reserveCapacity(limit + 4096)
    try writeAtomically(to: path) { emit in
      try withoutActuallyEscaping(emit) { emit in
        try body { text in
          buffer.append(contentsOf: text.utf8)
          if buffer.count >= limit {
            try emit(buffer)
            buffer.removeAll(keepingCapacity: true)
          }
        }
      }
      try emit(buffer)
    }
  }
}
