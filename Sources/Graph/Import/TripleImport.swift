#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem in an imported file, with its line (and column for N-Triples).
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?
    public var message: String

    public init(file: String, line: Int, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if let column { return "\(file):\(line):\(column): \(message)" }
        return "\(file):\(line): \(message)"
    }
}

/// Loads triples from TSV (`subject<TAB>relation<TAB>object`, or two columns with a default relation)
/// and N-Triples files straight into a graph, streaming the file in chunks.
public enum TripleImport {
    public enum Format: Sendable {
        case tsv, ntriples

        /// `.nt` is N-Triples; anything else is read as TSV.
        public init(path: String) { self = path.hasSuffix(".nt") || path.hasSuffix(".ntriples") ? .ntriples : .tsv }
    }

    /// What an import did.
    public struct Summary: Sendable {
        public var triples: Int
        public var alreadyImported: Bool
        public var contentHash: String
    }

    /// Imports `path` into `graph`. Importing a file whose content was imported before adds nothing.
    /// - Parameter twoColumnRelation: the relation of two-column TSV rows (edge lists).
    /// - Complexity: O(size of the file).
    public static func load(_ path: String, format: Format, into graph: KnowledgeGraph, twoColumnRelation: String = "edge")
        throws -> Summary
    {
        let hash = try contentHash(of: path)
        if graph.containsImport(hash) { return Summary(triples: 0, alreadyImported: true, contentHash: hash) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.io(path: path, operation: "opening", message: FileIO.errorMessage()) }
        defer { close(descriptor) }
        let fileSize = try FileIO.size(descriptor, path: path)
        let before = graph.factCount
        var parser = LineParser(path: path, format: format, graph: graph, defaultRelation: graph.terms.intern(twoColumnRelation))
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        var carried = 0
        var estimated = false
        while true {
            let count = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(descriptor, base + carried, raw.count - carried)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(path: path, operation: "reading", message: FileIO.errorMessage())
            }
            let filled = carried + count
            let atEnd = count == 0
            var consumed = 0
            try buffer.withUnsafeBufferPointer { bytes in
                let window = UnsafeBufferPointer(rebasing: bytes[0..<filled])
                if !estimated, filled > 0 {
                    estimated = true
                    parser.reserve(fileSize: fileSize, sample: window)
                }
                consumed = try parser.consume(window, final: atEnd)
            }
            if atEnd { break }
            carried = filled - consumed
            if carried > 0 {
                buffer.withUnsafeMutableBufferPointer { bytes in
                    guard let base = bytes.baseAddress else { return }
                    memmove(base, base + consumed, carried)
                }
            }
            if carried == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
        }
        graph.importedSources.insert(hash)
        return Summary(triples: graph.factCount - before, alreadyImported: false, contentHash: hash)
    }

    /// A hash of the file's bytes, naming its content.
    public static func contentHash(of path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.io(path: path, operation: "opening", message: FileIO.errorMessage()) }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var hash: UInt64 = 0x6E67
        var total = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress, raw.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(path: path, operation: "reading", message: FileIO.errorMessage())
            }
            if count == 0 { break }
            total += count
            hash = buffer.withUnsafeBytes { Hashing.hash(UnsafeRawBufferPointer(rebasing: $0[0..<count]), seed: hash) }
        }
        return "sha:\(String(hash, radix: 16))-\(total)"
    }
}

/// Splits a chunk into lines and each line into terms.
private struct LineParser {
    let path: String
    let format: TripleImport.Format
    let graph: KnowledgeGraph
    let defaultRelation: UInt32
    var line = 0
    var scratch: [UInt8] = []

    init(path: String, format: TripleImport.Format, graph: KnowledgeGraph, defaultRelation: UInt32) {
        self.path = path
        self.format = format
        self.graph = graph
        self.defaultRelation = defaultRelation
    }

    /// Reserves columns for the number of lines the file probably has.
    func reserve(fileSize: Int, sample: UnsafeBufferPointer<UInt8>) {
        let lines = max(1, sample.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
        let estimate = Int(Double(fileSize) / (Double(sample.count) / Double(lines)) * 1.02) + 16
        graph.reserveFacts(estimate)
        graph.terms.reserve(terms: estimate / 4, bytes: estimate)
    }

    /// Parses the complete lines of `bytes` (all of it when `final`); returns the bytes consumed.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) throws -> Int {
        var start = 0
        let n = bytes.count
        while start < n {
            guard let newline = index(of: 0x0A, in: bytes, from: start) else {
                if final {
                    line += 1
                    try parse(UnsafeBufferPointer(rebasing: bytes[start..<n]))
                    return n
                }
                return start
            }
            line += 1
            try parse(UnsafeBufferPointer(rebasing: bytes[start..<newline]))
            start = newline + 1
        }
        return n
    }

    func index(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    mutating func parse(_ line: UnsafeBufferPointer<UInt8>) throws {
        var line = line
        if let last = line.last, last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        switch format {
        case .tsv: try parseTSV(line)
        case .ntriples: try parseNTriples(line)
        }
    }

    mutating func parseTSV(_ line: UnsafeBufferPointer<UInt8>) throws {
        guard !line.isEmpty else { return }
        guard let first = index(of: 0x09, in: line, from: 0) else {
            throw ImportError(file: path, line: self.line, column: nil, message: "expected subject<TAB>relation<TAB>object, found no tab")
        }
        let subject = graph.terms.intern(bytes: UnsafeBufferPointer(rebasing: line[0..<first]))
        if let second = index(of: 0x09, in: line, from: first + 1) {
            guard index(of: 0x09, in: line, from: second + 1) == nil else {
                throw ImportError(file: path, line: self.line, column: nil, message: "expected 2 or 3 tab-separated columns, found more")
            }
            let relation = graph.terms.intern(bytes: UnsafeBufferPointer(rebasing: line[(first + 1)..<second]))
            let object = graph.terms.intern(bytes: UnsafeBufferPointer(rebasing: line[(second + 1)...]))
            graph.appendTriple(subject: subject, relation: relation, object: object)
        } else {
            let object = graph.terms.intern(bytes: UnsafeBufferPointer(rebasing: line[(first + 1)...]))
            graph.appendTriple(subject: subject, relation: defaultRelation, object: object)
        }
    }

    // MARK: N-Triples

    mutating func parseNTriples(_ line: UnsafeBufferPointer<UInt8>) throws {
        var i = skipSpace(line, 0)
        guard i < line.count, line[i] != 0x23 else { return }  // blank or comment
        let subject = try term(line, &i, position: "subject")
        i = skipSpace(line, i)
        let predicate = try term(line, &i, position: "predicate")
        i = skipSpace(line, i)
        let object = try term(line, &i, position: "object")
        i = skipSpace(line, i)
        guard i < line.count, line[i] == 0x2E else { throw error(i, "expected '.' at the end of the triple") }
        i = skipSpace(line, i + 1)
        guard i == line.count || line[i] == 0x23 else { throw error(i, "unexpected text after '.'") }
        graph.appendTriple(subject: subject, relation: predicate, object: object)
    }

    func skipSpace(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        return i
    }

    func error(_ index: Int, _ message: String) -> ImportError {
        ImportError(file: path, line: line, column: index + 1, message: message)
    }

    /// An IRI (kept without its brackets), a blank node label, or a literal (its unescaped lexical form).
    mutating func term(_ line: UnsafeBufferPointer<UInt8>, _ i: inout Int, position: String) throws -> UInt32 {
        guard i < line.count else { throw error(i, "expected the \(position)") }
        switch line[i] {
        case 0x3C:  // <IRI>
            let start = i + 1
            guard let end = index(of: 0x3E, in: line, from: start) else { throw error(i, "unterminated IRI") }
            i = end + 1
            return try unescaped(UnsafeBufferPointer(rebasing: line[start..<end]), at: start)
        case 0x5F:  // _:label
            let start = i
            while i < line.count, line[i] != 0x20, line[i] != 0x09 { i += 1 }
            return graph.terms.intern(bytes: UnsafeBufferPointer(rebasing: line[start..<i]))
        case 0x22 where position == "object":  // "literal"
            let start = i + 1
            var k = start
            while k < line.count, line[k] != 0x22 {
                k += line[k] == 0x5C ? 2 : 1
            }
            guard k < line.count else { throw error(i, "unterminated string literal") }
            let value = try unescaped(UnsafeBufferPointer(rebasing: line[start..<k]), at: start)
            i = k + 1
            if i < line.count, line[i] == 0x40 {  // @lang
                while i < line.count, line[i] != 0x20, line[i] != 0x09, line[i] != 0x2E { i += 1 }
            } else if i + 1 < line.count, line[i] == 0x5E, line[i + 1] == 0x5E {  // ^^<datatype>
                i += 2
                guard i < line.count, line[i] == 0x3C, let end = index(of: 0x3E, in: line, from: i) else {
                    throw error(i, "expected a datatype IRI after ^^")
                }
                i = end + 1
            }
            return value
        default:
            throw error(i, "expected an IRI, a blank node or a literal as the \(position)")
        }
    }

    /// Interns text after resolving N-Triples escapes (\t \n \" \\ \uXXXX \UXXXXXXXX).
    mutating func unescaped(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> UInt32 {
        guard text.contains(0x5C) else { return graph.terms.intern(bytes: text) }
        scratch.removeAll(keepingCapacity: true)
        var i = 0
        while i < text.count {
            let byte = text[i]
            guard byte == 0x5C, i + 1 < text.count else {
                scratch.append(byte)
                i += 1
                continue
            }
            let code = text[i + 1]
            i += 2
            switch code {
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): scratch.append(code)
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = code == UInt8(ascii: "u") ? 4 : 8
                guard i + digits <= text.count,
                    let value = UInt32(String(decoding: UnsafeBufferPointer(rebasing: text[i..<i + digits]), as: UTF8.self), radix: 16),
                    let scalar = Unicode.Scalar(value)
                else { throw error(offset + i - 2, "bad \\\(Character(Unicode.Scalar(code))) escape") }
                scratch.append(contentsOf: String(Character(scalar)).utf8)
                i += digits
            default:
                throw error(offset + i - 2, "unknown escape \\\(Character(Unicode.Scalar(code)))")
            }
        }
        return scratch.withUnsafeBufferPointer { graph.terms.intern(bytes: $0) }
    }
}
