import CloutCore
import CloutIngest

/// `--contacted` and `--brand`: an account list (one handle or `platform:handle` per line,
/// `#` comments), or the CSV `clout shortlist` writes, recognised by its header.
enum CampaignAccountsFile {
  /// The entries as `AccountLookup.find` reads them, with the line each came from.
  static func read(_ path: String) throws -> [AccountListFile.Entry] {
    let text = try TextFile.read(path)
    let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
    let header = firstLine.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""]).lowercased()
    }
    guard header.contains("account") && header.contains("platform") else {
      return try AccountListFile.read(path)
    }
    let table: CSVTable
    do {
      table = try CSVTable.read(path: path)
    } catch let error as RecordError {
      Console.error(error.description)
      throw CloutExit.dataError
    }
    return shortlistEntries(table)
  }

  /// A shortlist row names its accounts in `handles` (`platform:handle` separated by
  /// spaces; a person merged by --identities has several), their user ids in `user_id` in
  /// the same order; `account`/`platform` name a single account when those columns are
  /// missing. A user id makes the entry `platform:handle#id`, which names exactly the
  /// account the shortlist meant even when its handle later passed to another user id.
  static func shortlistEntries(_ table: CSVTable) -> [AccountListFile.Entry] {
    func column(_ name: String) -> Int? { table.header.firstIndex(of: name) }
    let account = column("account")
    let platform = column("platform")
    let handles = column("handles")
    let userIDs = column("user_id")
    var entries: [AccountListFile.Entry] = []
    for row in table.rows {
      func field(_ index: Int?) -> String {
        guard let index, index < row.fields.count else { return "" }
        return row.fields[index].trimmingCharacters(in: .whitespaces)
      }
      var names = field(handles).split(separator: " ").map(String.init)
      if names.isEmpty, !field(account).isEmpty {
        let platformName = field(platform)
        names = [(platformName.isEmpty ? "" : platformName + ":") + unguarded(field(account))]
      }
      let ids = field(userIDs).split(separator: " ", omittingEmptySubsequences: false)
      for (position, name) in names.enumerated() {
        let id = position < ids.count && names.count == ids.count ? String(ids[position]) : ""
        entries.append(.init(line: row.line, text: id.isEmpty ? name : name + "#" + id))
      }
    }
    return entries
  }

  /// The shortlist writer prefixes `'` to text starting with `=`, `+`, `-` or `@`
  /// (`CSVWriter.guardAgainstFormula`); reading it back takes the guard off.
  static func unguarded(_ text: String) -> String {
    guard text.hasPrefix("'"), let next = text.dropFirst().first, "=+-@".contains(next) else {
      return text
    }
    return String(text.dropFirst())
  }
}
