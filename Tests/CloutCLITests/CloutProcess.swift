import Foundation

/// Runs the built `clout` binary the way a user does and captures what it prints.
struct CloutProcess {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The package root, found from this file's path (Tests/CloutCLITests/…).
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let fixtures = packageRoot.appendingPathComponent("Fixtures")

  /// The `clout` executable next to the test bundle (`.build/<config>/clout`).
  static var executable: URL {
    let candidates = [
      Bundle.main.bundleURL.appendingPathComponent("clout"),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("clout"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[0]
  }

  /// Starts the binary without waiting (its output is discarded), for crash tests.
  static func start(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  @discardableResult
  static func run(
    _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil,
    environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe()
    let errors = Pipe()
    let input = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read both pipes before waiting so a chatty child cannot block on a full pipe.
    let errorData = ReadInBackground(errors.fileHandleForReading)
    let outputData = readToEnd(output.fileHandleForReading)
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: outputData, as: UTF8.self),
      stderr: String(decoding: errorData.wait(), as: UTF8.self))
  }
}

/// Reads a pipe to its end, retrying reads a signal interrupted. `readDataToEndOfFile()`
/// traps on EINTR ('try!' in Foundation), which SIGCHLD from the children of tests running in
/// parallel caused while a long `clout` run was being read.
private func readToEnd(_ handle: FileHandle) -> Data {
  var data = Data()
  var buffer = [UInt8](repeating: 0, count: 65_536)
  let descriptor = handle.fileDescriptor
  while true {
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    if count < 0 && errno == EINTR { continue }
    if count <= 0 { break }
    data.append(contentsOf: buffer[0..<count])
  }
  return data
}

/// Drains a pipe on another thread.
private final class ReadInBackground: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = readToEnd(handle)
      done.signal()
    }
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}

/// A fresh temporary directory per test, removed when the value goes away.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("clout-cli-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String {
    url.appendingPathComponent(name).path
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }
}
