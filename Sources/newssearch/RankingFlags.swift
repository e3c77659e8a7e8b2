import ArgumentParser
import NewsSearch

/// Ranking parameters that can be set per run (`search`, `bench`, `eval`) or stored in
/// an index (`config`). Unset flags keep the stored value or the default.
struct RankingFlags: ParsableArguments {
    @Option(help: "Term-frequency saturation k1.") var k1: Double?
    @Option(help: "Length normalisation b of the title field.") var bTitle: Double?
    @Option(help: "Length normalisation b of the heading field.") var bHeading: Double?
    @Option(help: "Length normalisation b of the body field.") var bBody: Double?
    @Option(help: "Weight of a title match.") var weightTitle: Double?
    @Option(help: "Weight of a heading match.") var weightHeading: Double?
    @Option(help: "Weight of a body match.") var weightBody: Double?
    @Option(help: "Weight of the proximity bonus (0 turns it off).") var proximity: Double?
    @Option(help: "Largest token gap that earns a proximity bonus.") var proximityWindow: Int?
    @Option(help: "Proximity feature: gap (closest pair) or sdm (ordered/unordered pair counts).") var proximityModel: RankingParameters.ProximityModel?
    @Option(help: "Exponent of the coordination factor (share of the query's IDF matched; 0 turns it off).") var coordination: Double?
    @Option(help: "Top hits read for expansion terms of --any queries.") var feedbackDocuments: Int?
    @Option(help: "Expansion terms added to --any queries.") var feedbackTerms: Int?
    @Option(help: "Weight of an expansion term against a typed one (0 turns expansion off).") var feedbackWeight: Double?

    var isEmpty: Bool {
        [k1, bTitle, bHeading, bBody, weightTitle, weightHeading, weightBody, proximity, coordination, feedbackWeight]
            .allSatisfy { $0 == nil } && proximityWindow == nil && proximityModel == nil && feedbackDocuments == nil && feedbackTerms == nil
    }

    func applied(to base: RankingParameters) -> RankingParameters {
        var parameters = base
        if let k1 { parameters.k1 = k1 }
        if let bTitle { parameters.b[0] = bTitle }
        if let bHeading { parameters.b[1] = bHeading }
        if let bBody { parameters.b[2] = bBody }
        if let weightTitle { parameters.weights[0] = weightTitle }
        if let weightHeading { parameters.weights[1] = weightHeading }
        if let weightBody { parameters.weights[2] = weightBody }
        if let proximity { parameters.proximity = proximity }
        if let proximityWindow { parameters.proximityWindow = proximityWindow }
        if let proximityModel { parameters.proximityModel = proximityModel }
        if let coordination { parameters.coordination = coordination }
        if let feedbackDocuments { parameters.feedback.documents = feedbackDocuments }
        if let feedbackTerms { parameters.feedback.terms = feedbackTerms }
        if let feedbackWeight { parameters.feedback.weight = feedbackWeight }
        return parameters
    }
}

extension Ranker: ExpressibleByArgument {}
extension RankingParameters.ProximityModel: ExpressibleByArgument {}
extension QueryParser.Mode: ExpressibleByArgument {}

/// `--color auto|always|never`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    var enabled: Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: Terminal.wantsColour()
        }
    }
}

import Foundation
