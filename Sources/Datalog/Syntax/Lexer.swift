import Graph
/// Phase 1: turns query text into tokens. Comments (`% ...` and `/* ... */`) and whitespace are skipped.
public struct Lexer {
    private let bytes: [UInt8]
    private var pos = 0
    private var line = 1
    private var column = 1

    public init(_ source: String) { bytes = Array(source.utf8) }

    public static func tokenize(_ source: String) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let t = try lexer.next()
            tokens.append(t)
            if t.kind == .eof { return tokens }
        }
    }

    private var location: SourceLocation { SourceLocation(line: line, column: column, offset: pos) }

    private func peek(_ k: Int = 0) -> UInt8? { pos + k < bytes.count ? bytes[pos + k] : nil }

    private mutating func advance() {
        let b = bytes[pos]
        pos += 1
        if b == UInt8(ascii: "\n") { line += 1; column = 1 }
        else if b & 0xC0 != 0x80 { column += (b < 0x80 || b >= 0xC0) ? 1 : 0 }
    }

    // Continuation bytes do not advance the column; a lead byte advanced it already.
    private mutating func skipTrivia() throws(Diagnostic) {
        while let b = peek() {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { advance(); continue }
            if b == UInt8(ascii: "%") { while let c = peek(), c != 0x0A { advance() }; continue }
            if b == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let start = location
                advance(); advance()
                var closed = false
                while let c = peek() {
                    if c == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") { advance(); advance(); closed = true; break }
                    advance()
                }
                if !closed {
                    throw Diagnostic("unterminated block comment", at: SourceRange(start, SourceLocation(line: start.line, column: start.column + 2, offset: start.offset + 2)),
                                     hints: ["close it with */"])
                }
                continue
            }
            return
        }
    }

    private func text(_ from: Int) -> String { String(decoding: bytes[from..<pos], as: UTF8.self) }

    public mutating func next() throws(Diagnostic) -> Token {
        try skipTrivia()
        let start = location
        let from = pos
        guard let b = peek() else { return Token(kind: .eof, text: "", range: SourceRange(start, start)) }
        func make(_ k: TokenKind, _ len: Int) -> Token {
            for _ in 0..<len { advance() }
            return Token(kind: k, text: text(from), range: SourceRange(start, location))
        }
        let isLower = b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")
        let isUpper = (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_")
        if isLower || isUpper {
            while let c = peek(), Self.isIdentChar(c) { advance() }
            return Token(kind: isLower ? .identifier : .variable, text: text(from), range: SourceRange(start, location))
        }
        if Self.isDigit(b) {
            while let c = peek(), Self.isDigit(c) { advance() }
            if peek() == UInt8(ascii: "."), let d = peek(1), Self.isDigit(d) {
                advance()
                while let c = peek(), Self.isDigit(c) { advance() }
            }
            return Token(kind: .number, text: text(from), range: SourceRange(start, location))
        }
        switch b {
        case UInt8(ascii: "\""): return try lexString(start)
        case UInt8(ascii: "("): return make(.lparen, 1)
        case UInt8(ascii: ")"): return make(.rparen, 1)
        case UInt8(ascii: ","): return make(.comma, 1)
        case UInt8(ascii: "."): return make(.period, 1)
        case UInt8(ascii: "+"): return make(.plus, 1)
        case UInt8(ascii: "-"): return make(.minus, 1)
        case UInt8(ascii: "*"): return make(.star, 1)
        case UInt8(ascii: "/"): return make(.slash, 1)
        case UInt8(ascii: "="): return make(.eq, 1)
        case UInt8(ascii: ":") where peek(1) == UInt8(ascii: "-"): return make(.implies, 2)
        case UInt8(ascii: "?") where peek(1) == UInt8(ascii: "-"): return make(.query, 2)
        case UInt8(ascii: "\\") where peek(1) == UInt8(ascii: "+"): return make(.notOp, 2)
        case UInt8(ascii: "!") where peek(1) == UInt8(ascii: "="): return make(.neq, 2)
        case UInt8(ascii: "<"): return peek(1) == UInt8(ascii: "=") ? make(.le, 2) : make(.lt, 1)
        case UInt8(ascii: ">"): return peek(1) == UInt8(ascii: "=") ? make(.ge, 2) : make(.gt, 1)
        default:
            var hints: [String] = []
            if b == UInt8(ascii: "'") { hints.append("strings use double quotes: \"...\"") }
            if b == UInt8(ascii: ":") { hints.append("rules are written `head :- body.`") }
            if b == UInt8(ascii: "?") { hints.append("queries are written `?- body.`") }
            if b == UInt8(ascii: "!") { hints.append("inequality is written `!=`") }
            advance()
            throw Diagnostic("unexpected character '\(text(from))'", at: SourceRange(start, location), hints: hints)
        }
    }

    private mutating func lexString(_ start: SourceLocation) throws(Diagnostic) -> Token {
        advance() // opening quote
        var value: [UInt8] = []
        while true {
            guard let c = peek(), c != 0x0A else {
                throw Diagnostic("unterminated string", at: SourceRange(start, location), hints: ["strings must close with \" on the same line"])
            }
            if c == UInt8(ascii: "\"") { advance(); break }
            if c == UInt8(ascii: "\\") {
                let escStart = location
                advance()
                guard let e = peek() else { continue }
                advance()
                switch e {
                case UInt8(ascii: "\""): value.append(e)
                case UInt8(ascii: "\\"): value.append(e)
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "u"):
                    var hex = ""
                    for _ in 0..<4 {
                        guard let h = peek(), Self.isHex(h) else { break }
                        hex.append(Character(Unicode.Scalar(h))); advance()
                    }
                    guard hex.count == 4, let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
                        throw Diagnostic("invalid \\u escape: expected 4 hex digits", at: SourceRange(escStart, location))
                    }
                    value.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw Diagnostic("unknown escape '\\\(Character(Unicode.Scalar(e)))'", at: SourceRange(escStart, location),
                                     hints: ["valid escapes: \\\" \\\\ \\n \\t \\uXXXX"])
                }
                continue
            }
            value.append(c)
            advance()
        }
        return Token(kind: .string, text: String(decoding: value, as: UTF8.self), range: SourceRange(start, location))
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) }
    static func isIdentChar(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }
}
