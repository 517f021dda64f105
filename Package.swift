// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "NewsGraph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "newsgraph", targets: ["newsgraph"]),
        .library(name: "Feeds", targets: ["Feeds"]),
        .library(name: "Graph", targets: ["Graph"]),
        .library(name: "Datalog", targets: ["Datalog"]),
        .library(name: "Export", targets: ["Export"]),
        .library(name: "Fetch", targets: ["Fetch"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        // Test support, also used by the benchmark package: an HTTP/1.1 server on 127.0.0.1.
        .library(name: "LoopbackHTTP", targets: ["LoopbackHTTP"]),
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
        .target(
            name: "Feeds",
            dependencies: ["CLibXML2"],
            swiftSettings: [.define("NEWSGRAPH_INTERNAL_CHECKS", .when(configuration: .debug))]
        ),
        .target(
            name: "Graph",
            swiftSettings: [.define("NEWSGRAPH_INTERNAL_CHECKS", .when(configuration: .debug))]
        ),
        .target(
            name: "Datalog",
            dependencies: ["Graph"]
        ),
        .target(
            name: "Export",
            dependencies: ["Graph", "Datalog"]
        ),
        .target(
            name: "Shell",
            dependencies: ["Graph", "Datalog", "Export"]
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
            dependencies: ["Feeds", "Graph", "Fetch"]
        ),
        .target(
            name: "LoopbackHTTP"
        ),
        .executableTarget(
            name: "newsgraph",
            dependencies: [
                "Feeds",
                "Graph",
                "Ingest",
                "Fetch",
                "Datalog",
                "Export",
                "Shell",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "FeedsTests",
            dependencies: ["Feeds"]
        ),
        .testTarget(
            name: "FetchTests",
            dependencies: ["Fetch", "Ingest", "Feeds", "Graph", "LoopbackHTTP"]
        ),
        .testTarget(
            // Runs the real newsgraph binary against servers on 127.0.0.1; depends on it so it is built first.
            name: "IngestTests",
            dependencies: ["newsgraph", "Ingest", "Fetch", "Feeds", "Graph", "LoopbackHTTP"]
        ),
        .testTarget(
            name: "GraphTests",
            dependencies: ["Graph"]
        ),
        .testTarget(
            name: "ExportTests",
            dependencies: ["Export", "Graph"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ShellTests",
            dependencies: ["Shell", "Graph"]
        ),
        .testTarget(
            name: "DatalogTests",
            dependencies: ["Datalog", "Graph"],
            exclude: ["Golden"]
        ),
    ]
)
