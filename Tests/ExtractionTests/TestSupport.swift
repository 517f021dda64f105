import Extraction
import Foundation

/// Shared data and models for the extraction tests.
enum Shared {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `$NEWSGRAPH_SHARED`, `<package>/../shared` or /work/shared, when it holds `data/`.
    static let root: String? = {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["NEWSGRAPH_SHARED"] { candidates.append(env) }
        candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path)
        candidates.append("/work/shared")
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/data") }
    }()

    /// A path under `<shared>/data`, or nil after printing a skip message.
    static func data(_ relative: String) -> String? {
        guard let root else {
            print("SKIP: shared data directory not found (set NEWSGRAPH_SHARED)")
            return nil
        }
        let p = root + "/data/" + relative
        guard FileManager.default.fileExists(atPath: p) else {
            print("SKIP: \(p) not found")
            return nil
        }
        return p
    }

    /// The bundled extractor, loaded once.
    static let extractor: Extractor? = try? Extractor.bundled()
}
