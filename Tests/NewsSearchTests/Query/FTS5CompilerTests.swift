import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport
import NewsSearchTools

@Suite struct FTS5CompilerTests {
    func compile(_ text: String, _ mode: QueryParser.Mode = .all) throws -> String {
        try FTS5Compiler.compile(QueryParser.parse(text, mode: mode))
    }

    @Test func everyOperatorCompiles() throws {
        let all = "{title heading body}"
        #expect(try compile("korea") == "\(all) : \"korea\"")
        #expect(try compile("korea border") == "(\(all) : \"korea\" AND \(all) : \"border\")")
        #expect(try compile("a OR b") == "(\(all) : \"a\" OR \(all) : \"b\")")
        #expect(try compile("a -b -c") == "(\(all) : \"a\") NOT (\(all) : \"b\" OR \(all) : \"c\")")
        #expect(try compile("denuclear*") == "\(all) : \"denuclear\" *")
        #expect(try compile("title:\"border closure\"") == "{title} : \"border closure\"")
        #expect(try compile("author:hurll") == "{author} : \"hurll\"")
        #expect(try compile("NEAR(a bo*, 4)") == "\(all) : NEAR(\"a\" \"bo\" *, 4)")
        #expect(try compile("Korea’s") == "\(all) : \"Korea’s\"")
    }

    @Test func quotesInsideUserTextAreEscaped() throws {
        #expect(try compile("say\"hi") == "({title heading body} : \"say\" AND {title heading body} : \"hi\")")
        #expect(try compile("a{b}:c^") == "{title heading body} : \"a{b}:c^\"")
    }

    /// A `"` followed by a combining mark is one `Character` but a quote to FTS5: it must
    /// be doubled, or user text becomes syntax (here a column filter on the author).
    @Test func quotesCombinedWithAMarkCannotInjectSyntax() throws {
        let sandbox = try FTS5Sandbox()
        for text in ["reuter\"\u{301}{author}:\"\u{301}smith", "\"\u{301}of\"", "oil\"\u{301} OR gas", "title:\"\u{301}x\"\u{301}\" OR {author}: smith"] {
            let expression = try compile(text)
            guard case let .success(strings) = FTS5ExpressionScanner.strings(in: expression) else {
                Issue.record("user text outside a string in \(expression)")
                continue
            }
            #expect(!strings.isEmpty)
            #expect(throws: Never.self, "\(expression)") { _ = try sandbox.count(expression) }
        }
        // Only an injected `{author}` filter would find Hurll (an author, not a body word).
        #expect(try sandbox.count(compile("reuter\"\u{301}{author}:\"\u{301}hurll")) == 0)
        #expect(try sandbox.count(compile("reuter author:hurll")) == 1)
        #expect(FTS5Compiler.quote("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
    }

    @Test func exclusionsAloneAreRefused() {
        #expect(throws: QueryError.onlyExclusions) { try compile("-korea") }
        #expect(throws: QueryError.onlyExclusions) { try compile("a OR -b") }
    }

    // MARK: - Hostile input against a real FTS5 table

    static let hostile = [
        "ubuntu 20.04", "multi-agent", "U.S.", "Korea’s", "C++", "\"unbalanced", "(", ")", "AND", "OR", "NOT", "-", "*",
        "🙂", "👩‍👩‍👧 family", "\u{0}\u{1}\u{7}bell", "a\u{1B}[31mred", String(repeating: "news ", count: 2000),
        "title:", "title:(", "NEAR(", "NEAR()", "NEAR(a b, x)", "\"\"", "\"a\"~", "a~3", "{title}: x", "^start", "a:b:c",
        "col:umn", "x AND AND y", "OR OR", "((a)", "a))", "-(a)", "*a*", "a**", "'quoted'", "«guillemets»",
        "日本語 ニュース", "café", "Straße", "e\u{301}", "\\", "%", "_", "a;DROP TABLE articles;--",
    ]

    @Test func hostileInputsGiveResultsOrAQueryError() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/seed.txt", try String(contentsOfFile: TestSupport.seedFile, encoding: .utf8))
        let engine = try makeEngine(indexing: directory)
        for text in Self.hostile {
            for mode in QueryParser.Mode.allCases {
                do {
                    _ = try engine.search(text, options: options(mode))
                } catch .query {
                    continue
                } catch {
                    Issue.record("\(text.prefix(40)) (\(mode)): \(error)")
                }
            }
        }
    }

    func options(_ mode: QueryParser.Mode) -> SearchOptions {
        var options = SearchOptions()
        options.mode = mode
        return options
    }

    /// Thousands of random strings drawn from the characters people (and cats on
    /// keyboards) type: none may reach SQLite as invalid syntax.
    @Test func randomStringsNeverProduceAnSQLiteError() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/seed.txt", try String(contentsOfFile: TestSupport.seedFile, encoding: .utf8))
        let engine = try makeEngine(indexing: directory)
        let alphabet: [String] = ["a", "b", "korea", "border", "OR", "AND", "NOT", "NEAR", "NEAR(", "(", ")", "\"", "“", "”",
                                  "-", "*", ":", "title:", "author:", "heading:", "body:", ",", "~", "~3", "^", "{", "}",
                                  "+", ".", "'", "’", " ", " ", " ", "\t", "\n", "🙂", "é", "日本", "\u{0}", "\u{1B}", "\\", "5"]
        var generator = SplitMix64(seed: 20261125)
        var queryErrors = 0
        for _ in 0..<3000 {
            let length = Int(generator.next() % 12) + 1
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            let mode: QueryParser.Mode = generator.next() % 2 == 0 ? .all : .any
            do {
                _ = try engine.search(text, options: options(mode))
            } catch .query {
                queryErrors += 1
            } catch {
                Issue.record("\(text.debugDescription): \(error)")
            }
        }
        #expect(queryErrors < 3000)
    }
}
