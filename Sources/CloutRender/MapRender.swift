extension MapDOT {
  /// Lays the map out and draws it (`svg`, `png`, `pdf`) with every label beside its own circle
  /// and over no other circle or label (`LabelPlacer`); a label with no room is dropped (the
  /// SVG tooltip still names the node).
  ///
  /// Three Graphviz passes: `layout` on the map without labels, for the node positions;
  /// `neato` on the labels alone, for their sizes as Graphviz measures the text; then `nop2`
  /// on the map with the positions fixed and the labels as nodes where the placer put them.
  /// Graphviz's own `xlabel` placement hid 30% of the demo map's labels under circles and
  /// other labels (measured from the SVG as `MapLabelOverlapTests` does).
  public func render(layout: String, format: String) throws -> [UInt8] {
    let isolated = self.isolated
    let omitted = Set(isolated)
    var laid: [String: (x: Double, y: Double, width: Double, height: Double)] = [:]
    if omitted.count < nodes.count {
      let plain = try GraphvizRenderer.render(
        dot: text(placement: nil, labels: false, omitting: omitted), layout: layout,
        format: "plain")
      laid = Self.plainNodes(plain)
    }
    var sizes = [(width: Double, height: Double)?](repeating: nil, count: nodes.count)
    if nodes.contains(where: { $0.label != nil }) {
      let measured = Self.plainNodes(
        try GraphvizRenderer.render(dot: labelSizingText, layout: "neato", format: "plain"))
      for (index, node) in nodes.enumerated() where node.label != nil {
        if let size = measured["l\(index + 1)"] { sizes[index] = (size.width, size.height) }
      }
    }
    // The connected nodes' labels first, among their circles only; the side column (size key,
    // isolated grid) then starts right of everything they drew, so no label or leader line of
    // theirs can reach its heading or its dots. Placing them with the column already there
    // sent the leaders of the RumourEval map's top accounts fanning across both.
    let connected = nodes.indices.filter { !omitted.contains($0) }
    var positions = [(x: Double, y: Double)](repeating: (0, 0), count: nodes.count)
    for index in connected {
      positions[index] = laid["n\(index + 1)"].map { ($0.x, $0.y) } ?? (0, 0)
    }
    let circles = nodes.indices.map { index in
      LabelPlacer.Circle(
        x: positions[index].x, y: positions[index].y, radius: nodes[index].diameter * 36)
    }
    var spots = [LabelPlacer.Spot?](repeating: nil, count: nodes.count)
    for (at, spot) in LabelPlacer.place(
      circles: connected.map { circles[$0] }, sizes: connected.map { sizes[$0] }
    ).enumerated() {
      spots[connected[at]] = spot
    }
    var drawn: (minX: Double, minY: Double, maxX: Double, maxY: Double)?
    func include(_ x: Double, _ y: Double, _ halfWidth: Double, _ halfHeight: Double) {
      let b = drawn ?? (x - halfWidth, y - halfHeight, x + halfWidth, y + halfHeight)
      drawn = (
        Swift.min(b.minX, x - halfWidth), Swift.min(b.minY, y - halfHeight),
        Swift.max(b.maxX, x + halfWidth), Swift.max(b.maxY, y + halfHeight)
      )
    }
    for index in connected {
      include(circles[index].x, circles[index].y, circles[index].radius, circles[index].radius)
      if let spot = spots[index], let size = sizes[index] {
        include(spot.x, spot.y, size.width / 2, size.height / 2)
      }
    }
    let connectedWidth = drawn.map { $0.maxX - $0.minX } ?? 0
    let side = MapSide(
      bounds: drawn, key: sizeKey,
      isolated: isolated.map { ($0, nodes[$0].diameter, sizes[$0]) },
      scale: Swift.min(2, Swift.max(1, connectedWidth / 900)))
    for index in isolated {
      guard let point = side.grid[index] else { continue }
      positions[index] = point
      let r = nodes[index].diameter * 36
      include(point.x, point.y, r, r)
      if let spot = side.labels[index], let size = sizes[index] {
        spots[index] = spot
        include(spot.x, spot.y, size.width / 2, size.height / 2)
      }
    }
    for mark in side.marks {
      include(
        (mark.box.minX + mark.box.maxX) / 2, (mark.box.minY + mark.box.maxY) / 2,
        (mark.box.maxX - mark.box.minX) / 2, (mark.box.maxY - mark.box.minY) / 2)
    }
    let width = drawn.map { $0.maxX - $0.minX } ?? 0
    let placement = Placement(
      nodes: positions, labels: spots, headerScale: Swift.min(3, Swift.max(1, width / 900)),
      side: side.marks)
    return try GraphvizRenderer.render(
      dot: text(placement: placement), layout: "nop2", format: format)
  }

  /// The nodes of Graphviz's `plain` output (`node NAME X Y WIDTH HEIGHT …`, inches, scaled by
  /// the `graph SCALE …` line), in points.
  static func plainNodes(_ bytes: [UInt8]) -> [String: (
    x: Double, y: Double, width: Double,
    height: Double
  )] {
    var nodes: [String: (x: Double, y: Double, width: Double, height: Double)] = [:]
    var scale = 1.0
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
      let fields = line.split(separator: " ", maxSplits: 6)
      if fields.first == "graph", fields.count > 1, let value = Double(fields[1]) {
        scale = value
      }
      guard fields.first == "node", fields.count >= 6, let x = Double(fields[2]),
        let y = Double(fields[3]), let width = Double(fields[4]), let height = Double(fields[5])
      else { continue }
      let points = 72 * scale
      nodes[String(fields[1])] = (x * points, y * points, width * points, height * points)
    }
    return nodes
  }
}
