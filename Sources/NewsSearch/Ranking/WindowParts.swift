/// The strong phrases' exact parts in one MaxScore window, summed per document, in
/// document order: each phrase's run of postings there is merged in with its part and
/// its slot marked (Lucene's `MaxScoreBulkScorer` scores its essential clauses into a
/// window buffer the same way, a clause at a time). A document's sum is built in slot
/// order, `((0 + p₀) + p₁) + …`, as the one-candidate-at-a-time walk adds its parts.
///
/// A class with buffers of its own (kept from window to window), so that the merge
/// mutates no array held in a value (each such mutation checks the array for uniqueness).
final class WindowParts {
    /// How many documents the window holds so far.
    private(set) var count = 0
    /// Per document: its number, its parts' sum and its slots (bit `s` for slot `s`).
    private(set) var documents: UnsafeMutablePointer<Int>
    private(set) var parts: UnsafeMutablePointer<Double>
    private(set) var slots: UnsafeMutablePointer<UInt64>
    /// Where a merge writes, swapped with the above after it.
    private var nextDocuments: UnsafeMutablePointer<Int>
    private var nextParts: UnsafeMutablePointer<Double>
    private var nextSlots: UnsafeMutablePointer<UInt64>
    private var capacity: Int

    /// The most slots a window can mark.
    static let maxSlots = UInt64.bitWidth

    init(capacity: Int = 4 * PostingsCodec.blockSize) {
        self.capacity = capacity
        documents = .allocate(capacity: capacity)
        parts = .allocate(capacity: capacity)
        slots = .allocate(capacity: capacity)
        nextDocuments = .allocate(capacity: capacity)
        nextParts = .allocate(capacity: capacity)
        nextSlots = .allocate(capacity: capacity)
    }

    deinit { deallocateAll() }

    /// Empties the window, keeping the buffers.
    func removeAll() { count = 0 }

    /// Merges in one phrase's run: `runCount` documents in increasing order with their
    /// parts, each plus `charge` (the phrase's share of the proximity bound), marked `slot`.
    func merge(_ runDocuments: UnsafePointer<Int>, _ runParts: UnsafePointer<Double>, count runCount: Int,
               charge: Double, slot: Int) {
        precondition(slot < Self.maxSlots, "slot \(slot) beyond a window's \(Self.maxSlots)")
        reserve(count + runCount)
        let mark: UInt64 = 1 << UInt64(slot)
        var mine = 0, theirs = 0, written = 0
        while mine < count, theirs < runCount {
            let document = documents[mine], other = runDocuments[theirs]
            if document < other {
                put(written, document, parts[mine], slots[mine])
                mine &+= 1
            } else if other < document {
                put(written, other, runParts[theirs] + charge, mark)
                theirs &+= 1
            } else {
                put(written, document, parts[mine] + (runParts[theirs] + charge), slots[mine] | mark)
                mine &+= 1
                theirs &+= 1
            }
            written &+= 1
        }
        while mine < count {
            put(written, documents[mine], parts[mine], slots[mine])
            mine &+= 1
            written &+= 1
        }
        while theirs < runCount {
            put(written, runDocuments[theirs], runParts[theirs] + charge, mark)
            theirs &+= 1
            written &+= 1
        }
        swap(&documents, &nextDocuments)
        swap(&parts, &nextParts)
        swap(&slots, &nextSlots)
        count = written
    }

    @inline(__always) private func put(_ index: Int, _ document: Int, _ part: Double, _ marks: UInt64) {
        nextDocuments[index] = document
        nextParts[index] = part
        nextSlots[index] = marks
    }

    /// Room for `needed` documents in both sets of buffers, keeping the current ones.
    private func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let grown = max(needed, 2 * capacity)
        let (oldDocuments, oldParts, oldSlots) = (documents, parts, slots)
        deallocate(nextDocuments, nextParts, nextSlots)
        documents = .allocate(capacity: grown)
        parts = .allocate(capacity: grown)
        slots = .allocate(capacity: grown)
        documents.update(from: oldDocuments, count: count)
        parts.update(from: oldParts, count: count)
        slots.update(from: oldSlots, count: count)
        deallocate(oldDocuments, oldParts, oldSlots)
        nextDocuments = .allocate(capacity: grown)
        nextParts = .allocate(capacity: grown)
        nextSlots = .allocate(capacity: grown)
        capacity = grown
    }

    private func deallocateAll() {
        deallocate(documents, parts, slots)
        deallocate(nextDocuments, nextParts, nextSlots)
    }

    private func deallocate(_ documents: UnsafeMutablePointer<Int>, _ parts: UnsafeMutablePointer<Double>,
                            _ slots: UnsafeMutablePointer<UInt64>) {
        documents.deallocate()
        parts.deallocate()
        slots.deallocate()
    }
}
