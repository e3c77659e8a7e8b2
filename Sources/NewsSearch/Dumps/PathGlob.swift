import Foundation

/// One gitignore-style pattern, matched against paths relative to an indexed root.
///
/// The rules are those of `.gitignore`, minus character-class escapes:
/// - `*` matches any run of characters within one path segment, `?` one character,
///   `[abc]` one of a set (per segment, with fnmatch(3)); a leading `.` is not special.
/// - `**` as a whole segment matches any number of segments (`**/qrels*`, `docs/**`,
///   `a/**/b`).
/// - A pattern with no `/` except a trailing one matches a name at any depth
///   (`*.txt`, `README*`); one with a `/` elsewhere is anchored to the root
///   (`docs/*.txt`, `/notes.txt`; a leading `./` is the same as `/`).
/// - A trailing `/` matches directories only (`docs/` skips the folder and everything in it).
/// - A leading `!` negates: a later `!keep.txt` re-includes what an earlier pattern
///   excluded (a file inside an excluded directory cannot be re-included, as in git).
/// - Blank lines and lines starting with `#` are no pattern (for `.newssearchignore`).
public struct PathGlob: Sendable, Equatable, CustomStringConvertible {
    public let description: String
    /// Whether the pattern started with `!`.
    public let isNegated: Bool
    /// Whether the pattern ended with `/`: it then matches directories only.
    public let directoryOnly: Bool
    private let segments: [String]

    /// Parses `pattern`; nil for a blank line or a `#` comment.
    public init?(_ pattern: String) {
        var text = pattern.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        description = text
        isNegated = text.hasPrefix("!")
        if isNegated { text.removeFirst() }
        var anchored = false
        while text.hasPrefix("./") { text.removeFirst(2); anchored = true }
        directoryOnly = text.hasSuffix("/")
        while text.hasSuffix("/") { text.removeLast() }
        anchored = anchored || text.contains("/")
        var parts = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !parts.isEmpty else { return nil }
        if !anchored { parts.insert("**", at: 0) }
        segments = parts
    }

    /// Whether the pattern matches `relativePath` (segments separated by `/`, no leading `/`).
    public func matches(_ relativePath: String, isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        let names = relativePath.split(separator: "/").map(String.init)
        return Self.match(segments[...], names[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ names: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return names.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var tail = names
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let name = names.first, fnmatch(first, name, 0) == 0 else { return false }
        return match(pattern.dropFirst(), names.dropFirst())
    }
}

/// The include and exclude rules of one index run, applied by ``DumpWalker``.
///
/// Exclusion rules are, in order, the root's `.newssearchignore` (one ``PathGlob`` per
/// line) and then every `--exclude GLOB`; as in git the last rule that matches a path
/// decides, so a later `!pattern` re-includes. `--include GLOB` rules, when there are
/// any, keep only the files that match at least one of them (directories are always
/// walked). A file named on the command line is never filtered.
public struct PathFilter: Sendable {
    public var excludes: [PathGlob]
    public var includes: [PathGlob]

    public init(excludes: [PathGlob] = [], includes: [PathGlob] = []) {
        self.excludes = excludes
        self.includes = includes
    }

    /// The name of the ignore file read from each indexed root.
    public static let ignoreFileName = ".newssearchignore"

    /// Reads the patterns of a `.newssearchignore` file; an absent file gives none.
    public static func ignoreFilePatterns(inRoot root: String) -> [PathGlob] {
        guard let text = try? String(contentsOfFile: root + "/" + ignoreFileName, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).compactMap { PathGlob(String($0)) }
    }

    /// Whether `relativePath` is left out of the walk.
    public func excludes(_ relativePath: String, isDirectory: Bool) -> Bool {
        var excluded = false
        for glob in excludes where glob.matches(relativePath, isDirectory: isDirectory) {
            excluded = !glob.isNegated
        }
        if excluded { return true }
        guard !isDirectory, !includes.isEmpty else { return false }
        var included = false
        for glob in includes where glob.matches(relativePath, isDirectory: false) {
            included = !glob.isNegated
        }
        return !included
    }
}
