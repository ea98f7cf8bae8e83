import Foundation
import Testing

/// `--format twarc-csv`: the tweets CSV `twarc2 csv` writes, read without `--columns` (issue
/// 14, point 5).
@Suite struct TwarcCSVTests {
  /// DocNow/twarc-csv's DEFAULT_TWEET_COLUMNS, the header `twarc2 csv` writes for tweets.
  static let header = """
    id,conversation_id,referenced_tweets.replied_to.id,referenced_tweets.retweeted.id,\
    referenced_tweets.quoted.id,author_id,in_reply_to_user_id,in_reply_to_username,\
    retweeted_user_id,retweeted_username,quoted_user_id,quoted_username,created_at,text,lang,\
    source,public_metrics.impression_count,public_metrics.reply_count,\
    public_metrics.retweet_count,public_metrics.quote_count,public_metrics.like_count,\
    reply_settings,edit_history_tweet_ids,edit_controls.edits_remaining,\
    edit_controls.editable_until,edit_controls.is_edit_eligible,possibly_sensitive,\
    withheld.scope,withheld.copyright,withheld.country_codes,entities.annotations,\
    entities.cashtags,entities.hashtags,entities.mentions,entities.urls,context_annotations,\
    attachments.media,attachments.media_keys,attachments.poll.duration_minutes,\
    attachments.poll.end_datetime,attachments.poll.id,attachments.poll.options,\
    attachments.poll.voting_status,attachments.poll_ids,author.id,author.created_at,\
    author.username,author.name,author.description,author.entities.description.cashtags,\
    author.entities.description.hashtags,author.entities.description.mentions,\
    author.entities.description.urls,author.url,author.location,author.pinned_tweet_id,\
    author.profile_image_url,author.protected,author.public_metrics.followers_count,\
    author.public_metrics.following_count,author.public_metrics.listed_count,\
    author.public_metrics.tweet_count,author.verified,author.withheld.scope,\
    author.withheld.copyright,author.withheld.country_codes,geo.coordinates.coordinates,\
    geo.coordinates.type,geo.country,geo.country_code,geo.full_name,geo.geo.bbox,geo.geo.type,\
    geo.id,geo.name,geo.place_id,geo.place_type,matching_rules,__twarc.retrieved_at,\
    __twarc.url,__twarc.version
    """

  static func row(_ values: [String: String]) -> String {
    header.split(separator: ",").map { name in
      let value = values[String(name)] ?? ""
      return value.contains(",") || value.contains("\"")
        ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }.joined(separator: ",")
  }

  /// A post by ann; bob replies to it; cy retweets it; dee quotes it and mentions two.
  static let file = [
    header,
    row([
      "id": "1", "author.username": "ann", "author.name": "Ann A", "author_id": "11",
      "created_at": "2021-05-01T10:00:00.000Z", "text": "hello",
    ]),
    row([
      "id": "2", "author.username": "bob", "created_at": "2021-05-01T11:00:00.000Z",
      "text": "@ann hi", "referenced_tweets.replied_to.id": "1", "in_reply_to_username": "ann",
      "entities.mentions": "[\"@ann\"]",
    ]),
    row([
      "id": "3", "author.username": "cy", "created_at": "2021-05-01T12:00:00.000Z",
      "text": "hello", "referenced_tweets.retweeted.id": "1", "retweeted_username": "ann",
    ]),
    row([
      "id": "4", "author.username": "dee", "created_at": "2021-05-01T13:00:00.000Z",
      "text": "see @bob @cy", "referenced_tweets.quoted.id": "1", "quoted_username": "ann",
      "entities.mentions": "[\"@bob\", \"@cy\"]",
    ]),
    "",
  ].joined(separator: "\n")

  @Test func twarcCSVIsReadByNameAndDetectedFromItsHeader() throws {
    let directory = try TemporaryDirectory()
    let csv = directory.path("tweets.csv")
    try Self.file.write(toFile: csv, atomically: true, encoding: .utf8)
    // Reply, retweet, quote, and two mentions (bob's @ann is its reply target).
    let named = try CloutProcess.run(
      ["ingest", "--db", directory.path("a.db"), "--format", "twarc-csv", csv])
    #expect(named.status == 0, "\(named.stderr)")
    #expect(named.stdout.contains("4 posts, 4 accounts, 5 interactions added"), "\(named.stdout)")
    #expect(!named.stderr.contains("no platform column"))
    let detected = try CloutProcess.run(["ingest", "--db", directory.path("b.db"), csv])
    #expect(detected.status == 0, "\(detected.stderr)")
    #expect(detected.stderr.contains("detected twarc-csv"), "\(detected.stderr)")
    #expect(detected.stdout.contains("5 interactions added"))
    // Platform twitter, display names from author.name.
    let rank = try CloutProcess.run(
      ["rank", "--db", directory.path("b.db"), "--format", "csv", "--top", "0"])
    let ann = rank.stdout.components(separatedBy: "\r\n").first { $0.contains(",ann,") } ?? ""
    #expect(ann.contains(",twitter,") && ann.contains("Ann A"), "\(rank.stdout)")
  }

  /// The fixture `twarc2 csv` wrote from twitter-v2/flat.jsonl (Fixtures/PROVENANCE.md).
  /// Counted from the CSV with Python's csv and json modules, not with Clout: 31 rows reply to
  /// a named author, 47 retweet one, 8 quote one, and the non-retweet rows mention 21 accounts
  /// besides the one they reply to or quote (a retweet's entities are the original's).
  @Test func theTwarcFixtureGivesTheInteractionsItsRowsName() throws {
    let directory = try TemporaryDirectory()
    let csv = "\(CloutProcess.fixtures.path)/twitter-v2/flat.twarc.csv"
    let db = directory.path("f.db")
    let ingest = try CloutProcess.run(["ingest", "--db", db, csv])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    #expect(ingest.stderr.contains("detected twarc-csv"), "\(ingest.stderr)")
    #expect(
      ingest.stdout.contains("100 posts, 171 accounts, \(31 + 47 + 8 + 21) interactions added"),
      "\(ingest.stdout)")
  }
}
