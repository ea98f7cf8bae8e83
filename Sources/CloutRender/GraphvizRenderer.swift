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
/// render data, then layout, then graph.
///
/// libcgraph keeps its parser and error state in globals, so concurrent renders corrupt each
/// other (seen as spurious "syntax error" under parallel tests): every call into Graphviz
/// holds `graphvizLock`.
///
/// Graphviz 2.43 needs one context kept for the whole process. Its pango plugin caches a
/// font-name pointer in a static variable; freeing a context frees the string it points to, and
/// the next render in the same process reads freed memory (AddressSanitizer: heap-use-after-free
/// in `textspan_size`, which corrupted the heap and crashed unrelated tests later). On 2.43 the
/// first context is kept alive, costing one context's memory; on other versions, where that
/// crash has not been seen, each render frees its context as libgvc documents.
public enum GraphvizRenderer {
  /// The context kept alive on Graphviz 2.43, created on first use under the lock.
  private struct Context: @unchecked Sendable {
    var handle: OpaquePointer?
  }

  private static let graphvizLock = Mutex(Context())

  /// Runs `body` with a context, holding the lock.
  private static func withContext<Result>(
    _ body: (OpaquePointer) throws -> Result
  ) throws -> Result {
    try graphvizLock.withLock { state in
      if let kept = state.handle { return try body(kept) }
      guard let context = gvContext() else {
        throw Failure(message: "Graphviz could not start (gvContext failed)")
      }
      if freeingContextIsUnsafe(context) {
        state.handle = context
        return try body(context)
      }
      defer { _ = gvFreeContext(context) }
      return try body(context)
    }
  }

  /// True on the library version whose pango plugin keeps a pointer into a freed context.
  private static func freeingContextIsUnsafe(_ context: OpaquePointer) -> Bool {
    gvcVersion(context).map { String(cString: $0).hasPrefix("2.43.") } ?? true
  }

  /// The layout engines offered to users; each ships with Debian's libgvc6.
  public static let layouts = ["sfdp", "fdp", "neato", "dot", "circo"]
  /// Layouts the map's own label placement uses: `nop2` keeps the positions (points) it is
  /// given and only draws the edges.
  static let internalLayouts = ["nop2"]
  /// The output formats offered to users (the label placement also reads `plain`, the node
  /// positions and sizes as text).
  public static let formats = ["svg", "png", "pdf"]

  public struct Failure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// Renders `dot` with the layout engine `layout` into `format` (`svg`, `png`, `pdf`).
  public static func render(dot: String, layout: String, format: String) throws -> [UInt8] {
    try withContext { context in
      try renderLocked(dot: dot, layout: layout, format: format, context: context)
    }
  }

  private static func renderLocked(
    dot: String, layout: String, format: String, context: OpaquePointer
  ) throws -> [UInt8] {
    guard layouts.contains(layout) || internalLayouts.contains(layout) else {
      throw Failure(
        message: "unknown layout '\(layout)'; choose one of \(layouts.joined(separator: ", "))")
    }
    guard formats.contains(format) || format == "plain" else {
      throw Failure(
        message: "unknown format '\(format)'; choose one of \(formats.joined(separator: ", "))")
    }
    // Graphviz reports through a global error hook; silence its own printing and read the
    // last error instead, so a user sees one clear message.
    _ = agseterr(AGMAX)
    guard let graph = dot.withCString({ agmemread($0) }) else {
      throw Failure(message: "Graphviz could not read the DOT text: \(lastError())")
    }
    defer { agclose(graph) }
    guard gvLayout(context, graph, layout) == 0 else {
      throw Failure(message: "Graphviz layout '\(layout)' failed: \(lastError())")
    }
    defer { gvFreeLayout(context, graph) }
    let rendered = renderData { gvRenderData(context, graph, format, $0, $1) }
    guard rendered.status == 0, let data = rendered.data else {
      throw Failure(message: "Graphviz could not render \(format): \(lastError())")
    }
    defer { gvFreeRenderData(data) }
    return data.withMemoryRebound(to: UInt8.self, capacity: rendered.length) {
      Array(UnsafeBufferPointer(start: $0, count: rendered.length))
    }
  }

  /// Calls `gvRenderData` with a length of the type the installed header declares: `unsigned
  /// int *` up to Graphviz 12, `size_t *` from 13 on. The compiler infers `Length` from the
  /// imported signature, so the code builds against either.
  private static func renderData<Length: BinaryInteger>(
    _ call: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, UnsafeMutablePointer<Length>)
      -> Int32
  ) -> (status: Int32, data: UnsafeMutablePointer<CChar>?, length: Int) {
    var data: UnsafeMutablePointer<CChar>?
    var length: Length = 0
    let status = call(&data, &length)
    return (status, data, Int(length))
  }

  /// The installed Graphviz version, e.g. `2.43.0`, recorded next to rendered maps.
  public static var version: String {
    (try? withContext { context in
      gvcVersion(context).map { String(cString: $0) } ?? "unknown"
    }) ?? "unknown"
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
