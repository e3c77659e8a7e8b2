import Foundation

/// A batch's ``SegmentBuilder`` on a serial queue of its own, so that collecting the
/// postings (an append per term and section) runs beside the index writer's FTS5
/// inserts instead of on its path: the writer is the index run's bottleneck, and this
/// work made it a fifth slower.
///
/// The writer hands over each file's sections in id order (``add(_:vocabulary:)``
/// returns at once); ``take()`` waits for what was handed over and returns the segment
/// they make, encoded, for the writer to store in its transaction.
final class SegmentAssembler: @unchecked Sendable {
    /// A section the writer inserted, with its terms numbered in the file's vocabulary.
    struct Section: Sendable {
        var id: Int64
        var terms: SectionTerms
    }

    private let queue = DispatchQueue(label: "newssearch.impact-segment")
    /// Touched only on `queue`.
    private var builder = SegmentBuilder()

    init() {}

    /// Adds `sections` (ids increasing, after every section added before) to the segment.
    func add(_ sections: [Section], vocabulary: [String]) {
        guard !sections.isEmpty else { return }
        queue.async { [self] in
            var slots: [Int32] = []
            for section in sections {
                builder.add(section: section.id, terms: section.terms, vocabulary: vocabulary, slots: &slots)
            }
        }
    }

    /// The segment of every section added so far, encoded (nil if there is none); the
    /// next section starts a new segment.
    func take() -> EncodedSegment? {
        queue.sync {
            defer { builder = SegmentBuilder() }
            return builder.encoded()
        }
    }
}
