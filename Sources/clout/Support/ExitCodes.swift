import ArgumentParser

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
