#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed-size, zero-filled array of plain values in memory of its own, aligned to 2 MB
/// and, where the system offers transparent huge pages on request (Linux `madvise`),
/// backed by them: on Linux a large one is mapped for itself (fresh pages are zero).
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

    /// The mapping the elements live in when they were mapped for themselves (its start
    /// is ``base``), else nil: allocated, and freed.
    private let mappedBytes: Int?

    init(count: Int) {
        self.count = count
        let bytes = max(1, count * MemoryLayout<Element>.stride)
        #if os(Linux)
        if bytes >= Self.hugePage, let (memory, length) = Self.mapHugePages(bytes) {
            // Fresh anonymous pages read as zero: filling them first touched all of them
            // twice (the kernel zeroes a page when it is first written), 12 MB at 1M
            // sections before any search could start.
            base = memory.bindMemory(to: Element.self, capacity: count)
            mappedBytes = length
            return
        }
        #endif
        var memory: UnsafeMutableRawPointer?
        if bytes >= Self.hugePage {
            let rounded = (bytes + Self.hugePage - 1) / Self.hugePage * Self.hugePage
            if posix_memalign(&memory, Self.hugePage, rounded) != 0 { memory = nil }
        }
        guard let raw = memory ?? malloc(bytes) else { fatalError("out of memory for \(bytes) bytes") }
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        base = raw.bindMemory(to: Element.self, capacity: max(1, count))
        mappedBytes = nil
    }

    deinit {
        #if os(Linux)
        if let mappedBytes {
            munmap(base, mappedBytes)
            return
        }
        #endif
        free(base)
    }

    #if os(Linux)
    /// `bytes` rounded up to whole huge pages, mapped on a huge-page boundary (a map one
    /// huge page longer, its ends unmapped) and offered transparent huge pages; nil when
    /// the system refuses the map.
    private static func mapHugePages(_ bytes: Int) -> (UnsafeMutableRawPointer, Int)? {
        let length = (bytes + hugePage - 1) / hugePage * hugePage
        guard let mapped = mmap(nil, length + hugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != MAP_FAILED else { return nil }
        let address = UInt(bitPattern: mapped)
        let aligned = (address + UInt(hugePage) - 1) / UInt(hugePage) * UInt(hugePage)
        let head = Int(aligned - address)
        if head > 0 { munmap(mapped, head) }
        let start = mapped + head
        let tail = hugePage - head
        if tail > 0 { munmap(start + length, tail) }
        _ = madvise(start, length, MADV_HUGEPAGE)
        return (start, length)
    }
    #endif

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
