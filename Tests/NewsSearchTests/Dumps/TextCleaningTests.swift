import Foundation
import Testing
@testable import NewsSearch

@Suite struct TextCleaningTests {
    /// The readers' trim must agree with Foundation's `.whitespacesAndNewlines`, which it replaces.
    @Test(arguments: ["", " ", "\n\t\r ", "plain", "  both ends  ", "\u{00A0}no-break\u{00A0}", "\u{3000}全角\u{3000}",
                      "\u{2028}line separators\u{2029}", "\u{0085}next line\u{0085}", "\u{2009}thin\u{200A}",
                      " e\u{301} ", " \u{301}mark first", "emoji 👍🏽 ", "\u{200B}zero width space\u{200B}", "\u{180E}mongolian vowel separator\u{180E}",
                      "\u{FEFF}byte order mark\u{FEFF}", "inner \n\t kept"])
    func trimmingMatchesFoundation(_ text: String) {
        #expect(TextCleaning.trimmingWhitespace(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Every scalar that Foundation counts as white space, and no other, is trimmed.
    @Test func everyScalarIsTrimmedAsFoundationTrimsIt() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar) + "x" + String(scalar)
            if TextCleaning.trimmingWhitespace(text) != text.trimmingCharacters(in: .whitespacesAndNewlines) { differing.append(value) }
        }
        #expect(differing.isEmpty)
    }

    @Test func textWithNothingToTrimIsReturnedAsItIs() {
        let text = String(repeating: "word ", count: 1000) + "end"
        #expect(TextCleaning.trimmingWhitespace(text) == text)
    }
}
