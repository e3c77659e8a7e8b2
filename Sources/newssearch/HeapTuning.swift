#if canImport(Glibc) && canImport(CHeap)
import CHeap
#endif

/// How the C heap treats the large buffers searches allocate and free.
///
/// A search reads each word's postings into one buffer: megabytes for a common word
/// (`the` is 2.7 MB in a 1M-section index). By default glibc gives a buffer that large
/// its own mapping and unmaps it when freed, so the next search faults in and zeroes
/// every page again (a tenth of the time of `"the progressive"`, measured). With these
/// thresholds, buffers up to 32 MB come from the heap, and up to 32 MB freed at the top
/// of each of its arenas stays there for the next search (so `serve`, whose searches
/// run on a few threads, keeps at most that much a thread's arena resident). glibc only
/// (musl has no `mallopt`). Measured on the 1M-section index, 2 rounds
/// alternating: p99 of the median AND queries 4.7 -> 3.4 ms, of the median phrases
/// 5.3 -> 2.3 ms, the medians unchanged.
enum HeapTuning {
    /// For commands that search many times in one process (`bench`, `eval`, `serve`) or
    /// read large postings once (`search`).
    static func keepLargeBuffers() {
        #if canImport(Glibc) && canImport(CHeap)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 32 << 20)
        #endif
    }
}
