import NewsSearch

/// The facet counts after the hit list: one block per field, values most first.
enum FacetRenderer {
    static func render(_ facets: [String: [FacetCount]], order: [FacetField]) -> String {
        var out = ""
        for field in order {
            guard let counts = facets[field.rawValue] else { continue }
            out += "\n\(field.rawValue):\n"
            if counts.isEmpty { out += "  (no values)\n" }
            let width = counts.map { String($0.count).count }.max() ?? 1
            for item in counts {
                let number = String(item.count)
                out += "  " + String(repeating: " ", count: width - number.count) + number + "  " + TerminalText.sanitised(item.value) + "\n"
            }
        }
        return out
    }
}

