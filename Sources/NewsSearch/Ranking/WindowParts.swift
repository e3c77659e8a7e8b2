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
    func removeAll() {
        count = 0
        runCount = 0
    }

    /// One phrase's run waiting to be summed (``add(_:_:count:charge:slot:)``).
    private struct Run {
        var documents: UnsafePointer<Int>
        var parts: UnsafePointer<Double>
        var count: Int
        var charge: Double
        var slot: Int
    }
    private let runs = UnsafeMutablePointer<Run>.allocate(capacity: maxSlots)
    private var runCount = 0

    /// A table over a span of documents, for summing dense runs (``sumRuns()``): per
    /// document its sum and slots, and a bit a document that has any, kept clear between
    /// windows.
    private var tableParts = UnsafeMutablePointer<Double>.allocate(capacity: 0)
    private var tableSlots = UnsafeMutablePointer<UInt64>.allocate(capacity: 0)
    private var tableBits = UnsafeMutablePointer<UInt64>.allocate(capacity: 0)
    private var tableSpan = 0
    /// The widest span summed by table (larger ones are merged).
    static let maxTableSpan = 1 << 15

    /// Adds one phrase's run to be summed: `runCount` documents in increasing order, valid
    /// until ``sumRuns()``, with their parts, each plus `charge`, marked `slot`. Runs are
    /// added in slot order.
    func add(_ runDocuments: UnsafePointer<Int>, _ runParts: UnsafePointer<Double>, count runCount: Int,
             charge: Double, slot: Int) {
        precondition(slot < Self.maxSlots, "slot \(slot) beyond a window's \(Self.maxSlots)")
        guard runCount > 0 else { return }
        runs[self.runCount] = Run(documents: runDocuments, parts: runParts, count: runCount, charge: charge, slot: slot)
        self.runCount += 1
    }

    /// Sums the runs added into the window. Where their documents span no more than 64
    /// documents a posting, by a table over the span, read back in order by its bits: a
    /// few steps a posting without a branch that depends on the data; else by merging the
    /// runs in one after another, whose comparisons the processor cannot predict.
    func sumRuns() {
        defer { runCount = 0 }
        guard runCount > 1 else {
            if runCount == 1 { merge(runs[0].documents, runs[0].parts, count: runs[0].count, charge: runs[0].charge, slot: runs[0].slot) }
            return
        }
        var first = Int.max, last = Int.min, total = 0
        for index in 0..<runCount {
            first = min(first, runs[index].documents[0])
            last = max(last, runs[index].documents[runs[index].count - 1])
            total += runs[index].count
        }
        let span = last - first + 1
        guard span <= Self.maxTableSpan, span <= 64 * total else {
            for index in 0..<runCount {
                merge(runs[index].documents, runs[index].parts, count: runs[index].count, charge: runs[index].charge, slot: runs[index].slot)
            }
            return
        }
        reserveTable(span)
        reserve(count + total)
        let bits = tableBits, parts = tableParts, slots = tableSlots
        for index in 0..<runCount {
            let run = runs[index]
            let mark: UInt64 = 1 << UInt64(run.slot)
            for posting in 0..<run.count {
                let offset = run.documents[posting] &- first
                let part = run.parts[posting] + run.charge
                let word = offset >> 6, bit: UInt64 = 1 << UInt64(offset & 63)
                if bits[word] & bit == 0 {
                    bits[word] |= bit
                    parts[offset] = part
                    slots[offset] = mark
                } else {
                    parts[offset] = parts[offset] + part
                    slots[offset] |= mark
                }
            }
        }
        var written = count
        for word in 0..<((span + 63) >> 6) {
            var set = bits[word]
            bits[word] = 0
            while set != 0 {
                let offset = word << 6 | set.trailingZeroBitCount
                set &= set &- 1
                documents[written] = first &+ offset
                self.parts[written] = parts[offset]
                self.slots[written] = slots[offset]
                written &+= 1
            }
        }
        count = written
    }

    /// Room in the table for `span` documents, its bits clear.
    private func reserveTable(_ span: Int) {
        guard span > tableSpan else { return }
        tableParts.deallocate()
        tableSlots.deallocate()
        tableBits.deallocate()
        tableSpan = max(span, 2 * tableSpan)
        tableParts = .allocate(capacity: tableSpan)
        tableSlots = .allocate(capacity: tableSpan)
        let words = (tableSpan + 63) >> 6
        tableBits = .allocate(capacity: words)
        tableBits.initialize(repeating: 0, count: words)
    }

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
        runs.deallocate()
        tableParts.deallocate()
        tableSlots.deallocate()
        tableBits.deallocate()
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
