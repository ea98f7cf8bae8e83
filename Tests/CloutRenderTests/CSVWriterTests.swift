import Testing

@testable import CloutRender

@Suite struct CSVWriterTests {
  @Test func headerAndRowsUseCRLFAndPlainNumbers() {
    var csv = CSVWriter(header: ["rank", "account", "score"])
    csv.appendRow([.integer(1), .text("alice"), .decimal(0.123456, places: 4)])
    csv.appendRow([.integer(2), .text("bob"), .decimal(-0.5, places: 2)])
    #expect(csv.text == "rank,account,score\r\n1,alice,0.1235\r\n2,bob,-0.50\r\n")
  }

  @Test(arguments: ["=SUM(A1)", "+1", "-cmd", "@here", "\tx", "\rx"])
  func formulaPrefixesAreGuarded(value: String) {
    let field = CSVWriter.field(.text(value))
    #expect(field.hasPrefix("'") || field.hasPrefix("\"'"))
  }

  @Test func quotesCommasAndLineBreaksAreQuoted() {
    #expect(CSVWriter.field(.text("a,b")) == "\"a,b\"")
    #expect(CSVWriter.field(.text("say \"hi\"")) == "\"say \"\"hi\"\"\"")
    #expect(CSVWriter.field(.text("two\nlines")) == "\"two\nlines\"")
    #expect(CSVWriter.field(.text("plain 🙂 текст")) == "plain 🙂 текст")
  }

  @Test func byteOrderMarkOnlyWhenAsked() {
    #expect(CSVWriter(header: ["a"], byteOrderMark: true).text.unicodeScalars.first == "\u{FEFF}")
    #expect(CSVWriter(header: ["a"]).text == "a\r\n")
  }

  @Test func negativeNumbersAreNotGuarded() {
    #expect(CSVWriter.field(.integer(-3)) == "-3")
  }
}

@Suite struct DecimalTextTests {
  @Test func roundsHalfAwayFromZeroAndPads() {
    #expect(DecimalText.fixed(0.125, places: 2) == "0.13")
    #expect(DecimalText.fixed(1, places: 3) == "1.000")
    #expect(DecimalText.fixed(-0.0001, places: 2) == "0.00")
    #expect(DecimalText.fixed(12.5, places: 0) == "13")
    #expect(DecimalText.fixed(0.000123, places: 6) == "0.000123")
  }
}

@Suite struct JSONWriterTests {
  @Test func keysKeepColumnOrderAndStringsAreEscaped() {
    var json = JSONWriter(keys: ["rank", "account", "note"])
    json.appendRow([.integer(1), .text("a\"b\\c\n\u{1}"), .empty])
    #expect(
      json.text == "[\n  {\"rank\": 1, \"account\": \"a\\\"b\\\\c\\n\\u0001\", \"note\": null}\n]\n"
    )
  }

  @Test func emptyArray() {
    #expect(JSONWriter(keys: ["a"]).text == "[]\n")
  }
}

@Suite struct TableWriterTests {
  @Test func alignsTextLeftAndNumbersRight() {
    var table = TableWriter(header: ["rank", "account"])
    table.appendRow([.integer(1), .text("alice")])
    table.appendRow([.integer(10), .text("bo\nb")])
    #expect(table.text == "rank  account\n----  -------\n   1  alice\n  10  bo b\n")
  }
}
