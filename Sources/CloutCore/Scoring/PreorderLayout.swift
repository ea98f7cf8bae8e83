/// A forest's posts in preorder, and what the subtree passes read kept by preorder position,
/// so that `ReplyForest`'s passes read these arrays front to back instead of gathering by
/// post index.
///
/// Preorder: roots ascending, each followed by its subtree, replies in ascending order (the
/// children rows are ascending). The depth-first walk records each post's parent *position*
/// as it goes, and heights and subtree sizes are then summed bottom-up by pushing each
/// position's values to its parent's position, in reverse preorder: no children rows are read
/// twice and nothing is gathered by post index until the results are scattered back.
///
/// Why: `ReplyForest.init` used to walk the children rows again in reverse preorder (a gather
/// of offsets, children, heights and sizes by post index per reply), and the repliers' sweeps
/// gathered authors and subtree sizes by post index. Callgrind, `clout rank --top 100` on the
/// 1M-post `gen.py` store: the forest thread 872M instructions before (`ReplyForest.init`
/// 164M, `breakCycles` with its walk array 209M), figures after in `ReplyForest.swift`.
struct PreorderLayout {
  /// Position → post.
  let preorder: [Int32]
  /// Position → the post's author.
  let authorAt: [Int32]
  /// Position → the size of the post's subtree (itself included): its subtree is the
  /// positions `[position, position + sizeAt[position])`.
  let sizeAt: [Int32]
  /// Post → height (see `ReplyForest`).
  let heights: [Int32]
  /// Post → subtree size.
  let sizes: [Int32]

  /// `parents` must form a forest (no cycles); `childOffsets` and `children` are its children
  /// rows, each ascending.
  init(authors: [Int32], parents: [Int32], childOffsets: [Int32], children: [Int32]) {
    let n = authors.count
    var preorder = LargeArray.filled(Int32(0), count: n)
    var parentAt = LargeArray.filled(Int32(-1), count: n)
    var visited = 0
    // Every post is pushed once, so n slots always suffice; only the touched pages cost.
    let stackPosts = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
    let stackParents = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
    defer {
      stackPosts.deallocate()
      stackParents.deallocate()
    }
    preorder.withUnsafeMutableBufferPointer { order in
      parentAt.withUnsafeMutableBufferPointer { parentAt in
        parents.withUnsafeBufferPointer { parents in
          childOffsets.withUnsafeBufferPointer { offsets in
            children.withUnsafeBufferPointer { children in
              for root in 0..<n where parents[root] < 0 {
                // A root without replies (4.6M of the 10M-post store's 10M posts) is its own
                // subtree: placed without the stack. `perf record -F 1999` of `clout rank
                // --top 100` on it, mean of 3 runs, load ~3.6: 397 samples here before, 297 after.
                if offsets[root] == offsets[root + 1] {
                  precondition(visited < n, "a post is reachable twice")
                  order[visited] = Int32(truncatingIfNeeded: root)
                  parentAt[visited] = -1
                  visited += 1
                  continue
                }
                stackPosts[0] = Int32(truncatingIfNeeded: root)
                stackParents[0] = -1
                var depth = 1
                while depth > 0 {
                  depth -= 1
                  let post = Int(stackPosts[depth])
                  precondition(visited < n, "a post is reachable twice")
                  order[visited] = Int32(truncatingIfNeeded: post)
                  parentAt[visited] = stackParents[depth]
                  let position = Int32(truncatingIfNeeded: visited)
                  visited += 1
                  // Pushed in reverse so that the smallest reply comes out first.
                  let first = Int(offsets[post])
                  var i = Int(offsets[post + 1])
                  while i > first {
                    i -= 1
                    stackPosts[depth] = children[i]
                    stackParents[depth] = position
                    depth += 1
                  }
                }
              }
            }
          }
        }
      }
    }
    precondition(visited == n, "every post is reachable from a root once cycles are broken")

    var authorAt = LargeArray.filled(Int32(0), count: n)
    var heightAt = LargeArray.filled(Int32(0), count: n)
    var sizeAt = LargeArray.filled(Int32(1), count: n)
    authorAt.withUnsafeMutableBufferPointer { authorAt in
      heightAt.withUnsafeMutableBufferPointer { heightAt in
        sizeAt.withUnsafeMutableBufferPointer { sizeAt in
          preorder.withUnsafeBufferPointer { order in
            authors.withUnsafeBufferPointer { authors in
              for position in 0..<n { authorAt[position] = authors[Int(order[position])] }
            }
            parentAt.withUnsafeBufferPointer { parentAt in
              // Reverse preorder: every reply is final before it is pushed to its parent.
              var position = n
              while position > 0 {
                position -= 1
                let parent = Int(parentAt[position])
                if parent < 0 { continue }
                sizeAt[parent] &+= sizeAt[position]
                let parentAuthor = authorAt[parent]
                // An author continuing their own thread adds no depth; unknown differs from all.
                let step: Int32 = authorAt[position] == parentAuthor && parentAuthor >= 0 ? 0 : 1
                heightAt[parent] = max(heightAt[parent], heightAt[position] &+ step)
              }
            }
          }
        }
      }
    }
    // Scattered back by post into the buffers of `parentAt` and then `heightAt`, each dead
    // once read, rather than into two new n-element arrays: every post is written, since
    // `preorder` is a permutation. On the 10M-post store that is 80 MB, 20k minor page faults
    // fewer in `clout rank --top 100` (with GraphBuilder's actor buckets, 10k more, in the same
    // change: 307,709 → 298,086).
    var heights = parentAt
    parentAt = []
    Self.scatter(heightAt, by: preorder, into: &heights)
    var sizes = heightAt
    heightAt = []
    Self.scatter(sizeAt, by: preorder, into: &sizes)
    self.preorder = preorder
    self.authorAt = authorAt
    self.sizeAt = sizeAt
    self.heights = heights
    self.sizes = sizes
  }

  /// `result[order[position]] = values[position]` for every position.
  private static func scatter(_ values: [Int32], by order: [Int32], into result: inout [Int32]) {
    values.withUnsafeBufferPointer { values in
      order.withUnsafeBufferPointer { order in
        result.withUnsafeMutableBufferPointer { result in
          for position in 0..<order.count { result[Int(order[position])] = values[position] }
        }
      }
    }
  }
}
