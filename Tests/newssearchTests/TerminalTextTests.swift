import Testing
@testable import newssearch

@Suite struct TerminalTextTests {
    @Test func escapeSequencesAreShownNotObeyed() {
        #expect(TerminalText.sanitised("a\u{1B}]0;pwned\u{07}b") == "a\\x1b]0;pwned\\x07b")
    }

    @Test func c1ControlsAndDeleteAreEscaped() {
        #expect(TerminalText.sanitised("x\u{9B}31my\u{7F}") == "x\\x9b31my\\x7f")
    }

    @Test func lineBreaksInOneLineFieldsBecomeSpaces() {
        #expect(TerminalText.sanitised("two\nlines\tand\rreturn") == "two lines and return")
        #expect(TerminalText.sanitised("two\nlines\t", oneLine: false) == "two\nlines\\x09")
    }

    @Test func ordinaryTextIsUntouched() {
        #expect(TerminalText.sanitised("Korea’s “café” 北朝鮮 🇰🇷") == "Korea’s “café” 北朝鮮 🇰🇷")
    }
}
