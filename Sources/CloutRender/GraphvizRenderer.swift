import CGraphviz
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lays out and renders DOT text in-process through libgvc.
///
/// Graphviz's C objects are owned here and released in the order the library requires:
/// render data, then layout, then graph, then context.
///
/// libcgraph keeps its parser and error state in globals, so concurrent renders corrupt each
/// other (seen as spurious "syntax error" under parallel tests): every call into Graphviz
/// holds `graphvizLock`.
public enum GraphvizRenderer {
  private static let graphvizLock = Mutex(())

  /// The layout engines offered to users; each ships with Debian's libgvc6.
  public static let layouts = ["sfdp", "fdp", "neato", "dot", "circo"]
  /// The output formats offered to users.
  public static let formats = ["svg", "png", "pdf"]

  public struct Failure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// Renders `dot` with the layout engine `layout` into `format` (`svg`, `png`, `pdf`).
  public static func render(dot: String, layout: String, format: String) throws -> [UInt8] {
    try graphvizLock.withLock { _ in try renderLocked(dot: dot, layout: layout, format: format) }
  }

  private static func renderLocked(dot: String, layout: String, format: String) throws -> [UInt8] {
    guard layouts.contains(layout) else {
      throw Failure(
        message: "unknown layout '\(layout)'; choose one of \(layouts.joined(separator: ", "))")
    }
    guard formats.contains(format) else {
      throw Failure(
        message: "unknown format '\(format)'; choose one of \(formats.joined(separator: ", "))")
    }
    // Graphviz reports through a global error hook; silence its own printing and read the
    // last error instead, so a user sees one clear message.
    _ = agseterr(AGMAX)
    guard let context = gvContext() else {
      throw Failure(message: "Graphviz could not start (gvContext failed)")
    }
    defer { gvFreeContext(context) }
    guard let graph = dot.withCString({ agmemread($0) }) else {
      throw Failure(message: "Graphviz could not read the DOT text: \(lastError())")
    }
    defer { agclose(graph) }
    guard gvLayout(context, graph, layout) == 0 else {
      throw Failure(message: "Graphviz layout '\(layout)' failed: \(lastError())")
    }
    defer { gvFreeLayout(context, graph) }
    var data: UnsafeMutablePointer<CChar>?
    var length: UInt32 = 0
    guard gvRenderData(context, graph, format, &data, &length) == 0, let data else {
      throw Failure(message: "Graphviz could not render \(format): \(lastError())")
    }
    defer { gvFreeRenderData(data) }
    return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
      Array(UnsafeBufferPointer(start: $0, count: Int(length)))
    }
  }

  /// The installed Graphviz version, e.g. `2.43.0`, recorded next to rendered maps.
  public static var version: String {
    graphvizLock.withLock { _ in versionLocked() }
  }

  private static func versionLocked() -> String {
    guard let context = gvContext() else { return "unknown" }
    defer { gvFreeContext(context) }
    guard let text = gvcVersion(context) else { return "unknown" }
    return String(cString: text)
  }

  private static func lastError() -> String {
    guard let text = aglasterr() else { return "no details" }
    defer { free(text) }
    let message = String(cString: text).split(whereSeparator: \.isNewline)
      .map { $0.trimmingPrefix(while: \.isWhitespace) }.filter { !$0.isEmpty }
      .joined(separator: "; ")
    return message.isEmpty ? "no details" : message
  }
}
