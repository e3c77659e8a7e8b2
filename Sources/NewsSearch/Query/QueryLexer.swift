/// Splits query text into tokens: words, quoted phrases, parentheses and operators.
///
/// Rules: whitespace separates; `"…"` and `“…”` quote a phrase (an unclosed quote runs
/// to the end); `(` and `)` group; `OR`, `AND`, `NOT` in capitals are operators
/// (lowercase `or` is a word); a leading `-` excludes; a trailing `*` asks for a
/// prefix; `title:`, `heading:`, `body:`, `author:` restrict to a field; `NEAR(` opens a
/// proximity group; `"…"~N` is a proximity phrase. Control characters are dropped.
struct QueryLexer {
    enum Kind: Equatable {
        case word(String, prefix: Bool)
        case phrase(String, proximity: Int?)
        case open
        case close
        case or
        case and
        case not
        case minus
        case field(QueryField)
        case near
        case comma
    }

    struct Token: Equatable {
        var kind: Kind
        /// 1-based character column where the token starts.
        var column: Int
    }

    static func tokens(_ text: String) -> [Token] {
        let characters = Array(text.filter { character in
            !character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control && !$0.properties.isWhitespace }
        })
        var tokens: [Token] = []
        var index = 0
        func isSpace(_ c: Character) -> Bool { c.isWhitespace }
        func isBoundary(_ c: Character) -> Bool { c.isWhitespace || c == "(" || c == ")" || c == "\"" || c == "“" || c == "”" }

        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            if isSpace(character) { index += 1; continue }
            switch character {
            case "(": tokens.append(Token(kind: .open, column: column)); index += 1; continue
            case ")": tokens.append(Token(kind: .close, column: column)); index += 1; continue
            case ",": tokens.append(Token(kind: .comma, column: column)); index += 1; continue
            case "\"", "“", "”":
                var end = index + 1
                while end < characters.count, !["\"", "“", "”"].contains(characters[end]) { end += 1 }
                let phrase = String(characters[(index + 1)..<min(end, characters.count)])
                index = min(end + 1, characters.count)
                var proximity: Int?
                if index < characters.count, characters[index] == "~" {
                    var digits = index + 1
                    while digits < characters.count, characters[digits].isASCII, characters[digits].isNumber { digits += 1 }
                    proximity = Int(String(characters[(index + 1)..<digits])).map { min($0, 10_000) } ?? 10
                    index = digits
                }
                tokens.append(Token(kind: .phrase(phrase, proximity: proximity), column: column))
                continue
            case "-" where index + 1 < characters.count && !isBoundary(characters[index + 1]) && characters[index + 1] != "-"
                && (tokens.isEmpty || index == 0 || isBoundary(characters[index - 1])):
                tokens.append(Token(kind: .minus, column: column))
                index += 1
                continue
            case "-" where index + 1 < characters.count && (characters[index + 1] == "\"" || characters[index + 1] == "(" || characters[index + 1] == "“"):
                tokens.append(Token(kind: .minus, column: column))
                index += 1
                continue
            default: break
            }
            var end = index
            var isField = false
            while end < characters.count, !isBoundary(characters[end]) {
                if characters[end] == ":", let field = QueryField(rawValue: String(characters[index..<end]).lowercased()) {
                    tokens.append(Token(kind: .field(field), column: column))
                    isField = true
                    break
                }
                end += 1
            }
            if isField { index = end + 1; continue }
            var trailingCommas = 0
            while end - trailingCommas > index + 1, characters[end - trailingCommas - 1] == "," { trailingCommas += 1 }
            var word = String(characters[index..<(end - trailingCommas)])
            if word == "NEAR", end < characters.count, characters[end] == "(" {
                tokens.append(Token(kind: .near, column: column))
                index = end + 1
                continue
            }
            index = end
            switch word {
            case "OR", "|": tokens.append(Token(kind: .or, column: column))
            case "AND", "&": tokens.append(Token(kind: .and, column: column))
            case "NOT": tokens.append(Token(kind: .not, column: column))
            default:
                var prefix = false
                while word.count > 1, word.hasSuffix("*") { word.removeLast(); prefix = true }
                tokens.append(Token(kind: .word(word, prefix: prefix), column: column))
            }
            for offset in 0..<trailingCommas { tokens.append(Token(kind: .comma, column: end - trailingCommas + offset + 1)) }
        }
        return tokens
    }
}
