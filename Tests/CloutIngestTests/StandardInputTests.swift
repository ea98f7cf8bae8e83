import CloutCore
import Testing

@testable import CloutIngest

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct StandardInputTests {
  /// Puts a file on file descriptor 0 for the duration of `body` (nothing else in the test
  /// process reads standard input).
  private func withStandardInput<Result>(_ path: String, _ body: () throws -> Result) throws
    -> Result
  {
    let saved = dup(0)
    let file = open(path, O_RDONLY)
    try #require(saved >= 0 && file >= 0)
    dup2(file, 0)
    close(file)
    defer {
      dup2(saved, 0)
      close(saved)
    }
    return try body()
  }

  @Test func dashReadsStandardInputWithDetection() throws {
    let path = Input.file("stdin.csv", "id,author,created_at\n1,a,0\n2,b,later\n")
    let result = try withStandardInput(path) { try readAll("-") }
    #expect(result.opened.format == .postsCSV)
    #expect(result.posts.map(\.id) == ["1"])
    #expect(
      result.errors.first?.description
        == "<stdin>:3: field 'created_at': not a date or unix time: \"later\"")
  }
}
