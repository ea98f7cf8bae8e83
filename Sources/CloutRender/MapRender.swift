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
    var bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)?
    for index in nodes.indices where !omitted.contains(index) {
      guard let node = laid["n\(index + 1)"] else { continue }
      let r = node.width / 2
      let b = bounds ?? (node.x - r, node.y - r, node.x + r, node.y + r)
      bounds = (
        Swift.min(b.minX, node.x - r), Swift.min(b.minY, node.y - r),
        Swift.max(b.maxX, node.x + r), Swift.max(b.maxY, node.y + r)
      )
    }
    let side = MapSide(
      bounds: bounds, key: sizeKey, isolated: isolated.map { ($0, nodes[$0].diameter) })
    var circles: [LabelPlacer.Circle] = []
    var positions: [(x: Double, y: Double)] = []
    for (index, node) in nodes.enumerated() {
      let point =
        side.grid[index] ?? laid["n\(index + 1)"].map { ($0.x, $0.y) } ?? (0, 0)
      positions.append(point)
      circles.append(LabelPlacer.Circle(x: point.0, y: point.1, radius: node.diameter * 36))
    }
    // The key's circles and texts are obstacles for labels too (placed after the nodes, so
    // they carry no label of their own).
    for mark in side.marks {
      let b = mark.box
      circles.append(
        LabelPlacer.Circle(
          x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2,
          radius: mark.diameter.map { $0 * 36 } ?? 0))
    }
    let blocked = side.marks.filter { $0.diameter == nil }.map(\.box)
    var sizes = [(width: Double, height: Double)?](repeating: nil, count: nodes.count)
    if nodes.contains(where: { $0.label != nil }) {
      let measured = Self.plainNodes(
        try GraphvizRenderer.render(dot: labelSizingText, layout: "neato", format: "plain"))
      for (index, node) in nodes.enumerated() where node.label != nil {
        if let size = measured["l\(index + 1)"] { sizes[index] = (size.width, size.height) }
      }
    }
    sizes += [(width: Double, height: Double)?](repeating: nil, count: side.marks.count)
    let spots = Array(
      LabelPlacer.place(circles: circles, sizes: sizes, blocked: blocked).prefix(nodes.count))
    var left = Double.infinity
    var right = -Double.infinity
    for (index, circle) in circles.prefix(nodes.count).enumerated() {
      left = Swift.min(left, circle.x - circle.radius)
      right = Swift.max(right, circle.x + circle.radius)
      if let spot = spots[index], let size = sizes[index] {
        left = Swift.min(left, spot.x - size.width / 2)
        right = Swift.max(right, spot.x + size.width / 2)
      }
    }
    for mark in side.marks {
      right = Swift.max(right, mark.box.maxX)
    }
    let width = right > left ? right - left : 0
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
