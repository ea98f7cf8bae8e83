import ArgumentParser
import CloutCore
import CloutIngest
import CloutRender
import CloutReports
import CloutStore

struct Topics: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the store's commonest hashtags and words: where to look first.",
    usage: "clout topics [--db <path>] [--top <top>] [--since <date>] [<options>]",
    discussion: """
      Hashtags, then words, by the number of posts holding them, with their distinct authors \
      and conversations (reply trees). Terms are as the full-text index holds them: lower \
      case, accents removed, a hashtag with its #. Stop words are left out for each language \
      whose own function words make up at least 1% of the text (English, French, German, \
      Spanish, Italian, Portuguese, Dutch; -v names the ones found), as are link fragments \
      (https, t, co), numbers and single letters. Any listed term works as --topic.

      Examples:
        clout topics --top 20
        clout topics --since 2026-10 --platform twitter --format csv > topics.csv
        clout topics --since 2026-10-08 --compare 2026-10-01..2026-10-07

      --compare START..END counts the same terms in that earlier period and adds \
      previous_posts, change and trend ('new', 'rising', 'falling', 'same'); terms of the \
      earlier top that fell out of the current one follow the list.
      """)

  @OptionGroup var store: StoreOptions

  @Option(
    parsing: .unconditional, help: "How many hashtags and how many words to list; 0 lists all.")
  var top = 20

  @Option(
    help: ArgumentHelp(
      "Only posts at or after this time: 2017, 2017-10, 2017-10-01, an ISO time (UTC) or"
        + " @unix-seconds.", valueName: "date"))
  var since: TimeArgument?

  @Option(
    help: ArgumentHelp(
      "Only posts at or before this time; a bare year, month or date includes all of it.",
      valueName: "date"))
  var until: TimeArgument?

  @Option(help: ArgumentHelp("Only this platform (e.g. twitter, reddit).", valueName: "name"))
  var platform: String?

  @Option(help: "Output format: table, csv or json.")
  var format: OutputFormat = .table

  @Option(
    help: ArgumentHelp(
      "Also count the terms in this earlier period and show how each grew (new, rising,"
        + " falling, same).", valueName: "start..end"))
  var compare: WindowArgument?

  @Flag(name: .shortAndLong, help: "Name the languages whose stop words were left out.")
  var verbose = false

  func validate() throws {
    if top < 0 {
      throw ValidationError("--top takes a count of terms, or 0 for all of them (e.g. --top 20).")
    }
    for (name, value) in [("--since", since), ("--until", until)] {
      if let problem = value?.problem(option: name) { throw ValidationError(problem) }
    }
    if let since = since?.seconds, let until = until?.lastSecond, since > until {
      throw ValidationError("--since is after --until; the window would be empty.")
    }
    if let compare {
      guard let bounds = compare.bounds else {
        throw ValidationError(
          "--compare takes START..END with ISO dates, e.g. --compare 2026-09-01..2026-09-30.")
      }
      if let start = bounds.since.seconds, let end = bounds.until.lastSecond, start > end {
        throw ValidationError(
          "--compare \(compare): the start is after the end; write the earlier time first.")
      }
    }
  }

  func run() throws {
    let opened = try CommandSupport.openStore(path: store.db, readOnly: true)
    let name = platform.flatMap(PlatformName.normalize)
    let window = EngagementFilter(
      since: since?.seconds, until: until?.lastSecond, platform: name)
    let current = try opened.termCounts(window)
    let previous = try compare?.bounds.map { bounds in
      try opened.termCounts(
        EngagementFilter(
          since: bounds.since.seconds, until: bounds.until.lastSecond, platform: name))
    }
    guard !current.isEmpty else {
      Console.error(
        "no post text in the selected data; 'clout stats' shows the store's span and platforms")
      throw CloutExit.dataError
    }
    let report = try TopicsReport(
      current: current, previous: previous, top: top,
      uses: { terms in try opened.termUses(terms, window) })
    if verbose {
      Console.note(
        "stop words left out for: "
          + (report.languages.isEmpty ? "no language" : report.languages.joined(separator: ", ")))
    }
    switch format {
    case .csv:
      var csv = CSVWriter(header: report.header)
      for row in report.cells { csv.appendRow(row) }
      try Console.output(csv.text)
    case .json:
      var json = JSONWriter(keys: report.header)
      for row in report.cells { json.appendRow(row) }
      try Console.output(json.text)
    case .table:
      var table = TableWriter(
        header: report.header.map { $0.split(separator: "_").joined(separator: " ") })
      for row in report.cells { table.appendRow(row) }
      try Console.output(table.text)
    }
  }
}
