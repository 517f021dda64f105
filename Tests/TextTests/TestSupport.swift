import Foundation
@testable import Text

/// Locates the shared data directory: $NEWSGRAPH_SHARED, `<package>/../shared`, or /work/shared.
enum TestData {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let shared: String? = {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["NEWSGRAPH_SHARED"] { candidates.append(env) }
        candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path)
        candidates.append("/work/shared")
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/data") }
    }()

    /// Path of a file under `<shared>/data`, or nil (with a printed skip message) when absent.
    static func file(_ relative: String) -> String? {
        guard let root = shared else {
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

    /// The bundled tagger, loaded once.
    static let tagger: Tagger? = try? Tagger.bundled()
}

/// Token texts of `text`.
func toks(_ text: String) -> [String] { Tokenizer.tokenize(text).map(\.text) }

/// Sentences of `text` as space-joined token strings.
func sents(_ text: String) -> [String] {
    SentenceSplitter.tokenizedSentences(text).map { $0.map(\.text).joined(separator: " ") }
}
