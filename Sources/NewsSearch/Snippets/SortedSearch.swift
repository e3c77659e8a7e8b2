/// Binary search over collections sorted by a key: the one helper behind the span and
/// sentence look-ups of the snippet code, the recorded rows of an exhaustive scan and the
/// section ids of impact segments. (The posting cursor's block search, which gallops
/// from its current block first, is its own.)
enum SortedSearch {
    /// The index of the first element whose key is not below `value` (`elements.endIndex`
    /// if none). O(log n); `elements` must be sorted by `key`, ascending.
    static func firstIndex<Elements: RandomAccessCollection<Element>, Element, Key: Comparable>(
        in elements: Elements, notBelow value: Key, key: (Element) -> Key
    ) -> Int where Elements.Index == Int {
        var low = elements.startIndex, high = elements.endIndex
        while low < high {
            let middle = (low + high) / 2
            if key(elements[middle]) < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of `value` in the sorted `elements`, if it is there.
    static func index<Elements: RandomAccessCollection<Key>, Key: Comparable>(of value: Key, in elements: Elements) -> Int?
        where Elements.Index == Int {
        let found = firstIndex(in: elements, notBelow: value) { $0 }
        return found < elements.endIndex && elements[found] == value ? found : nil
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
