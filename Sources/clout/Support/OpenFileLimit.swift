#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The open-file limit, checked before any command runs. Below about ten descriptors SQLite,
/// the input files and libdispatch fail in ways that name nothing useful: at `ulimit -n 8`
/// ingest trapped in libdispatch's epoll set-up, at 7 it died without a message, at 10
/// readers said "unable to open database file".
enum OpenFileLimit {
  /// What `clout` asks for: the store (database, WAL, shared memory, up to five reader
  /// connections), the input files, Graphviz's plugins and fonts, libdispatch; 64 leaves
  /// room for all of them.
  static let minimum: rlim_t = 64

  /// Raises a low soft limit toward the hard limit; nil when that is enough, else the message
  /// naming the limit.
  static func check() -> String? {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
    if limit.rlim_cur >= minimum { return nil }
    let wanted = min(limit.rlim_max, 1_024)
    if wanted >= minimum {
      var raised = limit
      raised.rlim_cur = wanted
      if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return nil }
    }
    return "the open-file limit (ulimit -n) is \(limit.rlim_cur) (hard limit "
      + "\(limit.rlim_max == rlim_t.max ? "unlimited" : String(limit.rlim_max))); clout "
      + "needs at least \(minimum) open files: raise it, e.g. `ulimit -n 1024`"
  }
}
