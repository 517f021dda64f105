// swift-tools-version: 6.0
import PackageDescription

let nlpSettings: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "NewsGraph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "newsgraph", targets: ["newsgraph"]),
        .library(name: "Support", targets: ["Support"]),
        .library(name: "Feeds", targets: ["Feeds"]),
        .library(name: "Graph", targets: ["Graph"]),
        .library(name: "Datalog", targets: ["Datalog"]),
        .library(name: "Export", targets: ["Export"]),
        .library(name: "Fetch", targets: ["Fetch"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        .library(name: "Shell", targets: ["Shell"]),
        // Test support, also used by the benchmark package: an HTTP/1.1 server on 127.0.0.1.
        .library(name: "LoopbackHTTP", targets: ["LoopbackHTTP"]),
        .library(name: "Text", targets: ["Text"]),
        .library(name: "Parsing", targets: ["Parsing"]),
        .library(name: "Extraction", targets: ["Extraction"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // Small helpers every module shares: the JSON writer and ASCII trimming.
        .target(
            name: "Support"
        ),
        .target(
            name: "Feeds",
            dependencies: ["CLibXML2", "Support"],
            swiftSettings: [
                .define("NEWSGRAPH_INTERNAL_CHECKS", .when(configuration: .debug)),
                // The SAX handlers touch the builder's state once per event; run-time exclusivity checks on
                // those accesses cost about 7 % of feed parsing. Debug builds (and so the tests) keep them.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        .target(
            name: "Graph",
            dependencies: ["Support"],
            swiftSettings: [.define("NEWSGRAPH_INTERNAL_CHECKS", .when(configuration: .debug))]
        ),
        .target(
            name: "Datalog",
            dependencies: ["Graph", "Support"]
        ),
        // The NLP modules are optimised in debug builds too: model loading and tagging at -Onone
        // would make `swift test` and the store's crash tests (which run `newsgraph ingest`) slow.
        .target(
            name: "Text",
            resources: [.copy("Resources/tagger.model")],
            swiftSettings: nlpSettings
        ),
        .target(
            name: "Parsing",
            resources: [.copy("Resources/parser.model")],
            swiftSettings: nlpSettings
        ),
        .target(
            name: "Extraction",
            dependencies: ["Text", "Parsing", "Support"],
            resources: [.copy("Resources/ner.model"), .copy("Resources/gazetteer.txt")],
            swiftSettings: nlpSettings
        ),
        .target(
            name: "Export",
            dependencies: ["Graph", "Datalog"]
        ),
        .target(
            name: "Shell",
            dependencies: ["Graph", "Datalog", "Export", "Support"]
        ),
        .systemLibrary(
            name: "CEditLine",
            path: "Sources/CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .target(
            name: "Fetch"
        ),
        .target(
            name: "Ingest",
            dependencies: ["Feeds", "Graph", "Fetch", "Extraction", "Support"]
        ),
        .target(
            name: "LoopbackHTTP"
        ),
        .executableTarget(
            name: "newsgraph",
            dependencies: [
                "Support",
                "Feeds",
                "Graph",
                "Ingest",
                "Fetch",
                "Datalog",
                "Export",
                "Shell",
                "CEditLine",
                "Text",
                "Parsing",
                "Extraction",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test support shared by the test targets: locating the development data sets beside the checkout.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "SupportTests",
            dependencies: ["Support"]
        ),
        .testTarget(
            name: "FeedsTests",
            dependencies: ["TestSupport", "Feeds"]
        ),
        .testTarget(
            name: "FetchTests",
            dependencies: ["Fetch", "Ingest", "Feeds", "Graph", "LoopbackHTTP"]
        ),
        .testTarget(
            // Runs the real newsgraph binary against servers on 127.0.0.1; depends on it so it is built first.
            name: "IngestTests",
            dependencies: ["TestSupport", "newsgraph", "Ingest", "Fetch", "Feeds", "Graph", "LoopbackHTTP"]
        ),
        .testTarget(
            name: "GraphTests",
            dependencies: ["TestSupport", "Graph"]
        ),
        .testTarget(
            name: "ExportTests",
            dependencies: ["TestSupport", "Export", "Graph"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ShellTests",
            dependencies: ["TestSupport", "Shell", "Graph"]
        ),
        .testTarget(
            name: "TextTests",
            dependencies: ["TestSupport", "Text"]
        ),
        .testTarget(
            name: "ParsingTests",
            dependencies: ["TestSupport", "Parsing"]
        ),
        .testTarget(
            name: "ExtractionTests",
            dependencies: ["TestSupport", "Extraction", "Text", "Parsing", "Ingest", "Graph"]
        ),
        .testTarget(
            name: "DatalogTests",
            dependencies: ["Datalog", "Graph", "TestSupport"],
            exclude: ["Golden"]
        ),
    ]
)
