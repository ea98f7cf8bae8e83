import ArgumentParser
import CloutCore
import CloutRender
import CloutReports
import CloutStore

struct Stats: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show what the store holds.",
    discussion: """
      Counts per platform and interaction type, the time span of the data, and the accounts \
      that receive the most interactions from others (self-interactions are counted apart: \
      they never enter the graph). Interactions still waiting for the post they refer to are \
      shown as pending.

      Examples:
        clout stats
        clout stats --db brand.db --top 25
        clout stats --format json | jq '.platforms'
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @OptionGroup var store: StoreOptions

  @Option(help: "How many top accounts to list.")
  var top = 10

  @Option(help: "Output format: table or json.")
  var format: Format = .table

  func validate() throws {
    if top < 0 { throw ValidationError("--top must be 0 or more.") }
  }

  func run() throws {
    let opened = try CommandSupport.openStore(path: store.db, readOnly: true)
    let stats: StoreStats
    stats = try opened.stats(top: top)
    switch format {
    case .table: try Console.output(StatsReport.table(stats))
    case .json: try Console.output(try StatsReport.json(stats))
    }
  }
}
