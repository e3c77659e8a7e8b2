import Foundation
import NewsSearch

/// What `newssearch config` prints: the ranking parameters in the one JSON style, with the
/// per-field lists (`b`, `weights`) labelled by field, `{"body": 0.75, "title": 0.75, …}`,
/// where the index stores them by position (title, heading, body, author).
enum ParametersJSON {
    /// The per-field lists, and the fields in the order the lists hold them.
    static let perFieldKeys = ["b", "weights"]
    static let fields = QueryField.allCases.map(\.rawValue)

    static func text(_ parameters: RankingParameters) throws -> String {
        let plain = try JSONDecoder().decode(JSONValue.self, from: JSONOutput.encoder().encode(parameters))
        guard case .object(var object) = plain else { return try JSONOutput.text(plain, pretty: true) }
        for key in perFieldKeys {
            guard case .array(let values)? = object[key], values.count == fields.count else { continue }
            object[key] = .object(Dictionary(uniqueKeysWithValues: zip(fields, values)))
        }
        return try JSONOutput.text(JSONValue.object(object), pretty: true)
    }
}
