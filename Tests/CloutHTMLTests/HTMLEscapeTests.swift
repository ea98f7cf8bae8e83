import Testing

@testable import CloutHTML

/// The three doors through which data enters the page, each against hand-written expectations.
@Suite struct HTMLEscapeTests {
  @Test func textEscapesMarkupAndQuotes() {
    #expect(
      HTMLEscape.text("<img src=x onerror=\"alert(1)\">")
        == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;")
    #expect(
      HTMLEscape.text("</script><script>x='1'</script>")
        == "&lt;/script&gt;&lt;script&gt;x=&#39;1&#39;&lt;/script&gt;")
    // An entity in the data stays visible as typed, not decoded.
    #expect(HTMLEscape.text("Tom &amp; Jerry") == "Tom &amp;amp; Jerry")
    // Control characters (a NUL, a newline) become spaces, as in the map's labels.
    #expect(HTMLEscape.text("a\u{0}b\nc") == "a b c")
    #expect(HTMLEscape.text("Zoë 🎉 東京") == "Zoë 🎉 東京")
  }

  @Test func scriptJSONCannotEndTheBlock() {
    let json = #"{"name": "</script><script>alert(1)</script> & <!-- \#u{2028}\#u{2029}"}"#
    let safe = HTMLEscape.scriptJSON(json)
    #expect(!safe.contains("<"))
    #expect(!safe.contains(">"))
    #expect(!safe.contains("&"))
    #expect(!safe.contains("\u{2028}") && !safe.contains("\u{2029}"))
    #expect(
      safe
        == #"{"name": "\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 \u003c!-- \u2028\u2029"}"#
    )
  }

  @Test func onlyPlainHTTPSAddressesAreLinks() {
    #expect(HTMLEscape.httpsURL("https://x.com/i/status/1") == "https://x.com/i/status/1")
    #expect(HTMLEscape.httpsURL("http://x.com/") == nil)
    #expect(HTMLEscape.httpsURL("javascript:alert(1)") == nil)
    #expect(HTMLEscape.httpsURL("https://") == nil)
    #expect(HTMLEscape.httpsURL("https://a.example/\"onmouseover=\"x") == nil)
    #expect(HTMLEscape.httpsURL("https://a.example/<b>") == nil)
    #expect(HTMLEscape.httpsURL("https://a.example/ b") == nil)
    #expect(HTMLEscape.httpsURL(nil) == nil)
  }
}
