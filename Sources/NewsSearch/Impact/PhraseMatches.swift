/// The sections a phrase of several words matches, in global document order, with its
/// frequency per field in each (within its columns).
struct PhraseMatches {
    var documents: [Int] = []
    var frequencies: [SIMD4<UInt32>] = []

    /// The first position at or after `start` whose document is at least `target`
    /// (galloping, then bisecting), or the count.
    func index(atOrAfter target: Int, from start: Int) -> Int {
        var low = start, step = 1
        while low + step < documents.count, documents[low + step] < target { low += step; step *= 2 }
        var high = min(documents.count, low + step + 1)
        while low < high {
            let middle = (low + high) / 2
            if documents[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
