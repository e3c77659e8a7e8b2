import Foundation

/// One search's use of ``ArticleAttributes``: whether a matching article passes the
/// date range and the filters, its sort key and recency factor, and the facet counts,
/// each in O(1) per scanned row.
struct AttributeScan {
    let attributes: ArticleAttributes
    private let since: Int64?
    private let until: Int64?
    /// Per filtered field: the article codes, and which codes pass.
    private let filters: [(codes: [UInt32], passes: [Bool])]
    private let sort: SearchSort
    private let halfLife: Double?
    private let newest: Int64
    private let oldest: Int64
    private let facetFields: [FacetField]
    /// Per attribute facet: matching articles per code.
    private var codeCounts: [[Int]]
    private var periodCounts: [FacetField: [Int: Int]] = [:]
    private var lastCounted: Int64 = -1

    /// Whether the search asks for anything this scan does.
    static func isNeeded(_ options: SearchOptions) -> Bool {
        options.since != nil || options.until != nil || options.sort != .relevance || options.recencyHalfLife != nil
            || options.filters.values.contains { !$0.isEmpty } || !options.facets.isEmpty
    }

    init(attributes: ArticleAttributes, options: SearchOptions) {
        self.attributes = attributes
        since = options.since.map { Int64(($0.timeIntervalSince1970).rounded(.down)) }
        until = options.until.map { Int64(($0.timeIntervalSince1970).rounded(.up)) }
        filters = options.filters.sorted { $0.key.rawValue < $1.key.rawValue }.compactMap { field, wanted in
            guard !wanted.isEmpty else { return nil }
            let set = Set(wanted.map { $0.lowercased() })
            let table = attributes.values[field] ?? [[]]
            let passes = table.map { values in values.contains { set.contains($0.lowercased()) } }
            return (attributes.codes[field] ?? [], passes)
        }
        sort = options.sort
        halfLife = options.recencyHalfLife.flatMap { $0 > 0 ? $0 : nil }
        var newest = Int64.min, oldest = Int64.max
        if halfLife != nil {
            for date in attributes.dates where date != ArticleAttributes.undated {
                newest = max(newest, date)
                oldest = min(oldest, date)
            }
        }
        self.newest = newest
        self.oldest = oldest
        facetFields = options.facets
        codeCounts = options.facets.map { field in
            field.attribute.map { Array(repeating: 0, count: attributes.values[$0]?.count ?? 1) } ?? []
        }
    }

    /// Whether the article passes the date range and every filter.
    @inline(__always)
    func admits(_ article: Int64) -> Bool {
        if since != nil || until != nil {
            guard let date = attributes.date(of: article) else { return false }
            if let since, date < since { return false }
            if let until, date >= until { return false }
        }
        for filter in filters {
            let code = article >= 0 && article < Int64(filter.codes.count) ? Int(filter.codes[Int(article)]) : 0
            guard filter.passes[code] else { return false }
        }
        return true
    }

    /// The key the hits are ordered by before their score.
    @inline(__always)
    func key(_ article: Int64) -> Double {
        switch sort {
        case .relevance: return 0
        case .newest: return attributes.date(of: article).map { Double($0) } ?? -.infinity
        case .oldest: return attributes.date(of: article).map { -Double($0) } ?? -.infinity
        }
    }

    /// The recency factor of an article (1 without a half-life).
    func factor(_ article: Int64) -> Double {
        guard let halfLife, newest != Int64.min else { return 1 }
        let date = attributes.date(of: article) ?? oldest
        return exp2(-Double(newest - date) / halfLife)
    }

    /// Counts a matching article in the facets (once, however many sections match).
    @inline(__always)
    mutating func count(_ article: Int64) {
        guard !facetFields.isEmpty, article != lastCounted else { return }
        lastCounted = article
        for (index, field) in facetFields.enumerated() {
            if let attribute = field.attribute {
                let codes = attributes.codes[attribute] ?? []
                let code = article >= 0 && article < Int64(codes.count) ? Int(codes[Int(article)]) : 0
                if code != 0 { codeCounts[index][code] += 1 }
            } else if let date = attributes.date(of: article) {
                let (year, month, _) = CivilTime.date(days: CivilTime.floorDivide(date, 86_400))
                periodCounts[field, default: [:]][field == .year ? year : year * 100 + month, default: 0] += 1
            }
        }
    }

    /// The 10 values with the most matching articles per facet field.
    func facets(limit: Int = 10) -> [String: [FacetCount]] {
        var result: [String: [FacetCount]] = [:]
        for (index, field) in facetFields.enumerated() {
            var totals: [String: Int] = [:]
            if let attribute = field.attribute {
                for (code, count) in codeCounts[index].enumerated() where count > 0 {
                    for value in attributes.values(attribute, code: UInt32(code)) { totals[value, default: 0] += count }
                }
            } else {
                for (period, count) in periodCounts[field] ?? [:] {
                    totals[field == .year ? String(period) : "\(period / 100)-\(CivilTime.pad(period % 100, 2))"] = count
                }
            }
            result[field.rawValue] = totals.map { FacetCount(value: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
                .prefix(limit).map { $0 }
        }
        return result
    }
}
