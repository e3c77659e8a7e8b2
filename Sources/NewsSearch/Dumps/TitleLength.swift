/// Keeps titles to a length a result line can show.
///
/// A title longer than ``maximum`` characters (a file with no line breaks, a JSON
/// `title` holding the whole story) is cut at the last space before the limit (or at
/// the limit when there is none) and the rest becomes the first paragraph of the body,
/// so no text is lost and `search` never prints a 100 MB title. Headings are already
/// short by definition (``Sectionizer``: at most 100 characters).
public enum TitleLength {
    /// The longest title kept, in characters.
    public static let maximum = 300

    /// `title` cut to ``maximum`` characters, and the text cut off (nil if none).
    public static func split(_ title: String) -> (title: String, rest: String?) {
        guard let limit = title.index(title.startIndex, offsetBy: maximum, limitedBy: title.endIndex),
              limit < title.endIndex else { return (title, nil) }
        var cut = limit
        if title[limit] != " ", let space = title[..<limit].lastIndex(of: " "), space > title.startIndex {
            cut = space
        }
        let head = title[..<cut].trimmingSuffix(while: \.isWhitespace)
        let rest = title[cut...].drop(while: \.isWhitespace)
        return (String(head), rest.isEmpty ? nil : String(rest))
    }
}

extension Substring {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
