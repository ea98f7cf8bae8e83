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
  private var lastDraw = 0.0
  private var drawn = false

  init(label: String) {
    self.label = label
  }

  func update(_ progress: IngestProgress) {
    guard progress.elapsedSeconds - lastDraw >= 0.2 else { return }
    lastDraw = progress.elapsedSeconds
    let rate = progress.elapsedSeconds > 0 ? Double(progress.records) / progress.elapsedSeconds : 0
    let text =
      "\(label): \(NumberFormatting.grouped(progress.records)) records,"
      + " \(NumberFormatting.bytes(progress.bytesRead)),"
      + " \(NumberFormatting.grouped(Int(rate))) records/s"
    Console.writeError("\r\u{1B}[K" + text)
    drawn = true
  }

  func finish() {
    if drawn { Console.writeError("\r\u{1B}[K") }
  }
}
