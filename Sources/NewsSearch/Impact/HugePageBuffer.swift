#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed-size, zero-filled array of plain values in memory of its own, aligned to 2 MB
/// and, where the system offers transparent huge pages on request (Linux `madvise`),
/// backed by them.
///
/// The segment directory's columns (``SectionIDColumn``, ``FieldLengthColumn``) are
/// read at random, one candidate section at a time, across megabytes: with 4 KB pages
/// nearly every read also missed the TLB (measured at 1M sections: the field-length
/// read of each candidate was the pruned search's hottest instruction).
final class HugePageBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    let count: Int
    private let base: UnsafeMutablePointer<Element>

    /// Large enough to be worth a huge page: smaller buffers are plain allocations.
    private static var hugePage: Int { 2 << 20 }

    init(count: Int) {
        self.count = count
        let bytes = max(1, count * MemoryLayout<Element>.stride)
        var memory: UnsafeMutableRawPointer?
        if bytes >= Self.hugePage {
            let rounded = (bytes + Self.hugePage - 1) / Self.hugePage * Self.hugePage
            if posix_memalign(&memory, Self.hugePage, rounded) == 0, let memory {
                #if os(Linux)
                _ = madvise(memory, rounded, MADV_HUGEPAGE)
                #endif
            } else {
                memory = nil
            }
        }
        guard let raw = memory ?? malloc(bytes) else { fatalError("out of memory for \(bytes) bytes") }
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        base = raw.bindMemory(to: Element.self, capacity: max(1, count))
    }

    deinit {
        free(base)
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "index out of range")
            base[index] = newValue
        }
    }

    /// The elements in `range`, to fill in place.
    func mutableBuffer(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Element> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
        return UnsafeMutableBufferPointer(start: base + range.lowerBound, count: range.count)
    }
}
