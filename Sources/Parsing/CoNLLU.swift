import Foundation

/// One sentence of a dependency treebank: words with tags and (optionally gold) heads/relations.
///
/// Arrays are parallel and 0-based (`words[0]` is token 1 in CoNLL-U). `heads` are 1-based
/// token indices with 0 meaning the artificial root, as in CoNLL-U.
public struct DependencySentence: Sendable, Equatable {
    /// Surface forms.
    public var words: [String]
    /// Lemmas (`_` when absent in the source).
    public var lemmas: [String]
    /// Universal POS tags.
    public var upos: [String]
    /// Language-specific POS tags (PTB for English).
    public var xpos: [String]
    /// Heads (1-based, 0 = root).
    public var heads: [Int]
    /// Dependency relations (full UD DEPREL including subtypes).
    public var deprels: [String]

    /// Creates a sentence from parallel arrays.
    public init(words: [String], lemmas: [String], upos: [String], xpos: [String], heads: [Int], deprels: [String]) {
        self.words = words
        self.lemmas = lemmas
        self.upos = upos
        self.xpos = xpos
        self.heads = heads
        self.deprels = deprels
    }

    /// Number of tokens.
    public var count: Int { words.count }
}

/// Errors raised while reading CoNLL-U files.
public enum CoNLLUError: Error, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String)
    /// A token line did not have 10 tab-separated columns or had a bad HEAD.
    case malformedLine(path: String, line: Int)

    /// Human-readable description.
    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read CoNLL-U file \(path)"
        case .malformedLine(let path, let line): return "malformed CoNLL-U line \(line) in \(path)"
        }
    }
}

/// Minimal CoNLL-U reader/writer (skips multiword-token ranges and empty nodes).
public enum CoNLLU {
    /// Reads all sentences of a CoNLL-U file.
    public static func read(path: String) throws -> [DependencySentence] {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw CoNLLUError.unreadable(path: path)
        }
        return try parse(text: text, path: path)
    }

    /// Reads and concatenates several CoNLL-U files.
    public static func read(paths: [String]) throws -> [DependencySentence] {
        var all: [DependencySentence] = []
        for p in paths { all.append(contentsOf: try read(path: p)) }
        return all
    }

    /// Parses CoNLL-U text; `path` is only used in error messages.
    public static func parse(text: String, path: String = "<text>") throws -> [DependencySentence] {
        var result: [DependencySentence] = []
        var cur = DependencySentence(words: [], lemmas: [], upos: [], xpos: [], heads: [], deprels: [])
        var lineNo = 0
        func flush() {
            if !cur.words.isEmpty { result.append(cur) }
            cur = DependencySentence(words: [], lemmas: [], upos: [], xpos: [], heads: [], deprels: [])
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { flush(); continue }
            if line.first == "#" { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 8 else { throw CoNLLUError.malformedLine(path: path, line: lineNo) }
            let id = cols[0]
            if id.contains("-") || id.contains(".") { continue }
            let head: Int
            if cols[6] == "_" { head = -1 } else {
                guard let h = Int(cols[6]) else { throw CoNLLUError.malformedLine(path: path, line: lineNo) }
                head = h
            }
            cur.words.append(String(cols[1]))
            cur.lemmas.append(String(cols[2]))
            cur.upos.append(String(cols[3]))
            cur.xpos.append(String(cols[4]))
            cur.heads.append(head)
            cur.deprels.append(String(cols[7]))
        }
        flush()
        return result
    }

    /// Serialises sentences as CoNLL-U (FEATS/DEPS/MISC written as `_`).
    public static func format(_ sentences: [DependencySentence]) -> String {
        var out = ""
        out.reserveCapacity(sentences.count * 400)
        for s in sentences {
            for i in 0..<s.count {
                let head = s.heads[i] < 0 ? "_" : String(s.heads[i])
                out += "\(i + 1)\t\(s.words[i])\t\(s.lemmas[i])\t\(s.upos[i])\t\(s.xpos[i])\t_\t\(head)\t\(s.deprels[i])\t_\t_\n"
            }
            out += "\n"
        }
        return out
    }
}
