/// A per-article attribute a search can be narrowed by (`--source bbc`, `source:bbc`).
///
/// Values are compared case-insensitively and exactly (`business` matches the BBC
/// folder `business`, not `business-news`). Reuters articles may have several
/// categories (`<TOPICS>`) and places (`<PLACES>`): a filter matches any of them.
public enum ArticleField: String, Sendable, CaseIterable, Codable, Hashable {
    /// The top folder under the indexed root (`bbc`), or JSON `source`/`domain`.
    case source
    /// The BBC folder (`business`), Reuters `<TOPICS>`, JSON `category`/`section`.
    case category
    /// Reuters `<PLACES>`, JSON `place`/`country`.
    case place
    /// The article's author as the dump gives it.
    case author
    /// JSON `lang`/`language`, if given.
    case lang
}

/// A field that matching articles can be counted by (`--facets source,year`).
public enum FacetField: String, Sendable, CaseIterable, Codable, Hashable {
    case source, category, author, year, month
    /// `place` and `lang` count like the other attributes.
    case place, lang

    /// The attribute counted, or nil for the date-derived `year` and `month`.
    var attribute: ArticleField? {
        switch self {
        case .source: .source
        case .category: .category
        case .author: .author
        case .place: .place
        case .lang: .lang
        case .year, .month: nil
        }
    }
}

/// How many matching articles have one value of a facet.
public struct FacetCount: Sendable, Codable, Equatable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        (self.value, self.count) = (value, count)
    }
}

/// The order of the hits.
public enum SearchSort: String, Sendable, CaseIterable, Codable {
    /// Best score first (the default).
    case relevance
    /// Latest publication date first; ties by relevance; undated articles last.
    case newest
    /// Earliest publication date first; ties by relevance; undated articles last.
    case oldest
}
