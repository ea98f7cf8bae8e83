extension InteractionGraph {
  /// Whether every edge `u → v` has a twin `v → u` of the same weight, as in the graph that
  /// `undirected()` returns. The community algorithms need this: they read only the out-lists.
  ///
  /// `undirected()` stores one set of arrays for both directions, and `Array`'s `==` sees that
  /// at once; any other graph is compared entry by entry.
  var isSymmetric: Bool {
    outOffsets == inOffsets && outTargets == inSources && outWeights == inWeights
  }
}
