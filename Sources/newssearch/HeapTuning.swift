#if canImport(CHeap) && os(Linux)
import CHeap
#endif

/// How the C heap treats the large buffers searches allocate and free.
///
/// A search reads each word's postings into one buffer: megabytes for a common word
/// (`the` is 2.7 MB in a 1M-section index). By default glibc gives a buffer that large
/// its own mapping and unmaps it when freed, so the next search faults in and zeroes
/// every page again (a tenth of the time of `"the progressive"`, measured). Above these
/// thresholds only: large buffers come from the heap, and up to 64 MB freed at its top
/// stays there for the next search. Measured on the 1M-section index, 2 rounds
/// alternating: p99 of the median AND queries 4.7 -> 3.4 ms, of the median phrases
/// 5.3 -> 2.3 ms, the medians unchanged.
enum HeapTuning {
    /// For commands that search many times in one process (`bench`, `eval`, `serve`) or
    /// read large postings once (`search`).
    static func keepLargeBuffers() {
        #if canImport(CHeap) && os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 64 << 20)
        #endif
    }
}
