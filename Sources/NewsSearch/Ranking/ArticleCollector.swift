/// Groups matching sections into articles and keeps the best `k`, in one pass.
///
/// FTS5 returns matches in ascending row id, and a section's row id starts with its
/// article id (``SectionID``), so all sections of an article arrive together: the
/// collector keeps a running best for the current article and pushes it into a bounded
/// heap when the article changes. O(rows · log k) time, O(k) memory.
///
/// Order: higher score first; ties go to the lower article id, then the lower section
/// ordinal, so results are deterministic.
public struct ArticleCollector {
    /// One article's best section and how many of its sections matched.
    public struct Entry: Sendable, Equatable {
        public var article: Int64
        public var section: Int64
        public var score: Double
        /// Ranks before the score when the hits are sorted by something else (a date).
        public var key: Double = 0
        public var matchingSections: Int
        /// Every matching section's id and score (kept only when asked for).
        public var sections: [(id: Int64, score: Double)]

        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.article == rhs.article && lhs.section == rhs.section && lhs.score == rhs.score
                && lhs.matchingSections == rhs.matchingSections
        }

        /// Whether `self` ranks before `other`.
        func ranksBefore(_ other: Entry) -> Bool {
            if key != other.key { return key > other.key }
            if score != other.score { return score > other.score }
            if article != other.article { return article < other.article }
            return section < other.section
        }
    }

    public let capacity: Int
    /// Group by article (default) or treat every section as its own result.
    public let groupByArticle: Bool
    public let keepSections: Bool
    public private(set) var total = 0
    private var heap: [Entry] = []
    private var current: Entry?

    public init(capacity: Int, groupByArticle: Bool = true, keepSections: Bool = false) {
        self.capacity = max(1, capacity)
        self.groupByArticle = groupByArticle
        self.keepSections = keepSections
        heap.reserveCapacity(self.capacity + 1)
    }

    /// The score a section needs to possibly enter the top `k`: the worst kept score
    /// once the heap is full, else minus infinity. It only ever rises. (Meaningful only
    /// when every key is the same.)
    public var threshold: Double {
        heap.count < capacity ? -.infinity : heap[0].score
    }

    /// The key an article needs to possibly enter the top `k` when hits are sorted by
    /// key (a date): the worst kept key once the heap is full, else minus infinity. An
    /// article with a lower key can never enter; it only ever rises.
    public var keyThreshold: Double {
        heap.count < capacity ? -.infinity : heap[0].key
    }

    /// Adds one matching section; sections must come in ascending id order. `key`
    /// orders before the score (the same for every section of an article).
    public mutating func add(section: Int64, score: Double, key: Double = 0) {
        let article = groupByArticle ? SectionID.article(of: section) : section
        if var entry = current, entry.article == article {
            entry.matchingSections += 1
            if keepSections { entry.sections.append((section, score)) }
            if score > entry.score { entry.score = score; entry.section = section }
            current = entry
            return
        }
        flush()
        current = Entry(article: article, section: section, score: score, key: key, matchingSections: 1,
                        sections: keepSections ? [(section, score)] : [])
    }

    /// The best entries, best first.
    public mutating func finish() -> [Entry] {
        flush()
        return heap.sorted { $0.ranksBefore($1) }
    }

    private mutating func flush() {
        guard let entry = current else { return }
        current = nil
        total += 1
        if heap.count < capacity {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if entry.ranksBefore(heap[0]) {
            heap[0] = entry
            siftDown(0)
        }
    }

    // A min-heap on rank: heap[0] is the worst entry kept.
    private func worse(_ a: Int, _ b: Int) -> Bool { heap[b].ranksBefore(heap[a]) }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard worse(child, parent) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var worst = parent
            if left < heap.count, worse(left, worst) { worst = left }
            if right < heap.count, worse(right, worst) { worst = right }
            if worst == parent { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
