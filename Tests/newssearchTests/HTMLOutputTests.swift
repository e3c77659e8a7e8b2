import Testing
import NewsSearchTestSupport

/// `--html` escapes every piece of text, not only the snippet (issue 12).
@Suite struct HTMLOutputTests {
    @Test func titlesHeadingsAuthorsAndPathsAreEscaped() throws {
        let scratch = try TemporaryDirectory.indexing([
            "<b>.jsonl": #"{"id": "<i>", "title": "<script>alert(1)</script> & more", "author": "A <b>bold</b> 'one'", "text": "Intro about the kraken & co.\n\nThe <Heading>\n\nThe kraken <em>swam</em>."}"# + "\n",
        ])
        let result = try CLI.run(["search", "kraken", "--html", "--sections", "--index", scratch.indexPath, "--color", "always"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"))
        #expect(out.contains("A &lt;b&gt;bold&lt;/b&gt; &#39;one&#39;"))
        #expect(out.contains("/&lt;b&gt;.jsonl"))
        #expect(out.contains("(id &lt;i&gt;)"))
        #expect(out.contains("<mark>kraken</mark>"))
        // The only markup is the highlight; no colour codes inside HTML.
        let withoutMarks = out.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
        #expect(!withoutMarks.contains("<") && !withoutMarks.contains(">"))
        #expect(!out.contains("\u{1B}"))
    }
}
