import Foundation

/// The last value decoded from an index, kept with the generation it was decoded at, so
/// that a process searching many times (`serve`, `bench`) decodes it once per change of
/// the index rather than per search. One per ``IndexStore``, shared by its readers.
final class GenerationCache<Generation: Equatable & Sendable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var generation: Generation?
    private var cached: Value?

    init() {}

    /// The value cached for `generation`, or nil when the cache holds another or none.
    func value(generation: Generation) -> Value? {
        lock.withLock { self.generation == generation ? cached : nil }
    }

    func store(_ value: Value, generation: Generation) {
        lock.withLock {
            self.generation = generation
            cached = value
        }
    }
}
