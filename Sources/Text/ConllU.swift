import Foundation

/// One line of a CoNLL-U sentence body: a word, a multiword-token range (`1-2`) or an empty node (`1.1`).
public struct ConllRow: Sendable, Equatable {
    /// The kind of a CoNLL-U row.
    public enum Kind: Sendable, Equatable {
        /// A syntactic word (integer ID).
        case word
        /// A multiword token line (`1-2`), which spans several words.
        case multiword
        /// An empty node of the enhanced graph (`1.1`).
        case empty
    }

    /// The ten tab-separated columns (missing ones are filled with `_`).
    public var columns: [String]

    /// Creates a row from its columns (padded or truncated to ten).
    public init(columns: [String]) {
        var cols = Array(columns.prefix(10))
        while cols.count < 10 { cols.append("_") }
        self.columns = cols
    }

    /// Creates a word row with the given form and the remaining columns set to `_`.
    public init(id: Int, form: String) {
        self.init(columns: [String(id), form])
    }

    /// The row kind, derived from the ID column.
    public var kind: Kind {
        let id = columns[0]
        if id.contains("-") { return .multiword }
        if id.contains(".") { return .empty }
        return .word
    }

    /// ID column.
    public var id: String { columns[0] }
    /// FORM column.
    public var form: String { get { columns[1] } set { columns[1] = newValue } }
    /// LEMMA column.
    public var lemma: String { get { columns[2] } set { columns[2] = newValue } }
    /// UPOS column.
    public var upos: String { get { columns[3] } set { columns[3] = newValue } }
    /// XPOS column.
    public var xpos: String { get { columns[4] } set { columns[4] = newValue } }
    /// MISC column.
    public var misc: String { get { columns[9] } set { columns[9] = newValue } }
}

/// A CoNLL-U sentence: comment lines (without the leading `#`-stripping; stored verbatim) and rows.
public struct ConllSentence: Sendable, Equatable {
    /// Comment lines, verbatim, including the leading `#`.
    public var comments: [String]
    /// All rows in file order.
    public var rows: [ConllRow]

    /// Creates a sentence.
    public init(comments: [String] = [], rows: [ConllRow] = []) {
        self.comments = comments
        self.rows = rows
    }

    /// Indices into ``rows`` of the syntactic word rows (skipping multiword and empty-node lines).
    public var wordIndices: [Int] { rows.indices.filter { rows[$0].kind == .word } }

    /// The syntactic words (multiword-token and empty-node lines excluded).
    public var words: [ConllRow] { rows.filter { $0.kind == .word } }

    /// Whether whitespace follows each syntactic word, from `SpaceAfter=No` in MISC. Words inside a
    /// multiword token are glued to each other; the last one takes the token line's flag.
    public var wordSpaceAfter: [Bool] {
        var out: [Bool] = []
        var mwtEnd = -1
        var mwtSpace = true
        for r in rows {
            switch r.kind {
            case .multiword:
                let parts = r.id.split(separator: "-")
                mwtEnd = parts.count == 2 ? Int(parts[1]) ?? -1 : -1
                mwtSpace = !r.misc.contains("SpaceAfter=No")
            case .empty:
                continue
            case .word:
                let id = Int(r.id) ?? -1
                if id < mwtEnd {
                    out.append(false)
                } else if id == mwtEnd {
                    out.append(mwtSpace)
                } else {
                    out.append(!r.misc.contains("SpaceAfter=No"))
                }
            }
        }
        return out
    }

    /// The value of a `# key = value` comment, if present.
    public func comment(_ key: String) -> String? {
        let prefix = "# \(key) = "
        for c in comments where c.hasPrefix(prefix) { return String(c.dropFirst(prefix.count)) }
        return nil
    }
}

/// Errors raised while reading CoNLL-U files.
public enum ConllUError: Error, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, underlying: String)

    /// Human-readable description.
    public var description: String {
        switch self {
        case let .unreadable(path, underlying): return "cannot read CoNLL-U file \(path): \(underlying)"
        }
    }
}

/// Reading and writing of the CoNLL-U format.
public enum ConllU {
    /// Reads and parses a CoNLL-U file. Invalid UTF-8 is replaced, never rejected.
    public static func read(path: String) throws -> [ConllSentence] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConllUError.unreadable(path: path, underlying: String(describing: error))
        }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Parses CoNLL-U text. Lines with fewer than two columns are ignored; a blank line ends a sentence.
    public static func parse(_ text: String) -> [ConllSentence] {
        var sentences: [ConllSentence] = []
        var current = ConllSentence()
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.rows.isEmpty || !current.comments.isEmpty {
                    if !current.rows.isEmpty { sentences.append(current) }
                    current = ConllSentence()
                }
                continue
            }
            if line.hasPrefix("#") {
                current.comments.append(String(line))
                continue
            }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2 else { continue }
            current.rows.append(ConllRow(columns: cols))
        }
        if !current.rows.isEmpty { sentences.append(current) }
        return sentences
    }

    /// Serialises sentences to CoNLL-U text (each sentence followed by a blank line).
    public static func write(_ sentences: [ConllSentence]) -> String {
        var out = ""
        out.reserveCapacity(sentences.count * 400)
        for s in sentences {
            for c in s.comments {
                out += c
                out += "\n"
            }
            for r in s.rows {
                out += r.columns.joined(separator: "\t")
                out += "\n"
            }
            out += "\n"
        }
        return out
    }

    /// Writes sentences to a file.
    public static func write(_ sentences: [ConllSentence], to path: String) throws {
        try write(sentences).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
