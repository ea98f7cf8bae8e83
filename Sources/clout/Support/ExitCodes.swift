import ArgumentParser
import CloutCore
import CloutIngest
import CloutRender
import CloutStore

/// Exit codes, documented in the README and in `clout --help`. They follow the BSD
/// `sysexits.h` convention so scripts can tell bad data from a broken disk.
enum CloutExit {
  /// Wrong flags or arguments (argument-parser's own validation exits with 64 too).
  static let usage = ExitCode(64)
  /// Input data that cannot be read: a bad record, an unknown format, an empty file.
  static let dataError = ExitCode(65)
  /// A file or the store cannot be opened, read or written.
  static let ioError = ExitCode(74)
  /// The store is locked by another writer; trying again later will work.
  static let busy = ExitCode(75)
}

/// The one place where an error becomes a message and an exit code. Commands throw typed
/// errors (or an `ExitCode` after printing their own message); `Clout.main()` sends whatever
/// reaches it through here.
enum ErrorExit {
  /// The exit code for `error`, its message printed; errors argument-parser reports itself
  /// (usage, `--help`, `ExitCode`) pass through unchanged.
  static func handle(_ error: any Error) -> any Error {
    switch error {
    case let error as StoreError:
      Console.error(error.description)
      return error.isTemporary ? CloutExit.busy : CloutExit.ioError
    case let error as RecordError:
      Console.error(error.description)
      return error.isIOFailure ? CloutExit.ioError : CloutExit.dataError
    case let error as TextFile.Failure:
      Console.error(error.description)
      return CloutExit.ioError
    case let failure as InfluenceRanking.Failure:
      Console.error(failure.description)
      return CloutExit.dataError
    case let failure as GraphvizRenderer.Failure:
      Console.error(failure.description)
      return CloutExit.dataError
    default:
      return error
    }
  }
}
