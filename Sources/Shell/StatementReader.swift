import Support

/// Splits REPL input into complete statements: a statement ends at a `.` outside strings and comments
/// that is followed by whitespace or the end of the line (so `3.5` and `fact/12.` read right); meta-commands
/// (`:load file`) are one line each.
public struct StatementReader: Sendable {
    /// Text of the statement being typed, across lines.
    public private(set) var pending = ""
    private var inString = false
    private var escaped = false
    private var inBlockComment = false

    public init() {}

    /// True while a statement has started but not ended (the REPL shows its continuation prompt).
    public var isContinuing: Bool { !pending.trimmingCharacters(in: " \t\n").isEmpty }

    /// Feeds one line; returns the statements it completed.
    public mutating func feed(_ line: String) -> [String] {
        if !isContinuing, line.trimmingCharacters(in: " \t").hasPrefix(":") {
            return [line.trimmingCharacters(in: " \t")]
        }
        var statements: [String] = []
        let scalars = Array(line.unicodeScalars)
        var i = 0
        var lineComment = false
        while i < scalars.count {
            let c = scalars[i]
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            pending.unicodeScalars.append(c)
            if lineComment {
                i += 1
                continue
            }
            if inBlockComment {
                if c == "*" && next == "/" {
                    pending.unicodeScalars.append("/")
                    inBlockComment = false
                    i += 2
                    continue
                }
            } else if inString {
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inString = false
                }
            } else if c == "\"" {
                inString = true
            } else if c == "%" {
                lineComment = true
            } else if c == "/" && next == "*" {
                pending.unicodeScalars.append("*")
                inBlockComment = true
                i += 2
                continue
            } else if c == "." && (next == nil || next == " " || next == "\t" || next == "%") {
                let statement = pending.trimmingCharacters(in: " \t\n")
                if !statement.isEmpty && statement != "." { statements.append(statement) }
                pending = ""
            }
            i += 1
        }
        if !inString && !inBlockComment { pending.unicodeScalars.append("\n") }
        if !isContinuing { pending = "" }
        return statements
    }

    /// What remains unfinished at the end of input, if anything (an unterminated statement or string).
    public mutating func finish() -> String? {
        let rest = pending.trimmingCharacters(in: " \t\n")
        pending = ""
        inString = false
        inBlockComment = false
        escaped = false
        return rest.isEmpty ? nil : rest
    }

    /// Forgets a half-typed statement (Ctrl-C at a continuation prompt).
    public mutating func discard() {
        _ = finish()
    }
}

