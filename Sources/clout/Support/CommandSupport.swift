import CloutStore

/// What every command does the same way.
enum CommandSupport {
  /// Opens the store; a `StoreError` reaches `ErrorExit` like every other failure.
  static func openStore(path: String, readOnly: Bool = false) throws -> Store {
    try Store.open(path: path, readOnly: readOnly, migrating: { Console.note($0) })
  }
}
