// swift-tools-version: 6.0
// Benchmarks live in their own package so that `swift build` of NewsGraph never pays for them.
// Run: swift run -c release --package-path Benchmarks newsgraph-bench [parse | store FILE.tsv | extract [--words N]]
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
                .product(name: "Extraction", package: "NewsGraph"),
            ]
        )
    ]
)
