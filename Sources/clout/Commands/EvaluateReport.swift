import CloutCore
import CloutRender

/// The text of `clout evaluate`: one table of methods × metrics, or the same as JSON.
struct EvaluateReport {
  var evaluation: RankingEvaluation
  var split: Int64
  var horizonEnd: Int64?
  var trainingInteractions: Int
  var futureInteractions: Int
  /// nil when no sweep was asked for.
  var sweep: [EvaluationSweep.Setting]?

  var columns: [String] {
    evaluation.ks.map { "ndcg@\($0)" } + evaluation.ks.map { "precision@\($0)" } + ["spearman"]
  }

  func values(_ method: RankingEvaluation.MethodResult) -> [Double] {
    method.ndcg + method.precision + [method.spearman]
  }

  /// Per column, the best value over the methods (every method reaching it is marked).
  var bestValues: [Double] {
    columns.indices.map { column in
      evaluation.methods.map { values($0)[column] }.max() ?? 0
    }
  }

  var futureWindow: String {
    TimeText.iso8601(split) + " .. " + (horizonEnd.map { TimeText.iso8601($0) } ?? "end of data")
  }

  func table() -> String {
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
    if let sweep, let top = EvaluationSweep.best(sweep) {
      text += """

        sweep: \(sweep.count) settings, tuned on the evaluation window (optimistic)
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

  func json() -> String {
    func number(_ value: Double) -> String { JSONWriter.value(.decimal(value, places: 6)) }
    var lines: [String] = ["{"]
    lines.append("  \"split_at\": \(JSONWriter.string(TimeText.iso8601(split))),")
    lines.append(
      "  \"future_until\": \(horizonEnd.map { JSONWriter.string(TimeText.iso8601($0)) } ?? "null"),"
    )
    lines.append("  \"training_interactions\": \(trainingInteractions),")
    lines.append("  \"training_accounts\": \(evaluation.trainingAccounts),")
    lines.append("  \"future_interactions\": \(futureInteractions),")
    lines.append("  \"future_engaged_accounts\": \(evaluation.futureEngaged),")
    lines.append("  \"newcomers\": \(evaluation.newcomers),")
    lines.append("  \"gain\": \"log2(1 + distinct engagers after the split)\",")
    let best = bestValues
    var methods: [String] = []
    for method in evaluation.methods {
      var members = ["\"method\": \(JSONWriter.string(method.name))"]
      let row = values(method)
      for (column, name) in columns.enumerated() {
        members.append("\(JSONWriter.string(name)): \(number(row[column]))")
      }
      let bestIn = columns.indices.filter { row[$0] == best[$0] }.map {
        JSONWriter.string(columns[$0])
      }
      members.append("\"best\": [\(bestIn.joined(separator: ", "))]")
      methods.append("    {" + members.joined(separator: ", ") + "}")
    }
    lines.append(
      "  \"methods\": [\n" + methods.joined(separator: ",\n") + "\n  ]" + (sweep == nil ? "" : ","))
    if let sweep {
      let top = EvaluationSweep.best(sweep)
      func object(_ setting: EvaluationSweep.Setting) -> String {
        "{\"weights\": \(JSONWriter.string(setting.weights)), \"half_life\": "
          + "\(JSONWriter.string(setting.halfLife)), \"depth_weight\": \(number(setting.depthWeight)), "
          + "\"ndcg@50\": \(number(setting.ndcg))}"
      }
      lines.append("  \"sweep\": {")
      lines.append("    \"tuned_on\": \"the evaluation window (optimistic)\",")
      lines.append("    \"best\": \(top.map(object) ?? "null"),")
      lines.append(
        "    \"settings\": [\n" + sweep.map { "      " + object($0) }.joined(separator: ",\n")
          + "\n    ]")
      lines.append("  }")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  func weightsText(_ preset: String) -> String {
    let weights =
      EvaluationSweep.weightPresets.first { $0.name == preset }?.weights
      ?? InteractionWeighting.defaultTypeWeights
    return InteractionType.allCases.sorted { $0.precedence < $1.precedence }.map {
      "\($0.rawValue)=\(DecimalText.fixed(weights[$0] ?? 0, places: 2))"
    }.joined(separator: ",")
  }
}
