import CloutCore
import Foundation

/// Overlaps parsing and writing on two cores: a producer thread reads the input stream into
/// chunks of records while the ingest thread writes the previous ones. The queue holds at most
/// `capacity` chunks, so memory stays bounded (a few tens of thousands of records), and the
/// items come out in input order, errors included, so results are the same as reading inline.
///
/// When the writer stops early (a bad record, a SQLite error), the producer is told to stop
/// and is waited for: it may have read up to `capacity` chunks past the record that failed,
/// so the caller must not resume reading the stream afterwards.
final class RecordPipe: @unchecked Sendable {
  /// Items read since the previous chunk; `error` (thrown by the stream) and `end` come after
  /// the items.
  fileprivate struct Chunk {
    var items: [StreamItem?]
    var bytesRead: Int64
    var error: (any Error)?
    var end: Bool
  }

  static let chunkSize = 4096
  static let capacity = 8

  private let condition = NSCondition()
  private var chunks: [Chunk] = []
  private var cancelled = false
  private var producerDone = false

  /// Runs `body` with a stream that yields `stream`'s items, read ahead on another thread.
  /// Returns only after that thread has stopped touching `stream`.
  static func run<S: RecordStream, R>(
    _ stream: inout S, _ body: (inout PipedStream) throws -> R
  ) throws -> R {
    try withUnsafeMutablePointer(to: &stream) { pointer in
      let pipe = RecordPipe()
      let source = StreamAccess(
        next: { try pointer.pointee.next() }, bytesRead: { pointer.pointee.bytesRead })
      let thread = Thread { pipe.produce(source) }
      thread.name = "clout-ingest-reader"
      thread.start()
      defer {
        pipe.cancel()
        pipe.waitForProducer()
      }
      var piped = PipedStream(pipe: pipe)
      return try body(&piped)
    }
  }

  private func produce(_ stream: StreamAccess) {
    defer {
      condition.lock()
      producerDone = true
      condition.broadcast()
      condition.unlock()
    }
    var items: [StreamItem?] = []
    items.reserveCapacity(Self.chunkSize)
    while true {
      do {
        guard let item = try stream.next() else {
          put(Chunk(items: items, bytesRead: stream.bytesRead(), error: nil, end: true))
          return
        }
        items.append(item)
        if items.count == Self.chunkSize {
          let chunk = Chunk(
            items: items, bytesRead: stream.bytesRead(), error: nil, end: false)
          guard put(chunk) else { return }
          items = []
          items.reserveCapacity(Self.chunkSize)
        }
      } catch {
        put(Chunk(items: items, bytesRead: stream.bytesRead(), error: error, end: true))
        return
      }
    }
  }

  /// Queues a chunk, waiting while the queue is full. False when the reader was cancelled.
  @discardableResult
  private func put(_ chunk: Chunk) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while chunks.count >= Self.capacity, !cancelled { condition.wait() }
    if cancelled { return false }
    chunks.append(chunk)
    condition.broadcast()
    return true
  }

  fileprivate func take() -> Chunk {
    condition.lock()
    defer { condition.unlock() }
    while chunks.isEmpty { condition.wait() }
    let chunk = chunks.removeFirst()
    condition.broadcast()
    return chunk
  }

  private func cancel() {
    condition.lock()
    cancelled = true
    chunks.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  private func waitForProducer() {
    condition.lock()
    while !producerDone { condition.wait() }
    condition.unlock()
  }
}

/// The stream, handed to the reader thread; `RecordPipe.run` guarantees that only that thread
/// touches it until it has stopped.
private struct StreamAccess: @unchecked Sendable {
  let next: () throws -> StreamItem?
  let bytesRead: () -> Int64
}

/// The ingest thread's side of a `RecordPipe`.
struct PipedStream: RecordStream {
  private let pipe: RecordPipe
  private var items: [StreamItem?] = []
  private var index = 0
  private var error: (any Error)?
  private var ended = false
  private(set) var bytesRead: Int64 = 0

  fileprivate init(pipe: RecordPipe) { self.pipe = pipe }

  mutating func next() throws -> StreamItem? {
    while index == items.count {
      if let error {
        self.error = nil
        throw error
      }
      if ended { return nil }
      let chunk = pipe.take()
      items = chunk.items
      index = 0
      bytesRead = chunk.bytesRead
      error = chunk.error
      ended = chunk.end
    }
    index += 1
    // Moved out, not copied: no retain and release of every string in the record.
    return items[index - 1].take()
  }
}
