/// The input formats `clout ingest` reads. The raw values are the `--format` names users type.
public enum InputFormat: String, CaseIterable, Sendable {
  case auto
  case postsCSV = "posts-csv"
  case edgesCSV = "edges-csv"
  /// posts-csv with twarc-csv's column names (`ColumnMapping.twarcCSV`), platform twitter.
  case twarcCSV = "twarc-csv"
  case twitterV2 = "twitter-v2"
  case twitterV1 = "twitter-v1"
  case mastodon
  case bluesky
  case reddit
  case hackernews
}
