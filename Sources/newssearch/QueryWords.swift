/// How `search` tells query words from mistyped options.
///
/// The query is every word the parser did not take as an option, in order, so
/// `search trade -china` searches `trade -china`. Two kinds of word are refused
/// unless they follow `--`: a first word starting with a dash (`search -china trade`
/// more likely means an option the user misremembers than an exclusion with nothing
/// to exclude from) and any word starting with two dashes (`--limt 5`, a misspelt option).
enum QueryWords {
    /// The query's words: `words` as the parser captured them, without the `--`
    /// terminator (which it keeps, with everything after it).
    static func query(from words: [String], arguments: [String]) -> [String] {
        guard arguments.contains("--"), let terminator = words.firstIndex(of: "--") else { return words }
        var words = words
        words.remove(at: terminator)
        return words
    }

    /// The first word that looks like a mistyped option and was not written after
    /// `--` on the command line (`arguments`, as `CommandLine.arguments`); nil if none.
    static func misreadOption(in arguments: [String], words: [String]) -> String? {
        let terminator = arguments.firstIndex(of: "--") ?? arguments.endIndex
        let beforeTerminator = Set(arguments[..<terminator])
        for (index, word) in words.enumerated() where word.count > 1 && beforeTerminator.contains(word) {
            if word.hasPrefix("--") || (index == 0 && word.hasPrefix("-")) { return word }
        }
        return nil
    }
}
