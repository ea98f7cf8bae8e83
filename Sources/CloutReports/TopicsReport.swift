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
  /// follow, so what faded is seen too.
  public init(current: [TermUse], previous: [TermUse]? = nil, top: Int) {
    languages = StopWords.languages(in: current.map { ($0.term, $0.occurrences) })
    let stop = languages.reduce(into: StopWords.web) { $0.formUnion(StopWords.lists[$1] ?? []) }
    func kept(_ uses: [TermUse]) -> [TermUse] {
      uses.filter { use in
        let word = use.term.drop { $0 == "#" }
        return word.count > 1 && !word.allSatisfy(\.isNumber)
          && (use.term.hasPrefix("#") || !stop.contains(use.term))
      }
    }
    func ranked(_ uses: [TermUse]) -> [TermUse] {
      let order = kept(uses).sorted {
        $0.posts != $1.posts ? $0.posts > $1.posts : $0.term < $1.term
      }
      let tags = order.filter { $0.term.hasPrefix("#") }
      let words = order.filter { !$0.term.hasPrefix("#") }
      return (top == 0 ? tags : Array(tags.prefix(top)))
        + (top == 0 ? words : Array(words.prefix(top)))
    }
    let listed = ranked(current)
    let before = previous.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.term, $0) }) }
    var rows = listed.map { use in
      Row(
        term: use.term, kind: use.term.hasPrefix("#") ? "hashtag" : "word", posts: use.posts,
        authors: use.authors, conversations: use.conversations,
        previousPosts: before.map { $0[use.term]?.posts ?? 0 })
    }
    if let previous {
      let shown = Set(listed.map(\.term))
      let now = Dictionary(uniqueKeysWithValues: current.map { ($0.term, $0) })
      for use in ranked(previous) where !shown.contains(use.term) {
        let later = now[use.term]
        if let later, later.posts >= use.posts { continue }
        rows.append(
          Row(
            term: use.term, kind: use.term.hasPrefix("#") ? "hashtag" : "word",
            posts: later?.posts ?? 0, authors: later?.authors ?? 0,
            conversations: later?.conversations ?? 0, previousPosts: use.posts))
      }
    }
    self.rows = rows
    compared = previous != nil
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
