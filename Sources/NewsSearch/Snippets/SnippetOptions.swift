/// How snippets are cut.
public struct SnippetOptions: Sendable, Equatable {
    /// Target length of the whole snippet in characters (grapheme clusters).
    public var length: Int
    /// Most fragments joined with ` … ` when the matches are far apart.
    public var fragments: Int

    public init(length: Int = 200, fragments: Int = 1) {
        self.length = max(20, length)
        self.fragments = max(1, fragments)
    }
}
