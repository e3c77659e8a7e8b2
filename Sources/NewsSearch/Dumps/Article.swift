/// One news article as read from a dump, before it is indexed.
///
/// An article is a title plus an ordered list of ``Section``s. Text that is page
/// chrome (the related-article teasers at the foot of a scraped page) is kept apart in
/// ``related`` so that it can be shown but never searched.
public struct Article: Sendable, Equatable, Codable {
    /// The identifier the source gave the article (`id` in JSON, `NEWID` in Reuters), if any.
    public var externalID: String?
    public var title: String
    public var author: String?
    public var date: String?
    public var url: String?
    /// Where the article comes from (JSON `source`/`domain`); for files without one the
    /// indexer uses the top folder under the indexed root.
    public var source: String?
    /// Topics or sections (Reuters `<TOPICS>`, JSON `category`/`section`); the indexer
    /// falls back to the file's folder.
    public var categories: [String] = []
    /// Places the article is about (Reuters `<PLACES>`, JSON `place`/`country`).
    public var places: [String] = []
    /// The language, if the dump says (JSON `lang`/`language`).
    public var lang: String?
    /// The article text in reading order; the first section is the lead when its heading is empty.
    public var sections: [Section]
    /// Related-article teasers found in the page trailer. Never indexed.
    public var related: [RelatedItem]

    public init(
        externalID: String? = nil, title: String, author: String? = nil, date: String? = nil,
        url: String? = nil, sections: [Section], related: [RelatedItem] = []
    ) {
        (self.externalID, self.title, self.author, self.date) = (externalID, title, author, date)
        (self.url, self.sections, self.related) = (url, sections, related)
    }

    /// ``date`` as seconds since 1970 (UTC), if it is a date ``PublicationDate`` reads.
    public var publishedSeconds: Int64? { date.flatMap(PublicationDate.seconds(from:)) }

    /// Number of UTF-8 bytes of searchable text (title plus every heading and section text).
    public var textBytes: Int {
        sections.reduce(title.utf8.count) { $0 + $1.heading.utf8.count + $1.text.utf8.count }
    }
}

/// A run of article text under one heading. The lead section has an empty heading.
public struct Section: Sendable, Equatable, Codable {
    public var heading: String
    /// Paragraphs joined by a single newline.
    public var text: String
    /// The 1-based line of the file where the section starts, for text dumps.
    public var line: Int?

    public init(heading: String, text: String, line: Int? = nil) {
        (self.heading, self.text, self.line) = (heading, text, line)
    }
}

/// A teaser for another article from the trailer of a scraped page.
public struct RelatedItem: Sendable, Equatable, Codable {
    public var title: String
    public var teaser: String

    public init(title: String, teaser: String) {
        (self.title, self.teaser) = (title, teaser)
    }
}
