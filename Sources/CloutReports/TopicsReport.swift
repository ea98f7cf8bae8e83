import CloutRender
import CloutStore

/// What `clout topics` shows: the window's commonest hashtags, then its commonest words, with
/// posts, distinct authors and conversations, and with an earlier period to compare, how each
/// grew.
public struct TopicsReport: Sendable {
  public struct Row: Sendable, Equatable {
    public let term: String
    /// "hashtag" or "word".
    public let kind: String
    public let posts: Int
    public let authors: Int
    public let conversations: Int
    /// With a comparison: the posts holding the term in the earlier period.
    public let previousPosts: Int?

    /// 'new' (absent before), 'rising', 'falling' or 'same'; nil without a comparison.
    public var trend: String? {
      guard let previousPosts else { return nil }
      if previousPosts == 0 { return "new" }
      return posts > previousPosts ? "rising" : posts < previousPosts ? "falling" : "same"
    }
  }

  public static let columns = [
    "term", "kind", "posts", "authors", "conversations",
  ]
  public static let compareColumns = ["previous_posts", "change", "trend"]

  /// The languages whose stop words were left out (`StopWords.languages`).
  public let languages: [String]
  public let rows: [Row]
  public let compared: Bool

  /// The `top` hashtags and the `top` words of `current` by posts (ties by term; 0 = all),
  /// leaving out the stop words of the languages present, link fragments, numbers and
  /// single letters. With `previous`, the terms of its top that fell out of the current one
  /// follow, so what faded is seen too. `uses` gives the current window's authors and
  /// conversations of the terms shown, asked for once: counting them costs a pass over
  /// those terms' occurrences, not over the whole index.
  ///
  /// - Parameter current: every term of the window, in `String` order (`Store.termCounts`).
  public init(
    current: [TermCount], previous: [TermCount]? = nil, top: Int,
    uses: ([String]) throws -> [TermUse]
  ) rethrows {
    languages = StopWords.languages(in: current.map { ($0.term, $0.occurrences) })
    let stop = languages.reduce(into: StopWords.web) { $0.formUnion(StopWords.lists[$1] ?? []) }
    func ranked(_ counts: [TermCount]) -> [TermCount] {
      let order = counts.filter { Self.isListed($0.term, stop: stop) }.sorted {
        $0.posts != $1.posts ? $0.posts > $1.posts : $0.term < $1.term
      }
      let tags = order.filter { $0.term.hasPrefix("#") }
      let words = order.filter { !$0.term.hasPrefix("#") }
      return (top == 0 ? tags : Array(tags.prefix(top)))
        + (top == 0 ? words : Array(words.prefix(top)))
    }
    let listed = ranked(current)
    // Terms of the earlier top that fell out: shown with their current counts, if any.
    var faded: [(earlier: TermCount, now: TermCount?)] = []
    if let previous {
      let shown = Set(listed.map(\.term))
      for count in ranked(previous) where !shown.contains(count.term) {
        let later = Self.find(count.term, in: current)
        if let later, later.posts >= count.posts { continue }
        faded.append((count, later))
      }
    }
    let described = try uses(listed.map(\.term) + faded.compactMap { $0.now?.term })
    let reach = Dictionary(described.map { ($0.term, $0) }, uniquingKeysWith: { first, _ in first })
    func row(_ count: TermCount?, term: String, previousPosts: Int?) -> Row {
      Row(
        term: term, kind: term.hasPrefix("#") ? "hashtag" : "word", posts: count?.posts ?? 0,
        authors: count.flatMap { reach[$0.term]?.authors } ?? 0,
        conversations: count.flatMap { reach[$0.term]?.conversations } ?? 0,
        previousPosts: previousPosts)
    }
    rows =
      listed.map { count in
        row(
          count, term: count.term,
          previousPosts: previous.map { Self.find(count.term, in: $0)?.posts ?? 0 })
      }
      + faded.map { row($0.now, term: $0.earlier.term, previousPosts: $0.earlier.posts) }
    compared = previous != nil
  }

  /// As above, from every term's uses (each term's authors and conversations already known).
  public init(current: [TermUse], previous: [TermUse]? = nil, top: Int) {
    func counts(_ uses: [TermUse]) -> [TermCount] {
      uses.map { TermCount(term: $0.term, posts: $0.posts, occurrences: $0.occurrences) }
        .sorted { $0.term < $1.term }
    }
    let byTerm = Dictionary(current.map { ($0.term, $0) }, uniquingKeysWith: { first, _ in first })
    self.init(
      current: counts(current), previous: previous.map(counts), top: top,
      uses: { terms in terms.compactMap { byTerm[$0] } })
  }

  /// Whether a term may be listed: not a stop word (hashtags always may), not a number, not a
  /// single letter. ASCII terms, nearly all of them, are checked on their bytes.
  static func isListed(_ term: String, stop: Set<String>) -> Bool {
    let bytes = term.utf8.drop { $0 == UInt8(ascii: "#") }
    if bytes.allSatisfy({ $0 < 0x80 }) {
      guard bytes.count > 1, !bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
    } else {
      let word = term.drop { $0 == "#" }
      guard word.count > 1, !word.allSatisfy(\.isNumber) else { return false }
    }
    return term.hasPrefix("#") || !stop.contains(term)
  }

  /// `term`'s entry in counts sorted by term.
  static func find(_ term: String, in counts: [TermCount]) -> TermCount? {
    var low = 0
    var high = counts.count
    while low < high {
      let middle = (low + high) / 2
      if counts[middle].term < term { low = middle + 1 } else { high = middle }
    }
    return low < counts.count && counts[low].term == term ? counts[low] : nil
  }

  /// The rows as cells, in `columns` (+ `compareColumns`) order.
  public var cells: [[Cell]] {
    rows.map { row in
      var cells: [Cell] = [
        .text(row.term), .text(row.kind), .integer(row.posts), .integer(row.authors),
        .integer(row.conversations),
      ]
      if compared, let previous = row.previousPosts {
        cells += [.integer(previous), .integer(row.posts - previous), .text(row.trend ?? "")]
      }
      return cells
    }
  }

  public var header: [String] { Self.columns + (compared ? Self.compareColumns : []) }
}
