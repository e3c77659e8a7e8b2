/// How a phrase's possible starts are narrowed word by word (``PhraseMatcher``'s check
/// of one field): the starts the rarest word gives, kept where each later word stands
/// its distance after them.
extension PhraseMatcher {
    /// Keeps, in place at the front of `starts`, those that have an offset `distance`
    /// after them in `later` (both in increasing order); returns how many it kept.
    static func keepFollowed(_ starts: UnsafeMutableBufferPointer<UInt32>, by later: UnsafeBufferPointer<UInt32>, distance: UInt32) -> Int {
        var kept = 0
        var j = later.startIndex
        for index in starts.indices {
            let wanted = starts[index] + distance
            while j < later.endIndex, later[j] < wanted { j += 1 }
            if j < later.endIndex, later[j] == wanted {
                starts[kept] = starts[index]
                kept += 1
            }
        }
        return kept
    }
}
