import ArgumentParser
import CloutCore
import CloutIngest

// Values typed on the command line, parsed once when argument-parser reads them. A value that
// does not parse is kept with its text, and the `validate()` of the options that use it says
// what to type instead, in that option's words (argument-parser's own "invalid value" message
// cannot name an example).

/// `--since`, `--until`, `--as-of`, `--split-at`: a year (`2017`), a month (`2017-10`), an
/// ISO date or date-time (UTC), or unix seconds written `@1700000000` (`UserTime`'s rules).
struct TimeArgument: ExpressibleByArgument, CustomStringConvertible, Sendable {
  let text: String
  let reading: UserTime.Reading

  init(argument: String) {
    text = argument
    reading = UserTime.read(argument)
  }

  /// The first second the value covers (what `--since` and `--as-of` use); nil when the text
  /// is not a time.
  var seconds: Int64? {
    if case .period(let first, _) = reading { return first }
    return nil
  }

  /// The last second the value covers, as `--until` reads it: a bare year, month or date
  /// includes all of it.
  var lastSecond: Int64? {
    if case .period(_, let last) = reading { return last }
    return nil
  }

  /// Why the value is refused, in `option`'s words; nil when it is a time.
  func problem(option: String) -> String? {
    switch reading {
    case .period: return nil
    case .bareNumber:
      return "\(option) '\(text)' is a bare number; write unix seconds as @\(text), or use a year"
        + " (2017), a month (2017-10) or an ISO date such as 2026-10-01."
    case .invalid:
      return "\(option) '\(text)' is not a time; use a year (2017), a month (2017-10), an ISO"
        + " date such as 2026-10-01 or 2026-10-01T12:00:00Z, or unix seconds as @1700000000."
    }
  }

  var description: String { text }
}

/// `--half-life`, `--horizon`: a positive number with a unit s, m, h, d, w or y (`30d`, `1.5h`),
/// or `none`.
struct DurationArgument: ExpressibleByArgument, CustomStringConvertible, Sendable {
  let text: String
  /// Seconds, nil for `none`; the error when the text is neither.
  let parsed: Result<Double?, InteractionWeighting.ParseError>

  init(argument: String) {
    text = argument
    parsed = Result { () throws(InteractionWeighting.ParseError) in
      try ArgumentSyntax.duration(argument)
    }
  }

  var description: String { text }
}

/// `--weights reply=1,mention=0.2`: the types named override their defaults.
struct TypeWeightsArgument: ExpressibleByArgument, CustomStringConvertible, Sendable {
  let text: String
  let parsed: Result<[InteractionType: Double], InteractionWeighting.ParseError>

  init(argument: String) {
    text = argument
    parsed = Result { () throws(InteractionWeighting.ParseError) in
      try ArgumentSyntax.typeWeights(argument)
    }
  }

  var description: String { text }
}

/// `--compare START..END`: two times, each as `TimeArgument` reads it.
struct WindowArgument: ExpressibleByArgument, CustomStringConvertible, Sendable {
  let text: String
  /// Both bounds, or nil when the text is not START..END with two times.
  let bounds: (since: TimeArgument, until: TimeArgument)?

  init(argument: String) {
    text = argument
    guard let range = argument.range(of: "..") else {
      bounds = nil
      return
    }
    let since = TimeArgument(argument: String(argument[..<range.lowerBound]))
    let until = TimeArgument(argument: String(argument[range.upperBound...]))
    bounds = since.seconds != nil && until.lastSecond != nil ? (since, until) : nil
  }

  var description: String { text }
}

/// `--k 10,50,100`: cut-offs for ndcg@k and precision@k, duplicates dropped, first
/// occurrence kept.
struct CutoffsArgument: ExpressibleByArgument, CustomStringConvertible, Sendable {
  let text: String
  /// nil unless every item is a whole number ≥ 1.
  let values: [Int]?

  init(argument: String) {
    text = argument
    let items = argument.split(separator: ",", omittingEmptySubsequences: false).map {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    guard !items.isEmpty, items.allSatisfy({ ($0 ?? 0) >= 1 }) else {
      values = nil
      return
    }
    var seen = Set<Int>()
    values = items.compactMap { $0 }.filter { seen.insert($0).inserted }
  }

  var description: String { text }
}

/// The command-line spellings of type weights and durations.
enum ArgumentSyntax {
  /// Parses `reply=1,quote=0.8,repost=0.6,mention=0.4`. Any subset of the types may be given,
  /// in any order, each at most once; white space around names and values is ignored; an
  /// empty string gives no overrides. Ranges are the core's: `InteractionWeighting` checks
  /// them again when the weights are used.
  static func typeWeights(
    _ text: String
  ) throws(InteractionWeighting.ParseError) -> [InteractionType: Double] {
    var result: [InteractionType: Double] = [:]
    if text.allSatisfy(\.isWhitespace) { return result }
    for rawItem in text.split(separator: ",", omittingEmptySubsequences: false) {
      let item = rawItem.trimmingSpace()
      let parts = item.split(separator: "=", omittingEmptySubsequences: false)
      guard parts.count == 2 else { throw .malformedTypeWeight(String(item)) }
      let name = parts[0].trimmingSpace().lowercased()
      let valueText = String(parts[1].trimmingSpace())
      guard let type = InteractionType(rawValue: name) else {
        throw .unknownType(name)
      }
      guard let value = Double(valueText), value.isFinite, value >= 0,
        value <= InteractionWeighting.maximumWeight
      else {
        throw .invalidWeight(type: name, value: valueText)
      }
      guard result[type] == nil else { throw .duplicateType(name) }
      result[type] = value
    }
    return result
  }

  /// Parses a duration: a positive number followed by a unit, `s`, `m`, `h`, `d`, `w` or `y`
  /// (365 days, so that every half-life Clout prints, e.g. `9.6y`, reads back)
  /// (`45s`, `90m`, `12h`, `30d`, `2w`, `1.5d`), or `none`. Returns seconds, or nil for `none`.
  static func duration(_ text: String) throws(InteractionWeighting.ParseError) -> Double? {
    let trimmed = text.trimmingSpace().lowercased()
    if trimmed == "none" { return nil }
    guard let unit = trimmed.last else { throw .invalidHalfLife(text) }
    let seconds: Double
    switch unit {
    case "s": seconds = 1
    case "m": seconds = 60
    case "h": seconds = 3_600
    case "d": seconds = 86_400
    case "w": seconds = 7 * 86_400
    case "y": seconds = 365 * 86_400
    default: throw .invalidHalfLife(text)
    }
    guard let amount = Double(trimmed.dropLast()), amount.isFinite, amount > 0 else {
      throw .invalidHalfLife(text)
    }
    return amount * seconds
  }
}

extension StringProtocol {
  /// Without leading and trailing white space (`Character.isWhitespace`, newlines included).
  fileprivate func trimmingSpace() -> Substring {
    var slice = Substring(self)
    while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
    while slice.last?.isWhitespace == true { slice = slice.dropLast() }
    return slice
  }
}
