import GRDB

/// How post text is split into terms for the full-text index (`post_text`), shared by the
/// store's migration and the syntax check of `--topic`.
///
/// - `unicode61`: words are runs of Unicode letters and digits, case-folded.
/// - `remove_diacritics 2`: "café", "cafe" and "CAFÉ" are one term (2 also folds letters whose
///   accent is a separate code point).
/// - `tokenchars '#'`: `#` belongs to words, so a hashtag is one term with its `#`: `#brexit`
///   and `brexit` are different terms, `clout topics` can tell hashtags from words, and a
///   topic chooses (`#brexit`, `brexit`, or `brexit OR #brexit`). `@name` stays the word
///   `name`.
public enum PostTextSearch {
  public static let tokenizer = "unicode61 remove_diacritics 2 tokenchars '#'"
}

/// A `--topic` query: SQLite FTS5 syntax (words, "phrases", AND, OR, NOT, parentheses, a
/// prefix `word*`) where `#tag` stands for the hashtag.
///
/// FTS5's own syntax has no `#` outside quotes, so each bare `#tag` is quoted (`"#tag"`)
/// before SQLite reads the query; the tokenizer keeps the `#`, so the quoted form matches the
/// hashtag term.
public struct TopicQuery: Sendable, Equatable, CustomStringConvertible {
  /// The query as the user wrote it.
  public let text: String
  /// The query as FTS5 reads it.
  public let expression: String

  public var description: String { text }

  /// A query FTS5 refuses, with SQLite's reason.
  public struct SyntaxError: Error, CustomStringConvertible {
    public let query: String
    public let reason: String
    public var description: String { "\(query): \(reason)" }
  }

  /// Parses `text`, checking it against an empty in-memory index with the store's tokenizer,
  /// so a bad query is refused before any store is opened.
  public init(_ text: String) throws(SyntaxError) {
    self.text = text
    expression = Self.quotingHashtags(text)
    guard !text.allSatisfy(\.isWhitespace) else {
      throw SyntaxError(query: text, reason: "the query is empty")
    }
    do {
      let queue = try DatabaseQueue()
      try queue.write { db in
        try db.execute(
          sql:
            "CREATE VIRTUAL TABLE probe USING fts5(text, tokenize = \"\(PostTextSearch.tokenizer)\")"
        )
        _ = try Int.fetchOne(
          db, sql: "SELECT count(*) FROM probe WHERE probe MATCH ?", arguments: [expression])
      }
    } catch let error as DatabaseError {
      throw SyntaxError(query: text, reason: error.message ?? "not a full-text query")
    } catch {
      throw SyntaxError(query: text, reason: "\(error)")
    }
  }

  /// `#tag` outside double quotes becomes `"#tag"`; a `*` after it still makes a prefix.
  static func quotingHashtags(_ text: String) -> String {
    var result = ""
    var inQuotes = false
    var tag: String? = nil
    func isWordCharacter(_ character: Character) -> Bool {
      character.isLetter || character.isNumber || character == "_" || character == "#"
        || !character.isASCII
    }
    for character in text {
      if let current = tag {
        if isWordCharacter(character) {
          tag = current + String(character)
          continue
        }
        result += "\"" + current + "\""
        tag = nil
      }
      if character == "\"" {
        inQuotes.toggle()
      } else if character == "#" && !inQuotes {
        tag = "#"
        continue
      }
      result.append(character)
    }
    if let current = tag { result += "\"" + current + "\"" }
    return result
  }
}
