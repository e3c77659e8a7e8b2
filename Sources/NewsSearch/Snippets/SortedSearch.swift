/// Binary search over collections sorted by a key: the one helper behind the span and
/// sentence look-ups of the snippet code.
enum SortedSearch {
    /// The index of the first element whose key is not below `value` (`elements.count`
    /// if none). O(log n); `elements` must be sorted by `key`, ascending.
    static func firstIndex<Elements: RandomAccessCollection<Element>, Element>(
        in elements: Elements, notBelow value: Int, key: (Element) -> Int
    ) -> Int where Elements.Index == Int {
        var low = elements.startIndex, high = elements.endIndex
        while low < high {
            let middle = (low + high) / 2
            if key(elements[middle]) < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension Array where Element == MergedSpan {
    /// Index of the first span starting at or after `position` (`count` if none):
    /// merged spans are sorted and do not overlap.
    func firstSpan(startingAtOrAfter position: Int) -> Int {
        SortedSearch.firstIndex(in: self, notBelow: position) { $0.range.lowerBound }
    }

    /// Index of the last span starting before `position`.
    func lastSpan(startingBefore position: Int) -> Int? {
        let first = firstSpan(startingAtOrAfter: position)
        return first > 0 ? first - 1 : nil
    }
}
