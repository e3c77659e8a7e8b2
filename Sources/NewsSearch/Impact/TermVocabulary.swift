import Foundation

/// The distinct terms of one dump file, numbered as the parsing thread meets them: its
/// sections name terms by number, so the index writer looks each term up once per file,
/// not once per posting, and a parsed chunk holds each term's text once.
///
/// Terms are looked up by their UTF-8 bytes (``number(bytes:)``) in an open-addressing
/// table of its own, so the tokenizer's callback numbers a token without making a
/// `String` of it or hashing one: a `String` is made once per distinct term. Making and
/// hashing a `String` per token was the largest cost of the parsing thread's stemming pass.
struct TermVocabulary: Sendable {
    /// The terms, by number.
    private(set) var terms: [String] = []
    /// Every term's bytes, one after another; term *n* ends at `ends[n]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Term numbers by hash slot (linear probing), -1 for an empty slot; at most half full.
    private var table = [Int32](repeating: -1, count: 256)

    init() {}

    /// How many distinct terms it holds.
    var count: Int { terms.count }

    /// The number of the term with these UTF-8 bytes, given the next number if it is new.
    mutating func number(bytes term: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(term)
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let known = table[slot]
            if known < 0 { break }
            if hashes[Int(known)] == hash, matches(Int(known), term) { return known }
            slot = (slot + 1) & mask
        }
        let number = Int32(terms.count)
        bytes.append(contentsOf: term)
        ends.append(bytes.count)
        hashes.append(hash)
        terms.append(String(decoding: term, as: UTF8.self))
        table[slot] = number
        if terms.count * 2 > table.count { grow() }
        return number
    }

    private func matches(_ number: Int, _ term: UnsafeRawBufferPointer) -> Bool {
        let start = number == 0 ? 0 : ends[number - 1]
        guard ends[number] - start == term.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            term.isEmpty || memcmp(stored.baseAddress! + start, term.baseAddress!, term.count) == 0
        }
    }

    private mutating func grow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(number)
        }
    }

    /// FNV-1a, with a final mix so that the low bits (the slot) depend on every byte.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        hash ^= hash >> 29
        hash = hash &* 0xbf58_476d_1ce4_e5b9
        return hash ^ (hash >> 32)
    }
}
