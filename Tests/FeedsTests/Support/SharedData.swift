import Foundation

/// Locates the development data sets beside the checkout (`../shared/data`), which a user's clone may not have.
enum SharedData {
    /// The package root, derived from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data/<name>`, or `$NEWSGRAPH_SHARED/data/<name>`; nil when absent.
    static func directory(_ name: String) -> URL? {
        let shared = ProcessInfo.processInfo.environment["NEWSGRAPH_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        let url = shared.appendingPathComponent("data").appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue ? url : nil
    }

    /// A skip message for tests whose data is absent.
    static func missing(_ name: String) -> String { "skipped: ../shared/data/\(name) is not present in this checkout" }
}
