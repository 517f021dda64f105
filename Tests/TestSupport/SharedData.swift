import Foundation

/// Locates the development data sets beside the checkout (`../shared/data`), which a user's clone may not
/// have: tests that need them print a skip message and pass when they are absent.
public enum SharedData {
    /// The package root, derived from this file's path (`Tests/TestSupport/SharedData.swift`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared folder (holding `data/` and `tools/`): `$NEWSGRAPH_SHARED`, else `../shared` beside the
    /// package or beside its parent, else `/work/shared` (where the build hosts keep it); nil when none exists.
    public static let root: String? = {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["NEWSGRAPH_SHARED"], !env.isEmpty { candidates.append(env) }
        candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path)
        candidates.append(packageRoot.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared").path)
        candidates.append("/work/shared")
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/data") }
    }()

    /// `<shared>/data/<relative>` (a file or folder), or nil after printing a skip message.
    public static func path(_ relative: String) -> String? {
        guard let root else {
            print("skipped: the shared data folder (../shared/data) is not present; set NEWSGRAPH_SHARED to use another")
            return nil
        }
        let path = root + "/data/" + relative
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) is not present")
            return nil
        }
        return path
    }

    /// The folder `<shared>/data/<name>`; nil when absent (say why with `missing(_:)`).
    public static func directory(_ name: String) -> URL? {
        guard let root else { return nil }
        let url = URL(fileURLWithPath: root).appendingPathComponent("data").appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue ? url : nil
    }

    /// A skip message for tests whose data set is absent.
    public static func missing(_ name: String) -> String { "skipped: ../shared/data/\(name) is not present in this checkout" }
}
