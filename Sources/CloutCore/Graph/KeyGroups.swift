/// Items grouped by a small integer key with a counting sort: the items of key `k` are
/// `members[start[k]..<start[k + 1]]`, in increasing item order. Items whose key is negative
/// belong to no group. O(items + keys), no dictionaries: the CSR rows of reply trees,
/// communities and their aggregates are all built this way.
struct KeyGroups {
  /// `keyCount + 1` offsets into `members`.
  let start: [Int]
  /// Item indices, grouped by key.
  let members: [Int32]

  init(keys: [Int32], keyCount: Int) {
    var start = [Int](repeating: 0, count: keyCount + 1)
    for key in keys where key >= 0 { start[Int(key) + 1] += 1 }
    for k in 0..<keyCount { start[k + 1] += start[k] }
    var cursor = start
    var members = [Int32](repeating: 0, count: start[keyCount])
    for (item, key) in keys.enumerated() where key >= 0 {
      members[cursor[Int(key)]] = Int32(item)
      cursor[Int(key)] += 1
    }
    self.start = start
    self.members = members
  }

  /// The items of `key`.
  func items(of key: Int) -> ArraySlice<Int32> { members[start[key]..<start[key + 1]] }
}
