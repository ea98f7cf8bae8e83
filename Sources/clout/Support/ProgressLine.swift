import CloutReports
import CloutStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A single self-overwriting progress line on a terminal's standard error, redrawn at most
/// five times a second so that drawing never costs ingest time.
final class ProgressLine: @unchecked Sendable {
  private let label: String
  /// The input's size when known (a regular file; not a pipe), for a percentage and an ETA.
  private let totalBytes: Int64?
  private var lastDraw = 0.0
  private var drawn = false

  init(label: String, totalBytes: Int64? = nil) {
    self.label = label
    self.totalBytes = totalBytes.flatMap { $0 > 0 ? $0 : nil }
  }

  /// The size of the regular file at `path`, nil for standard input, pipes and devices.
  static func fileSize(_ path: String) -> Int64? {
    guard path != "-" else { return nil }
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int64(info.st_size)
  }

  /// The line drawn for `progress`: with a known size, "42%" and the time left at the rate
  /// so far.
  static func text(_ progress: IngestProgress, label: String, totalBytes: Int64?) -> String {
    let rate = progress.elapsedSeconds > 0 ? Double(progress.records) / progress.elapsedSeconds : 0
    var text =
      "\(label): \(NumberFormatting.grouped(progress.records)) records,"
      + " \(NumberFormatting.bytes(progress.bytesRead)),"
      + " \(NumberFormatting.grouped(Int(rate))) records/s"
    if let totalBytes, progress.bytesRead > 0 {
      let done = min(1, Double(progress.bytesRead) / Double(totalBytes))
      let left = progress.elapsedSeconds * (1 - done) / done
      text += ", \(Int(done * 100))%, about \(duration(left)) left"
    }
    return text
  }

  private static func duration(_ seconds: Double) -> String {
    let whole = Int(seconds.rounded(.up))
    if whole < 60 { return "\(whole) s" }
    if whole < 3_600 { return "\(whole / 60) min \(whole % 60) s" }
    return "\(whole / 3_600) h \(whole % 3_600 / 60) min"
  }

  func update(_ progress: IngestProgress) {
    guard progress.elapsedSeconds - lastDraw >= 0.2 else { return }
    lastDraw = progress.elapsedSeconds
    let text = Self.text(progress, label: label, totalBytes: totalBytes)
    Console.writeError("\r\u{1B}[K" + text)
    drawn = true
  }

  /// Draws `label: text` now: for work that reports a few named steps, not a stream.
  func show(_ text: String) {
    Console.writeError("\r\u{1B}[K\(label): \(text)")
    drawn = true
  }

  func finish() {
    if drawn { Console.writeError("\r\u{1B}[K") }
  }
}
