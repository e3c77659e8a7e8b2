/// Finds the 1-based line where each section of a text dump starts, so that a hit can
/// say `path:line`: the section's heading (or, for the lead, the start of its first
/// paragraph) is looked for in the file's text after the previous section's line.
/// A section whose text was changed by cleaning so that it is not found keeps no line.
enum SectionLines {
    static func located(_ sections: [Section], in text: String) -> [Section] {
        let bytes = Array(text.utf8)
        var cursor = 0
        var line = 1
        return sections.map { section in
            var section = section
            let probe = section.heading.isEmpty ? String(section.text.prefix { $0 != "\n" }.prefix(40)) : section.heading
            let needle = Array(probe.utf8)
            guard !needle.isEmpty, let found = find(needle, in: bytes, from: cursor) else { return section }
            for byte in bytes[cursor..<found] where byte == UInt8(ascii: "\n") { line += 1 }
            cursor = found
            section.line = line
            return section
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        ReutersSGMLReader.find(needle, in: haystack, from: from)
    }
}
