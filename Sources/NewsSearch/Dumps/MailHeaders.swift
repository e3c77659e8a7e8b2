/// The header block of a mail or Usenet message (`From:`, `Subject:`, `Date:`,
/// `Newsgroups:` … up to the first blank line), as in the 20 Newsgroups corpus.
struct MailHeaders {
    /// Header values by lowercased name (the first of each name; folded lines joined).
    var fields: [String: String]
    /// The text after the blank line that ends the headers.
    var body: Substring

    /// The headers at the start of `text`, if it starts with a header block that has a
    /// `From:` or `Subject:` line and ends with a blank line.
    init?(_ text: String) {
        var fields: [String: String] = [:]
        var last: String?
        var rest = Substring(text)
        while let newline = rest.firstIndex(of: "\n") ?? (rest.isEmpty ? nil : rest.endIndex) {
            var line = rest[..<newline]
            if line.last == "\r" { line = line.dropLast() }
            rest = newline < rest.endIndex ? rest[rest.index(after: newline)...] : ""
            if line.allSatisfy(\.isWhitespace) {
                guard fields["from"] != nil || fields["subject"] != nil else { return nil }
                self.fields = fields
                body = rest
                return
            }
            if let first = line.first, first == " " || first == "\t", let name = last {
                fields[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":"), line.startIndex < colon,
                  line[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
                  line[line.startIndex].isLetter else { return nil }
            let name = line[..<colon].lowercased()
            if fields[name] == nil { fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
            last = name
        }
        return nil
    }
}

import Foundation
