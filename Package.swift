// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "newssearch",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NewsSearch", targets: ["NewsSearch"]),
        .executable(name: "newssearch", targets: ["newssearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's malloc.h, for the CLI's heap tuning (``HeapTuning``).
        .systemLibrary(name: "CHeap", path: "Sources/CHeap"),
        .target(
            name: "NewsSearch",
            dependencies: [
                "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Benchmarks, relevance evaluation and corpus generation: what `bench`, `eval` and
        // `generate` run, kept out of the library (they reach its internals by `package` access).
        .target(
            name: "NewsSearchTools",
            dependencies: [
                "NewsSearch",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "NewsSearchServer",
            dependencies: [
                "NewsSearch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Public")]
        ),
        .executableTarget(
            name: "newssearch",
            dependencies: [
                "CHeap",
                "NewsSearch",
                "NewsSearchTools",
                "NewsSearchServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers every test target shares (temporary folders, paths, small indexes);
        // only test targets depend on it.
        .target(
            name: "NewsSearchTestSupport",
            dependencies: ["NewsSearch"],
            path: "Tests/NewsSearchTestSupport"
        ),
        // NewsSearchTools only for SplitMix64, the seeded generator of the property and fuzz tests.
        .testTarget(
            name: "NewsSearchTests",
            dependencies: ["NewsSearch", "NewsSearchTools", "NewsSearchTestSupport"]
        ),
        .testTarget(
            name: "NewsSearchToolsTests",
            dependencies: ["NewsSearchTools", "NewsSearch", "NewsSearchTestSupport"]
        ),
        .testTarget(
            name: "NewsSearchServerTests",
            dependencies: ["NewsSearchServer", "NewsSearch", "NewsSearchTestSupport"]
        ),
        .testTarget(
            name: "newssearchTests",
            dependencies: [
                "newssearch", "NewsSearch", "NewsSearchTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
