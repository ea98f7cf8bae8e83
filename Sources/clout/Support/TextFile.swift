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
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw Failure(description: "\(path): the directory \(directory.path) does not exist")
    }
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try Data(bytes).write(to: temporary)
      // rename(2) replaces an existing file atomically; FileManager.replaceItemAt fails on
      // Linux for a relative path whose file exists ("The file doesn't exist").
      guard rename(temporary.path, url.path) == 0 else {
        throw Failure(
          description: "\(path): cannot be written (\(String(cString: strerror(errno))))")
      }
    } catch let failure as Failure {
      try? FileManager.default.removeItem(at: temporary)
      throw failure
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw Failure(description: "\(path): cannot be written (\(error.localizedDescription))")
    }
  }
}
