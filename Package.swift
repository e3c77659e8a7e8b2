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
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "NewsSearch",
            dependencies: [
                "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .executableTarget(
            name: "newssearch",
            dependencies: [
                "NewsSearch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "NewsSearchTests",
            dependencies: ["NewsSearch"]
        ),
        .testTarget(
            name: "newssearchTests",
            dependencies: ["newssearch", "NewsSearch"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
