import Foundation

/// Temporary files of one test process, all under one directory that is removed when the process exits:
/// repeated test runs leave nothing behind in the system's temporary directory, even when a test fails
/// before its own clean-up.
public enum TestScratch {
    /// `<tmp>/newsgraph-tests-<pid>-<random>`, created on first use.
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("newsgraph-tests-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestScratch.root) }
        return url
    }()

    /// A fresh path under `root` whose last component starts with `name` (nothing is created there).
    public static func path(_ name: String) -> String {
        let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "-" })
        return root.appendingPathComponent("\(safe)-\(UInt32.random(in: 0...UInt32.max))").path
    }

    /// A fresh, created directory under `root` (see `path(_:)`).
    public static func directory(_ name: String) -> String {
        let path = path(name)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
