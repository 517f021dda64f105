import Foundation

/// Errors raised when reading or writing a word-cluster file.
public enum WordClustersError: Error, CustomStringConvertible {
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// A line is not `word<TAB>path` with a dotted path of numbers.
    case invalid(path: String, line: Int, reason: String)

    /// A message naming the file (and line).
    public var description: String {
        switch self {
        case let .io(path, reason): return "cannot access word clusters \(path): \(reason)"
        case let .invalid(path, line, reason): return "invalid word clusters \(path), line \(line): \(reason)"
        }
    }
}

/// Distributional word classes: each word of a vocabulary has a hierarchical path ("3.5.1": class 3
/// at the top level, its sub-class 5, and so on), learned from unlabeled text by
/// ``WordClusterTrainer``. Words in the same class occur in similar contexts, so the entity tagger
/// can type a name it never saw in training by the class it shares with names it did see.
///
/// File format: UTF-8 text, `#` comment lines, then one `word<TAB>path` line per word, the path
/// being numbers separated by dots (coarse to fine). No cluster file is shipped: clusters learned
/// from the unlabeled text in the development data did not improve the tagger (see the README), so
/// they are only read by `newsgraph train ner --clusters FILE` experiments.
public final class WordClusters: Sendable {
    /// Path index per word (as written).
    let index: [String: Int32]
    /// For each distinct path, its prefixes: "3", "3.5", "3.5.1".
    let prefixes: [[String]]

    /// An empty map (no word has a class).
    public convenience init() { self.init(pairs: []) }

    /// Builds the map from (word, path) pairs; the path is a list of class numbers, coarse to fine.
    public init(pairs: [(word: String, path: [Int])]) {
        var index: [String: Int32] = [:]
        var pathIndex: [[Int]: Int32] = [:]
        var prefixes: [[String]] = []
        for (word, path) in pairs {
            let p: Int32
            if let known = pathIndex[path] { p = known } else {
                p = Int32(prefixes.count)
                pathIndex[path] = p
                prefixes.append(path.indices.map { k in path[...k].map(String.init).joined(separator: ".") })
            }
            index[word] = p
        }
        self.index = index
        self.prefixes = prefixes
    }

    /// Parses cluster-file text; `path` names the file in errors.
    public convenience init(text: String, path: String) throws {
        var pairs: [(word: String, path: [Int])] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count == 2, !cols[0].isEmpty else {
                throw WordClustersError.invalid(path: path, line: lineNumber, reason: "expected word<TAB>path")
            }
            var classes: [Int] = []
            for part in cols[1].split(separator: ".", omittingEmptySubsequences: false) {
                guard let c = Int(part), c >= 0 else {
                    throw WordClustersError.invalid(path: path, line: lineNumber, reason: "path \"\(cols[1])\" is not dotted numbers")
                }
                classes.append(c)
            }
            pairs.append((String(cols[0]), classes))
        }
        self.init(pairs: pairs)
    }

    /// Reads a cluster file.
    public convenience init(path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw WordClustersError.io(path: path, reason: (error as NSError).localizedDescription)
        }
        try self.init(text: text, path: path)
    }

    /// Number of words with a class.
    public var count: Int { index.count }

    /// Whether the map has no words.
    public var isEmpty: Bool { index.isEmpty }

    /// The path prefixes of `word` ("3", "3.5", "3.5.1"), coarse first; the lower-cased form is tried
    /// when the word as written has no class; empty when neither has one.
    public func classes(of word: String) -> [String] {
        if let p = index[word] { return prefixes[Int(p)] }
        let lower = word.lowercased()
        if lower != word, let p = index[lower] { return prefixes[Int(p)] }
        return []
    }

    /// The file text: a comment header, then `word<TAB>path` lines sorted by path, then word.
    public func serialized(header: [String] = []) -> String {
        var rows: [(String, String)] = index.map { ($0.key, prefixes[Int($0.value)].last ?? "") }
        rows.sort { ($0.1, $0.0) < ($1.1, $1.0) }
        var out = header.map { "# " + $0 + "\n" }.joined()
        for (w, p) in rows { out += w + "\t" + p + "\n" }
        return out
    }

    /// Writes the cluster file.
    public func write(to path: String, header: [String] = []) throws {
        do {
            try serialized(header: header).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw WordClustersError.io(path: path, reason: String(describing: error))
        }
    }
}
