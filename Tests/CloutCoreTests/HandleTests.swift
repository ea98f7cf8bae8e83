import Testing

@testable import CloutCore

@Suite struct HandleTests {
  /// The definition, written with Characters: what the ASCII byte path must agree with.
  static func oracle(_ raw: String) -> String? {
    var characters = Array(raw)
    while let first = characters.first, first.isWhitespace { characters.removeFirst() }
    while let last = characters.last, last.isWhitespace { characters.removeLast() }
    while characters.first == "@" { characters.removeFirst() }
    return characters.isEmpty ? nil : String(characters).lowercased()
  }

  @Test func examples() {
    #expect(Handle.normalize("  @@Alice\t") == "alice")
    #expect(Handle.normalize("@") == nil)
    #expect(Handle.normalize(" \r\n ") == nil)
    #expect(Handle.normalize("@ Bob") == " bob")
    #expect(Handle.normalize("\u{1F}x") == "\u{1F}x")  // not white space in Unicode
    #expect(Handle.normalize(" ÉLODIE ") == "élodie")  // the non-ASCII path
  }

  @Test func asciiPathAgreesWithTheCharacterDefinition() {
    let alphabet = Array(" \t\n\r\u{0B}\u{0C}\u{1C}@aZ9_.-") + ["\r\n"]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<20_000 {
      var text = ""
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      for step in 0..<Int(state >> 60) {
        let pick = Int((state >> UInt64(4 * (step % 14))) & 0xF) % alphabet.count
        text.append(alphabet[pick])
      }
      #expect(Handle.normalize(text) == Self.oracle(text), "\(Array(text.utf8))")
    }
  }
}
