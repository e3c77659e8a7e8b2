import Foundation

/// The one JSON style of every command's `--json`: snake_case keys (`external_id`,
/// `text_mb`, `proximity_window`), sorted, slashes unescaped. Swift property names
/// are camelCase; the encoder converts them, so no type has to spell its keys twice.
enum JSONOutput {
    static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// `value` as JSON text.
    static func text<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
        String(decoding: try encoder(pretty: pretty).encode(value), as: UTF8.self)
    }
}
