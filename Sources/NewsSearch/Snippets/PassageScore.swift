/// How good a candidate passage is for a snippet: one number, higher is better.
///
///     score = Σ idf(p) over distinct phrases p wholly inside the window   (coverage)
///           + density   · min(1, spans per 100 characters)
///           + proximity · [two distinct phrases within proximityBytes]
///           + earliness · (1 − start / text length)
///           − cut       · number of ends cut inside a sentence
///
/// A phrase's IDF is well above the other terms, so a window with more of the rare
/// query terms wins, and among equal coverage whole sentences beat cut ones; density,
/// proximity and position break the remaining ties.
enum PassageScore {
    /// Weight of matches per 100 characters (capped at one).
    static let density = 0.25
    /// Weight of two different phrases close together.
    static let proximity = 0.1
    /// Bytes between two phrases that count as close.
    static let proximityBytes = 40
    /// Weight of starting early in the section.
    static let earliness = 0.05
    /// Cost of each end of the window cut inside a sentence.
    static let cut = 0.2

    /// Scores `window` and records which phrases it shows wholly.
    static func score(_ window: inout SnippetWindow, spans: [MergedSpan], weights: [Double], textLength: Int) {
        var phrases = PhraseSet()
        var count = 0
        var previous: MergedSpan?
        var close = 0.0
        for span in spans[spans.firstSpan(startingAtOrAfter: window.range.lowerBound)...] {
            if span.range.lowerBound >= window.range.upperBound { break }
            guard span.range.upperBound <= window.range.upperBound else { continue }
            count += 1
            phrases.formUnion(span.phrases)
            if span.phrases.count > 1 { close = 1 }
            if let previous, !previous.phrases.isSubset(of: span.phrases),
               span.range.lowerBound - previous.range.upperBound <= proximityBytes { close = 1 }
            previous = span
        }
        let coverage = phrases.weight(weights)
        let matchDensity = min(1, Double(count) * 100 / Double(max(1, window.range.count)))
        let early = 1 - Double(window.range.lowerBound) / Double(max(1, textLength))
        let cuts = (window.cutStart ? 1.0 : 0) + (window.cutEnd ? 1.0 : 0)
        window.phrases = phrases
        window.score = coverage + density * matchDensity + proximity * close + earliness * early - cut * cuts
    }
}
