import CloutCore
import CloutRender

/// What `clout campaign` shows: one row per metric, the plain-words reading of each, the
/// balance the matching reached and the warnings, from a `CampaignAnalysis`. A report that
/// renders a campaign section reads the same values.
public struct CampaignReport: Sendable {
  /// The columns of the table, the CSV and the JSON keys, in this order.
  public static let columns = [
    "metric", "contacted_before", "contacted_after", "comparison_before", "comparison_after",
    "effect", "ci_low", "ci_high", "contacted", "comparison",
  ]
  /// Fewer accounts than this in either group get a warning: a bootstrap over a handful of
  /// accounts gives an interval that moves with every account added.
  public static let smallGroup = 10

  public let analysis: CampaignAnalysis
  /// The outreach time and the window length, for the header line (unix seconds).
  public let on: Int64
  public let window: Int64
  /// The list entries found in neither period, as `file:line: entry`: skipped.
  public let skipped: [String]

  public init(analysis: CampaignAnalysis, on: Int64, window: Int64, skipped: [String] = []) {
    self.analysis = analysis
    self.on = on
    self.window = window
    self.skipped = skipped
  }

  public func cells(_ row: CampaignAnalysis.Row) -> [Cell] {
    let places = row.metric == .score ? 6 : 3
    let estimate = row.estimate
    return [.text(row.metric.rawValue)]
      + [
        estimate.contactedBefore, estimate.contactedAfter, estimate.comparisonBefore,
        estimate.comparisonAfter, estimate.effect, estimate.low, estimate.high,
      ].map { .decimal($0, places: places) }
      + [.integer(analysis.contactedCount), .integer(analysis.comparisonCount)]
  }

  public var table: String {
    var table = TableWriter(header: Self.columns)
    for row in analysis.rows { table.appendRow(cells(row)) }
    return table.text
  }

  public var csv: String {
    var csv = CSVWriter(header: Self.columns)
    for row in analysis.rows { csv.appendRow(cells(row)) }
    return csv.text
  }

  public var json: String {
    var json = JSONWriter(keys: Self.columns)
    for row in analysis.rows { json.appendRow(cells(row)) }
    return json.text
  }

  /// The line above the table: the two periods and how the groups were made.
  public var header: String {
    let before = "[\(TimeText.iso8601(on - window)), \(TimeText.iso8601(on)))"
    let after = "[\(TimeText.iso8601(on)), \(TimeText.iso8601(on + window)))"
    return "before \(before), after \(after): "
      + NumberFormatting.count(analysis.contactedCount, "contacted account") + ", "
      + NumberFormatting.count(analysis.comparisonCount, "comparison account")
      + " (the \(analysis.requestedComparisons) nearest per contacted account, each used once, by"
      + " pre-period"
      + " ln(1 + in-degree), ln(1 + engagers), ln(1 + interactions given), same platform;"
      + " seed \(analysis.seed)); 95% intervals from "
      + NumberFormatting.grouped(analysis.resamples) + " bootstrap resamples of contacted"
      + " accounts with their comparisons"
  }

  /// One sentence per metric, in row order.
  public var sentences: [String] {
    analysis.rows.map(Self.sentence)
  }

  public static func sentence(_ row: CampaignAnalysis.Row) -> String {
    let estimate = row.estimate
    let places: Int
    if row.metric == .score {
      places = 3
    } else {
      let largest = max(estimate.effect.magnitude, estimate.low.magnitude, estimate.high.magnitude)
      places = largest >= 1 ? 1 : 2
    }
    let amount = DecimalText.fixed(estimate.effect.magnitude, places: places)
    let more = estimate.effect >= 0 ? "more" : "fewer"
    let interval =
      "(95% interval \(DecimalText.fixed(estimate.low, places: places)) to "
      + "\(DecimalText.fixed(estimate.high, places: places)))"
    var text: String
    switch row.metric {
    case .brandInteractions:
      text =
        "contacted accounts engaged the brand \(amount) \(more) times each than comparable"
        + " accounts \(interval)"
    case .brandEngagers:
      text =
        "contacted accounts passed \(amount) \(more) of their engagers each on to the brand"
        + " than comparable accounts \(interval)"
    case .engagers:
      text =
        "contacted accounts were engaged by \(amount) \(more) distinct accounts each than"
        + " comparable accounts \(interval)"
    case .score:
      text =
        "contacted accounts' Clout score moved \(amount) "
        + (estimate.effect >= 0 ? "higher" : "lower") + " than comparable accounts' \(interval)"
    }
    if estimate.low <= 0 && estimate.high >= 0 {
      text += "; the interval includes 0, so this difference could be chance"
    }
    return text
  }

  /// The balance table's columns and rows: the pre-period means of both groups, per
  /// matching feature.
  public static let balanceColumns = [
    "balance (pre-period)", "contacted_mean", "comparison_mean", "std_difference",
  ]

  public var balanceRows: [[Cell]] {
    analysis.balance.map { balance in
      [
        .text(balance.feature.rawValue), .decimal(balance.contactedMean, places: 3),
        .decimal(balance.comparisonMean, places: 3),
        .decimal(balance.standardizedDifference, places: 3),
      ]
    }
  }

  public var balanceTable: String {
    var table = TableWriter(header: Self.balanceColumns)
    for row in balanceRows { table.appendRow(row) }
    return table.text
  }

  /// Skipped accounts, small groups and poor balance, each a line starting `warning:`.
  public var warnings: [String] {
    var warnings: [String] = []
    if !analysis.unmatched.isEmpty {
      warnings.append(
        "warning: skipped \(NumberFormatting.count(analysis.unmatched.count, "contacted account"))"
          + " with no other account of their platform to compare with: "
          + Self.names(analysis.unmatched))
    }
    let short = analysis.matches.filter { $0.comparisons.count < analysis.requestedComparisons }
    if !short.isEmpty {
      warnings.append(
        "warning: \(NumberFormatting.count(short.count, "contacted account")) got fewer than"
          + " \(analysis.requestedComparisons) comparison accounts (their platform has too"
          + " few): " + Self.names(short.map(\.account)))
    }
    for (group, count) in [
      ("contacted", analysis.contactedCount), ("comparison", analysis.comparisonCount),
    ] where count < Self.smallGroup {
      warnings.append(
        "warning: the \(group) group is small (\(count) < \(Self.smallGroup) accounts): the"
          + " interval rests on few accounts and may move a lot with one more")
    }
    for balance in analysis.balance where balance.isPoor {
      warnings.append(
        "warning: poor balance on \(balance.feature.rawValue): standardized difference "
          + DecimalText.fixed(balance.standardizedDifference, places: 2) + " (more than "
          + DecimalText.fixed(CampaignBalance.poorThreshold, places: 2) + "); the groups"
          + " differed before the outreach, so the effect may be partly that difference")
    }
    return warnings
  }

  static func names(_ accounts: [CampaignAccount]) -> String {
    let shown = accounts.prefix(10).map { "\($0.platform):\($0.name)" }
    return shown.joined(separator: ", ") + (accounts.count > 10 ? ", …" : "")
  }
}
