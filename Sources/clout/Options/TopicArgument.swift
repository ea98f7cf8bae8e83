import ArgumentParser
import CloutStore

/// `--topic QUERY`, parsed and syntax-checked once, at the edge.
struct TopicArgument: ExpressibleByArgument, CustomStringConvertible {
  let parsed: Result<TopicQuery, TopicQuery.SyntaxError>
  let text: String

  init?(argument: String) {
    text = argument
    parsed = Result { () throws(TopicQuery.SyntaxError) in try TopicQuery(argument) }
  }

  var description: String { text }

  static let grammar =
    "write words (all must appear), \"a phrase\", OR, NOT, parentheses, a prefix such as"
    + " vaccin* or a #hashtag, e.g. --topic 'brexit OR \"hard border\"'"

  /// The usage message for a query FTS5 refuses: the query, SQLite's reason, what to type.
  var problem: String? {
    guard case .failure(let error) = parsed else { return nil }
    return "--topic '\(text)' is not a full-text query (\(error.reason)); " + Self.grammar + "."
  }
}
