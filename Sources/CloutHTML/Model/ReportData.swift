import CloutRender

/// What the page's script reads from the `<script type="application/json">` block: the map's
/// accounts in rank order (account `i` is the map's node `n(i+1)`) with everything the
/// tooltip, the table and the explanation panel show, and the map's edges in the order the
/// SVG draws them (`edge(k+1)` is `edges[k]`). Numbers are `Cell`s, printed with fixed
/// decimals, so the same data gives the same bytes.
public struct ReportData: Encodable, Sendable {
  public var parts: [String]
  public var hasTrends: Bool
  public var accounts: [Account]
  /// `[source, target]` account indices.
  public var edges: [[Int]]

  public struct Account: Encodable, Sendable, Equatable {
    public var rank: Int
    public var handle: String
    public var name: String?
    public var platform: String
    public var score: Cell
    /// Each part's contribution, in `parts` order: they add up to `score`.
    public var parts: [Cell]
    public var community: Int
    /// The map's fill color for the account (its community's, or grey).
    public var color: String
    /// Communities its interactions reach when it is a bridge; 0 otherwise.
    public var bridge: Int
    public var depth: Int
    public var repliers: Int
    public var replies: Int
    public var engagers: Int
    public var interactionsIn: Int
    /// The latest follower count the data gave (context, not in the score); nil = none.
    public var followers: Int?
    /// `https:` only (`HTMLEscape.httpsURL`), or nil.
    public var profile: String?
    /// `new`, `up N`, `down N`, `same`; nil without `--compare`.
    public var trend: String?
    public var previousRank: Int?
    public var why: String
    public var explain: Explanation
  }

  public struct Explanation: Encodable, Sendable, Equatable {
    public var breakdown: [Part]
    /// The strongest engagers, strongest first.
    public var engagers: [Engager]
    public var engagerTotal: Int
    public var conversations: [Conversation]
    public var communityText: String
    public var notes: [String]
  }

  public struct Part: Encodable, Sendable, Equatable {
    public var label: String
    public var formula: String
    public var feature: Cell
    public var maximum: Cell
    public var weight: Cell
    public var contribution: Cell
  }

  public struct Engager: Encodable, Sendable, Equatable {
    public var handle: String
    public var platform: String
    /// Index into `accounts` when the engager is on the map, else nil.
    public var account: Int?
    public var weight: Cell
    /// e.g. `3 replies, 1 quote`.
    public var kinds: String
  }

  public struct Conversation: Encodable, Sendable, Equatable {
    public var key: String
    public var depth: Int
    public var repliers: Int
    public var date: String?
    public var text: String?
    /// `https:` only, or nil.
    public var url: String?
  }
}
