import ArgumentParser
import CloutStore

/// `--db`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The Clout store (an SQLite file). Created by 'ingest' when missing.",
      valueName: "path"))
  var db: String = Store.defaultPath
}
