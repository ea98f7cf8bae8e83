/// `--columns author=author.username,created_at=Date`: which column of a CSV export holds each
/// of Clout's posts-csv or edges-csv columns, for exports whose header names them otherwise.
public struct ColumnMapping: Sendable, Equatable {
  /// Clout's column name → the export's column name, both trimmed and lowercased.
  public let sources: [String: String]

  public static let none = ColumnMapping(sources: [:])

  /// Every column name the mapping may assign.
  public static let knownColumns: [String] = [
    "id", "author", "created_at", "text", "reply_to_id", "reply_to_author", "repost_of_id",
    "repost_of_author", "quote_of_id", "quote_of_author", "mentions", "platform",
    "display_name", "followers", "source", "target", "type", "timestamp", "post_id", "weight",
  ]

  init(sources: [String: String]) {
    self.sources = sources
  }

  /// The columns `twarc2 csv` (DocNow/twarc-csv, its DEFAULT_TWEET_COLUMNS) writes for tweets.
  /// `entities.mentions` is a JSON list (`["@a", "@b"]`), read for its `@handle`s.
  public static let twarcCSV = ColumnMapping(sources: [
    "id": "id", "author": "author.username", "created_at": "created_at", "text": "text",
    "display_name": "author.name", "reply_to_id": "referenced_tweets.replied_to.id",
    "reply_to_author": "in_reply_to_username", "repost_of_id": "referenced_tweets.retweeted.id",
    "repost_of_author": "retweeted_username", "quote_of_id": "referenced_tweets.quoted.id",
    "quote_of_author": "quoted_username", "mentions": "entities.mentions",
    "followers": "author.public_metrics.followers_count",
  ])

  /// This mapping with `other`'s columns winning: a preset the user's `--columns` adjusts.
  public func overridden(by other: ColumnMapping) -> ColumnMapping {
    ColumnMapping(sources: sources.merging(other.sources) { _, user in user })
  }

  /// A header twarc-csv wrote: its author and reference columns, no column named `author`.
  static func looksLikeTwarcCSV(_ names: [String]) -> Bool {
    !names.contains("author")
      && ["id", "created_at", "author.username", "referenced_tweets.replied_to.id"].allSatisfy(
        names.contains)
  }

  /// Parses `name=column,...`; the error says what is wrong, in the option's words.
  public static func parse(_ text: String) -> Result<ColumnMapping, ParseError> {
    var sources: [String: String] = [:]
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = parts[0].trimmingWhitespace().lowercased()
      guard parts.count == 2, !name.isEmpty, !parts[1].trimmingWhitespace().isEmpty else {
        return .failure(.malformed(String(item)))
      }
      guard knownColumns.contains(name) else { return .failure(.unknownColumn(name)) }
      guard sources[name] == nil else { return .failure(.duplicate(name)) }
      sources[name] = parts[1].trimmingWhitespace().lowercased()
    }
    return .success(ColumnMapping(sources: sources))
  }

  public enum ParseError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unknownColumn(String)
    case duplicate(String)

    public var description: String {
      switch self {
      case .malformed(let item):
        return "--columns takes name=column pairs separated by commas (e.g."
          + " --columns author=author.username,created_at=Date), not '\(item)'"
      case .unknownColumn(let name):
        return "--columns: '\(name)' is not one of Clout's columns ("
          + knownColumns.joined(separator: ", ") + ")"
      case .duplicate(let name):
        return "--columns names '\(name)' twice"
      }
    }
  }

  /// The index of each of Clout's columns in a header of `names` (lowercased): a mapped
  /// column wins over a column that happens to carry Clout's name.
  func indexes(of names: [String]) -> [String: Int] {
    var indexes: [String: Int] = [:]
    for (index, name) in names.enumerated() where indexes[name] == nil { indexes[name] = index }
    for (name, source) in sources {
      if let index = names.firstIndex(of: source) { indexes[name] = index }
    }
    return indexes
  }
}
