import ArgumentParser
import CloutStore

/// What every command does the same way: open the store, turn store errors into messages
/// and exit codes.
enum CommandSupport {
  static func openStore(path: String, readOnly: Bool = false) throws -> Store {
    do {
      return try Store.open(path: path, readOnly: readOnly)
    } catch let error as StoreError {
      throw exit(for: error)
    }
  }

  /// Prints the error and returns the exit code that fits it.
  static func exit(for error: StoreError) -> ExitCode {
    Console.error(error.description)
    if case .busy = error { return CloutExit.busy }
    return CloutExit.ioError
  }
}
