/// Counts with their nouns in the right number: `1 article`, `2 articles`.
enum Counted {
    /// `count` and `noun`, with an `s` unless `count` is 1.
    static func noun(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
