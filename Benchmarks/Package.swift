// swift-tools-version: 6.0
// Benchmarks live in their own package so that `swift build` of NewsGraph never pays for them.
// Run: swift run -c release --package-path Benchmarks newsgraph-bench [parse | fetch | extract | store FILE.tsv | datalog DIR | export FILE.tsv]
import PackageDescription

let package = Package(
    name: "NewsGraphBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "NewsGraph", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "newsgraph-bench",
            dependencies: [
                .product(name: "Feeds", package: "NewsGraph"),
                .product(name: "Graph", package: "NewsGraph"),
                .product(name: "Datalog", package: "NewsGraph"),
                .product(name: "Export", package: "NewsGraph"),
                .product(name: "Ingest", package: "NewsGraph"),
                .product(name: "Fetch", package: "NewsGraph"),
                .product(name: "LoopbackHTTP", package: "NewsGraph"),
                .product(name: "Extraction", package: "NewsGraph"),
                .product(name: "Text", package: "NewsGraph"),
            ]
        )
    ]
)
