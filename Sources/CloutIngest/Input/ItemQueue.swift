import CloutCore

/// The items one input object expands into (a retweet and its original, a feed item and its
/// repost), handed out one at a time in order. Shared by the JSON readers whose objects can
/// hold several posts.
struct ItemQueue {
  private var items: [StreamItem] = []
  private var nextIndex = 0

  mutating func append(_ item: StreamItem) {
    items.append(item)
  }

  /// The next queued item; once all are taken, empties the queue (keeping its storage for the
  /// next object) and returns nil.
  mutating func next() -> StreamItem? {
    if nextIndex < items.count {
      defer { nextIndex += 1 }
      return items[nextIndex]
    }
    items.removeAll(keepingCapacity: true)
    nextIndex = 0
    return nil
  }
}
