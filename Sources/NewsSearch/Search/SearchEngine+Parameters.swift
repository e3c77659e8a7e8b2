import Foundation
import GRDB
import GRDBSQLite

/// The ranking parameters an index keeps in `meta` (`newssearch config`).
extension SearchEngine {
    /// Ranking parameters stored in the index (`newssearch config`), or the defaults.
    public func storedParameters() -> RankingParameters {
        (try? store.read("reading ranking parameters") { db in Self.storedParameters(db) }) ?? .default
    }

    /// The stored ranking parameters as `db` reads them (a search reads them in its own
    /// transaction), or the defaults when none are stored or they cannot be read.
    static func storedParameters(_ db: Database) -> RankingParameters {
        guard let json = try? MetaKey.ranking.value(in: db), let data = json.data(using: .utf8),
              let parameters = try? JSONDecoder().decode(RankingParameters.self, from: data) else { return .default }
        return parameters
    }

    /// Stores ranking parameters in the index for later searches.
    public func store(parameters: RankingParameters) throws(IndexError) {
        let json = String(decoding: (try? JSONEncoder().encode(parameters)) ?? Data(), as: UTF8.self)
        try store.write("saving ranking parameters") { db in
            try MetaKey.ranking.set(json, in: db)
        }
    }
}
