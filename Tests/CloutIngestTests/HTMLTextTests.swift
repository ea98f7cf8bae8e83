import Testing

@testable import CloutIngest

@Suite struct HTMLTextTests {
  @Test(arguments: [
    ("plain & simple", "plain & simple"),
    ("<p>one</p><p>two</p>", "one\ntwo"),
    ("a<br>b<br/>c<BR />d", "a\nb\nc\nd"),
    ("first<p>second<p>third", "first\nsecond\nthird"),
    (
      "&amp; &lt;b&gt; &quot;q&quot; &#39;s &apos;t &#x27;u &#x2F; &#8212; &nbsp;!",
      "& <b> \"q\" 's 't 'u / —  !"
    ),
    ("&unknown; &amp &#0; &#xZZ;", "&unknown; &amp &#0; &#xZZ;"),
    (#"<a href="https://x.example/?a=1&amp;b=>">link</a> a < b"#, "link a < b"),
    (
      #"<span class="h-card"><a href="https://a.example/@bo" class="u-url mention">@<span>bo</span></a></span> hi"#,
      "@bo hi"
    ),
    ("<p>trailing</p><p></p>", "trailing"),
  ])
  func plainText(html: String, text: String) {
    #expect(HTMLText.plainText(html) == text)
  }
}
