import CloutCore
import CloutRender

/// The words for coordinated engagement: the `flags` cell of `rank`, `shortlist` and `export`,
/// and the evidence `explain` prints.
public enum CoordinationText {
  /// Empty for an account nothing flags; else a short reason: the group that engages it, or
  /// the group it belongs to.
  public static func flag(_ result: InfluenceRanking, node: Int) -> String {
    let report = result.coordination
    if report.targetGroup[node] >= 0 {
      let group = report.groups[Int(report.targetGroup[node])]
      return "coordinated: \(group.members.count) engagers, "
        + "\(DecimalText.fixed(100 * group.share, places: 0))% in one group created within "
        + duration(group.creation.core90)
    }
    if report.memberGroup[node] >= 0 {
      let group = report.groups[Int(report.memberGroup[node])]
      return "coordinated: member of a \(group.members.count)-account group engaging "
        + result.data.accounts[group.target].name
    }
    return ""
  }

  /// The flags of a row's accounts (a person's several), non-empty ones joined by `; `.
  public static func flag(_ result: InfluenceRanking, nodes: [Int]) -> String {
    nodes.map { flag(result, node: $0) }.filter { !$0.isEmpty }.joined(separator: "; ")
  }

  /// Every flagged graph node: engaged by a group or in one.
  public static func flaggedNodes(_ result: InfluenceRanking) -> Set<Int> {
    Set((0..<result.graph.nodeCount).filter { result.coordination.isFlagged($0) })
  }

  /// `45m`, `6h`, `3d`: the whole units of the largest fitting scale, rounded up, so "within
  /// 6h" is never an understatement.
  public static func duration(_ seconds: Int64) -> String {
    let seconds = max(0, seconds)
    if seconds < 3_600 { return "\(max(1, (seconds + 59) / 60))m" }
    if seconds < 172_800 { return "\((seconds + 3_599) / 3_600)h" }
    return "\((seconds + 86_399) / 86_400)d"
  }

  /// The flagged engagers among `node`'s engagers.
  public static func flaggedEngagers(_ result: InfluenceRanking, of node: Int) -> Int {
    let graph = result.graph
    var count = 0
    for edge in graph.inOffsets[node]..<graph.inOffsets[node + 1]
    where result.coordination.isFlaggedEngager(Int(graph.inSources[edge])) {
      count += 1
    }
    return count
  }

  /// The discount line of `explain`'s breakdown: `discounted: 1,000 engagers in a coordinated
  /// group, −0.410000`.
  public static func discountLine(engagers: Int, amount: Double) -> String {
    let sign = amount < 0 ? "−" : "+"
    return "discounted: \(NumberFormatting.count(engagers, "engager")) in a coordinated group, "
      + sign + DecimalText.fixed(abs(amount), places: 6)
  }

  /// The evidence for `node`: the group engaging it and the group it is in, each with its
  /// size, timing, density and a few accounts and edges. Empty when neither exists.
  public static func evidence(_ result: InfluenceRanking, node: Int, limit: Int = 5) -> [String] {
    let report = result.coordination
    var lines: [String] = []
    var shown = Set<Int32>()
    let asTarget = report.targetGroup[node]
    if asTarget >= 0 {
      lines.append("Coordinated engagement: a group engages this account")
      lines += describe(result, report.groups[Int(asTarget)], limit: limit)
      shown.insert(asTarget)
    }
    let asMember = report.memberGroup[node]
    if asMember >= 0, !shown.contains(asMember) {
      let group = report.groups[Int(asMember)]
      lines.append(
        "Coordinated engagement: this account is in a group engaging "
          + result.data.accounts[group.target].name)
      lines += describe(result, group, limit: limit)
    }
    return lines
  }

  private static func describe(_ result: InfluenceRanking, _ group: CoordinatedGroup, limit: Int)
    -> [String]
  {
    let accounts = result.data.accounts
    let f = DecimalText.fixed
    let size = group.members.count
    var lines = [
      "  group: \(NumberFormatting.count(size, "account")), "
        + "\(f(100 * group.share, 0))% of the \(NumberFormatting.grouped(group.targetEngagers)) "
        + "accounts engaging \(accounts[group.target].name)",
      "  created: 90% first seen within \(duration(group.creation.core90)), all between "
        + "\(TimeText.iso8601(group.creation.first)) and \(TimeText.iso8601(group.creation.last))",
      "  timing: \(NumberFormatting.count(group.engagement.count, "interaction")) with "
        + "\(accounts[group.target].name), 90% within \(duration(group.engagement.core90))",
      "  density: \(NumberFormatting.count(group.internalEdges, "edge")) between members "
        + "(\(f(group.density, 4)) of all pairs, \(f(Double(group.internalEdges) / Double(size), 1)) "
        + "per member); \(f(100 * group.focus, 0))% of what members engage is the group or "
        + accounts[group.target].name,
    ]
    let sample = group.members.prefix(limit).map { accounts[Int($0)].name }
    lines.append(
      "  accounts: " + sample.joined(separator: ", ")
        + (size > limit ? ", … and \(NumberFormatting.grouped(size - limit)) more" : ""))
    if !group.sampleEdges.isEmpty {
      lines.append(
        "  edges: "
          + group.sampleEdges.prefix(limit).map {
            "\(accounts[$0.source].name) → \(accounts[$0.target].name)"
          }.joined(separator: ", "))
    }
    return lines
  }
}
