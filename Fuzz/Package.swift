// swift-tools-version: 6.0
// Coverage-guided fuzzers (libFuzzer + AddressSanitizer) for the parts of NewsGraph that read untrusted
// input. They live in their own package so that `swift build` and `swift test` of NewsGraph never pay for
// them. Build one with the sanitizers, then run it on its seed corpus (see README "Fuzzing"):
//   swift build --package-path Fuzz --product fuzz-feed -Xswiftc -sanitize=fuzzer,address
//   Fuzz/.build/debug/fuzz-feed -max_total_time=300 /tmp/fuzz-feed corpora/feeds corpora/pages
import PackageDescription

let package = Package(
    name: "NewsGraphFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "NewsGraph", path: "..")
    ],
    targets: [
        // libFuzzer's driver, started explicitly: SwiftPM links executables with its own `main`.
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "fuzz-feed",
            dependencies: ["FuzzDriver", .product(name: "Feeds", package: "NewsGraph")]
        ),
        .executableTarget(
            name: "fuzz-query",
            dependencies: ["FuzzDriver", .product(name: "Datalog", package: "NewsGraph")]
        ),
        .executableTarget(
            name: "fuzz-repl",
            dependencies: ["FuzzDriver", .product(name: "Shell", package: "NewsGraph"), .product(name: "Graph", package: "NewsGraph"),
                           .product(name: "Datalog", package: "NewsGraph")]
        ),
        .executableTarget(
            name: "fuzz-extract",
            dependencies: ["FuzzDriver", .product(name: "Extraction", package: "NewsGraph")]
        ),
    ]
)
