import Hummingbird

/// The search page and its files: `/` is `index.html`, `/NAME` one of the other files,
/// `/api/openapi.json` the API's OpenAPI document. Any other path is 404.
struct PageRoutes: Sendable {
    let assets: StaticAssets

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try file("index.html") }
        router.get("/api/openapi.json") { _, _ in try file("openapi.json") }
        router.get("/{name}") { _, context in
            // The router has split the path on `/` and decoded the segment: a name is a
            // file of the page, or nothing.
            try file(context.parameters.get("name") ?? "")
        }
    }

    func file(_ name: String) throws -> Response {
        guard let asset = assets[name] else {
            throw APIError(.notFound, "no such file: the search page is at /")
        }
        return StaticAssets.response(asset)
    }
}
