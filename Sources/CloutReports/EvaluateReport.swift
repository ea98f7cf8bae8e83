import CloutCore
import CloutRender

/// The text of `clout evaluate`: one table of methods × metrics, or the same as JSON.
public struct EvaluateReport {
  public var evaluation: RankingEvaluation
  public var split: Int64
  public var horizonEnd: Int64?
  public var trainingInteractions: Int
  public var futureInteractions: Int
  /// nil when no sweep was asked for.
  public var sweep: [EvaluationSweep.Setting]?

  public init(
    evaluation: RankingEvaluation, split: Int64, horizonEnd: Int64?, trainingInteractions: Int,
    futureInteractions: Int, sweep: [EvaluationSweep.Setting]?
  ) {
    self.evaluation = evaluation
    self.split = split
    self.horizonEnd = horizonEnd
    self.trainingInteractions = trainingInteractions
    self.futureInteractions = futureInteractions
    self.sweep = sweep
  }

  public var columns: [String] {
    evaluation.ks.map { "ndcg@\($0)" } + evaluation.ks.map { "precision@\($0)" } + ["spearman"]
  }

  public func values(_ method: RankingEvaluation.MethodResult) -> [Double] {
    method.ndcg + method.precision + [method.spearman]
  }

  /// Per column, the best value over the methods (every method reaching it is marked).
  public var bestValues: [Double] {
    columns.indices.map { column in
      evaluation.methods.map { values($0)[column] }.max() ?? 0
    }
  }

  public var futureWindow: String {
    TimeText.iso8601(split) + " .. " + (horizonEnd.map { TimeText.iso8601($0) } ?? "end of data")
  }

  public func table() -> String {
    let g = NumberFormatting.grouped
    var text = """
      training: before \(TimeText.iso8601(split)): \(g(trainingInteractions)) interactions, \
      \(g(evaluation.trainingAccounts)) accounts ranked
      future: \(futureWindow): \(g(futureInteractions)) interactions, \
      \(g(evaluation.futureEngaged)) accounts replied to, reposted or quoted, \
      \(g(evaluation.newcomers)) of them newcomers (absent before the split: misses for every method)


      """
    var table = TableWriter(header: ["method"] + columns)
    let best = bestValues
    for method in evaluation.methods {
      let cells = values(method).enumerated().map { column, value in
        Cell.text(DecimalText.fixed(value, places: 4) + (value == best[column] ? "*" : " "))
      }
      table.appendRow([.text(method.name)] + cells)
    }
    text += table.text
    text += "* best value in the column; gain = log2(1 + distinct engagers after the split)\n"
    if evaluation.newcomers > 0 {
      // Without this line a reader takes the usual negative values for anti-correlation.
      text +=
        "spearman is over every account ranked or engaged; newcomers (\(g(evaluation.newcomers)) "
        + "here) share its lowest rank and pull every method's value down alike\n"
    }
    if let sweep, let top = EvaluationSweep.best(sweep) {
      text += """

        sweep: \(sweep.count) settings, tuned on the evaluation window (optimistic)\(depthNote(sweep))
        best by ndcg@50: --weights \(weightsText(top.weights)) --half-life \(top.halfLife) \
        --depth-weight \(DecimalText.fixed(top.depthWeight, places: 2)): \
        ndcg@50 \(DecimalText.fixed(top.ndcg, places: 4))

        """
      var grid = TableWriter(header: ["weights", "half-life", "depth-weight", "ndcg@50"])
      for setting in sweep {
        grid.appendRow([
          .text(setting.weights), .text(setting.halfLife),
          .decimal(setting.depthWeight, places: 2), .decimal(setting.ndcg, places: 4),
        ])
      }
      text += grid.text
    }
    return text
  }

  /// Why the sweep tried one depth weight, when it did (see `EvaluationSweep.depthWeights`).
  private func depthNote(_ sweep: [EvaluationSweep.Setting]) -> String {
    guard Set(sweep.map(\.depthWeight)).count == 1, EvaluationSweep.depthWeights.count > 1 else {
      return ""
    }
    return "\nonly depth weight 0: no reply trees before the split, so every depth weight "
      + "ranks alike"
  }

  public func json() throws -> String {
    let best = bestValues
    let methods = evaluation.methods.map { method in
      let row = values(method)
      return MethodJSON(
        method: method.name, columns: columns, values: row.map { .decimal($0, places: 6) },
        best: columns.indices.filter { row[$0] == best[$0] }.map { columns[$0] })
    }
    let sweepJSON = sweep.map { settings in
      SweepJSON(
        tunedOn: "the evaluation window (optimistic)",
        best: EvaluationSweep.best(settings).map(SettingJSON.init),
        settings: settings.map(SettingJSON.init))
    }
    return try JSONDocumentEncoder.encode(
      DocumentJSON(
        splitAt: TimeText.iso8601(split), futureUntil: horizonEnd.map { TimeText.iso8601($0) },
        trainingInteractions: trainingInteractions, trainingAccounts: evaluation.trainingAccounts,
        futureInteractions: futureInteractions, futureEngagedAccounts: evaluation.futureEngaged,
        newcomers: evaluation.newcomers, gain: "log2(1 + distinct engagers after the split)",
        methods: methods, sweep: sweepJSON))
  }

  struct DocumentJSON: Encodable {
    var splitAt: String
    var futureUntil: String?
    var trainingInteractions: Int
    var trainingAccounts: Int
    var futureInteractions: Int
    var futureEngagedAccounts: Int
    var newcomers: Int
    var gain: String
    var methods: [MethodJSON]
    /// Left out, not null, without --sweep.
    var sweep: SweepJSON?

    enum CodingKeys: String, CodingKey {
      case splitAt = "split_at"
      case futureUntil = "future_until"
      case trainingInteractions = "training_interactions"
      case trainingAccounts = "training_accounts"
      case futureInteractions = "future_interactions"
      case futureEngagedAccounts = "future_engaged_accounts"
      case newcomers, gain, methods, sweep
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(splitAt, forKey: .splitAt)
      // An open future window is null, not a missing key.
      try container.encode(futureUntil, forKey: .futureUntil)
      try container.encode(trainingInteractions, forKey: .trainingInteractions)
      try container.encode(trainingAccounts, forKey: .trainingAccounts)
      try container.encode(futureInteractions, forKey: .futureInteractions)
      try container.encode(futureEngagedAccounts, forKey: .futureEngagedAccounts)
      try container.encode(newcomers, forKey: .newcomers)
      try container.encode(gain, forKey: .gain)
      try container.encode(methods, forKey: .methods)
      try container.encodeIfPresent(sweep, forKey: .sweep)
    }
  }

  /// One method: its name, one key per metric column, and the columns where it is best.
  struct MethodJSON: Encodable {
    var method: String
    var columns: [String]
    var values: [Cell]
    var best: [String]

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: JSONKey.self)
      try container.encode(method, forKey: JSONKey("method"))
      for (column, value) in zip(columns, values) {
        try container.encode(value, forKey: JSONKey(column))
      }
      try container.encode(best, forKey: JSONKey("best"))
    }
  }

  struct SweepJSON: Encodable {
    var tunedOn: String
    var best: SettingJSON?
    var settings: [SettingJSON]

    enum CodingKeys: String, CodingKey {
      case tunedOn = "tuned_on"
      case best, settings
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(tunedOn, forKey: .tunedOn)
      try container.encode(best, forKey: .best)
      try container.encode(settings, forKey: .settings)
    }
  }

  struct SettingJSON: Encodable {
    var weights: String
    var halfLife: String
    var depthWeight: Cell
    var ndcg: Cell

    init(_ setting: EvaluationSweep.Setting) {
      weights = setting.weights
      halfLife = setting.halfLife
      depthWeight = .decimal(setting.depthWeight, places: 6)
      ndcg = .decimal(setting.ndcg, places: 6)
    }

    enum CodingKeys: String, CodingKey {
      case weights
      case halfLife = "half_life"
      case depthWeight = "depth_weight"
      case ndcg = "ndcg@50"
    }
  }

  public func weightsText(_ preset: String) -> String {
    let weights =
      EvaluationSweep.weightPresets.first { $0.name == preset }?.weights
      ?? InteractionWeighting.defaultTypeWeights
    return InteractionType.allCases.sorted { $0.precedence < $1.precedence }.map {
      "\($0.rawValue)=\(DecimalText.fixed(weights[$0] ?? 0, places: 2))"
    }.joined(separator: ",")
  }
}
