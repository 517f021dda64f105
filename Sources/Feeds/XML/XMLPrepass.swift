import Support

/// Makes a feed's UTF-8 bytes safe and complete for libxml2 before parsing, in one linear pass:
///
/// - the document type declaration is blanked out (its line breaks kept, so positions stay right):
///   entity declarations are never expanded, so billion laughs, quadratic blow-up and external
///   entities (local files, network) cannot happen whatever the parser options;
/// - HTML named character references, which feeds use freely, become numeric references;
/// - references to undefined entities and stray `&` are kept as literal text (`&amp;name;`);
/// - NUL bytes become U+FFFD.
///
/// Each repair is reported, so the document is flagged `bozo` with the first one's position.
struct XMLPrepass {
    struct Problem {
        var offset: Int
        var message: String
    }

    private(set) var output: [UInt8]?
    private(set) var problems: [Problem] = []
    /// Offsets of the `&` of each `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&apos;` reference in the document libxml2
    /// reads (`output`, else the input), ascending; outside CDATA sections, comments and processing
    /// instructions, where they are text. See `DocumentInput`.
    private(set) var predefinedReferences: [UInt32] = []

    /// Runs the pass; `output` is nil when the input needed no change.
    init(_ input: UnsafeBufferPointer<UInt8>) {
        var pass = Pass(input: input)
        pass.run()
        output = pass.output
        problems = pass.problems
        predefinedReferences = pass.predefinedReferences
    }

    /// 1-based line and column of a byte offset.
    static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, offset - lineStart + 1)
    }
}

private struct Pass {
    let input: UnsafeBufferPointer<UInt8>
    var output: [UInt8]?
    var copied = 0
    var problems: [XMLPrepass.Problem] = []
    var predefinedReferences: [UInt32] = []
    /// At most one listed reference per 16 bytes (escaped HTML has one every 60 to 100): a document made of
    /// references costs a quarter of its size in offsets, not its size; the rest reach libxml2 as written.
    let referenceLimit: Int

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        referenceLimit = input.count / 16
        predefinedReferences.reserveCapacity(input.count / 128)
    }

    /// Replaces input[range] with `bytes` in the output (created on first use).
    mutating func replace(_ range: Range<Int>, with bytes: some Collection<UInt8>) {
        if output == nil {
            output = []
            output?.reserveCapacity(input.count + 64)
        }
        output?.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<range.lowerBound]))
        output?.append(contentsOf: bytes)
        copied = range.upperBound
    }

    /// Lists the predefined entity reference at input offset `start` at its offset in the output.
    mutating func notePredefinedReference(at start: Int) {
        let offset = (output?.count ?? 0) + (start - copied)
        if offset <= Int(UInt32.max) && predefinedReferences.count < referenceLimit { predefinedReferences.append(UInt32(offset)) }
    }

    mutating func problem(_ offset: Int, _ message: String) {
        if problems.count < 100 { problems.append(.init(offset: offset, message: message)) }
    }

    func matches(_ literal: StaticString, at i: Int, caseInsensitive: Bool = false) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= input.count else { return false }
        let base = literal.utf8Start
        for j in 0..<count {
            let expected = base[j]
            let actual = caseInsensitive ? input[i + j] | (input[i + j] >= 0x41 && input[i + j] <= 0x5A ? 0x20 : 0) : input[i + j]
            if actual != expected { return false }
        }
        return true
    }

    /// The index just past the first occurrence of `terminator` at or after `i`, or the end.
    func skip(to terminator: StaticString, from i: Int) -> Int {
        let count = terminator.utf8CodeUnitCount
        let first = terminator.utf8Start[0]
        var k = i
        while k + count <= input.count {
            if input[k] == first && matches(terminator, at: k) { return k + count }
            k += 1
        }
        return input.count
    }

    /// Looks at the bytes the pass is about: `<` (markup declarations), `&` and NUL.
    ///
    /// Tags are not tracked: in a document's prolog, where a document type declaration can be, there are
    /// no tags; after the root element opens libxml2 reads no declarations, and a `<` inside an attribute
    /// value is an error libxml2 reports and recovers from whatever the pass does.
    mutating func run() {
        let n = input.count
        var i = 0
        guard let base = input.baseAddress else { return }
        while i < n {
            i = ByteScan.firstMarkupOrNUL(base, from: i, to: n)
            guard i < n else { break }
            switch input[i] {
            case 0x3C:  // <
                let next = i + 1 < n ? input[i + 1] : 0
                if next != 0x21 && next != 0x3F {  // neither <! nor <?: a tag
                    i += 1
                } else if matches("<!--", at: i) {
                    i = skip(to: "-->", from: i + 4)
                } else if matches("<![CDATA[", at: i) {
                    i = skip(to: "]]>", from: i + 9)
                } else if matches("<?", at: i) {
                    i = skip(to: "?>", from: i + 2)
                } else if matches("<!doctype", at: i, caseInsensitive: true) {
                    i = blankDoctype(from: i)
                } else {
                    i += 1
                }
            case 0x26:  // &
                i = reference(at: i)
            default:  // NUL
                problem(i, "NUL byte replaced")
                replace(i..<i + 1, with: [0xEF, 0xBF, 0xBD])
                i += 1
            }
        }
        if output != nil { replace(n..<n, with: EmptyCollection()) }
    }

    /// Blanks `<!DOCTYPE ...>` including an internal subset, keeping line breaks.
    mutating func blankDoctype(from start: Int) -> Int {
        let n = input.count
        var i = start + 9
        var quote: UInt8 = 0
        var depth = 0
        var declaresEntities = false
        while i < n {
            let byte = input[i]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == 0x22 || byte == 0x27 {
                quote = byte
            } else if byte == 0x5B {
                depth += 1
            } else if byte == 0x5D {
                depth -= 1
            } else if byte == 0x3C && matches("<!ENTITY", at: i) {
                declaresEntities = true
            } else if byte == 0x3C && matches("<!--", at: i) {
                i = skip(to: "-->", from: i + 4)
                continue
            } else if byte == 0x3E && depth <= 0 {
                i += 1
                break
            }
            i += 1
        }
        if declaresEntities {
            problem(start, "entity declarations in the document type declaration were ignored")
        }
        var blank = [UInt8](repeating: 0x20, count: i - start)
        for k in start..<i where input[k] == 0x0A { blank[k - start] = 0x0A }
        replace(start..<i, with: blank)
        return i
    }

    static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b == 0x3A || b >= 0x80
    }

    static func isNameChar(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
    }

    /// Checks or repairs the reference starting at the `&` at `start`; returns where scanning resumes.
    mutating func reference(at start: Int) -> Int {
        let n = input.count
        // `&lt;` and `&gt;`, which escaped HTML in descriptions is full of, need no more checking.
        if start + 3 < n, input[start + 2] == 0x74, input[start + 3] == 0x3B, input[start + 1] == 0x6C || input[start + 1] == 0x67 {
            notePredefinedReference(at: start)
            return start + 4
        }
        var i = start + 1
        if i < n && input[i] == 0x23 {  // &#
            i += 1
            var hex = false
            if i < n && (input[i] == 0x78 || input[i] == 0x58) {
                hex = true
                i += 1
            }
            let digitsStart = i
            while i < n, i - digitsStart < 10 {
                let b = input[i]
                let isDigit = (b >= 0x30 && b <= 0x39) || (hex && ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66))
                if !isDigit { break }
                i += 1
            }
            if i > digitsStart && i < n && input[i] == 0x3B { return i + 1 }
            problem(start, "unescaped & kept as text")
            replace(start..<start + 1, with: "&amp;".utf8)
            return start + 1
        }
        guard i < n, Self.isNameStart(input[i]) else {
            problem(start, "unescaped & kept as text")
            replace(start..<start + 1, with: "&amp;".utf8)
            return start + 1
        }
        let nameStart = i
        while i < n, Self.isNameChar(input[i]), i - nameStart < 64 { i += 1 }
        guard i < n, input[i] == 0x3B else {
            problem(start, "unescaped & kept as text")
            replace(start..<start + 1, with: "&amp;".utf8)
            return start + 1
        }
        let name = UnsafeBufferPointer(rebasing: input[nameStart..<i])
        if Self.isPredefined(name) {
            notePredefinedReference(at: start)
            return i + 1
        }
        if let scalar = HTMLCharacterReferences.scalar(named: name) {
            replace(start..<i + 1, with: "&#\(scalar);".utf8)
        } else {
            problem(start, "undefined entity &\(String(decoding: name, as: UTF8.self)); kept as text")
            replace(start..<start + 1, with: "&amp;".utf8)
        }
        return i + 1
    }

    static func isPredefined(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name.count {
        case 2: return (name[0] == 0x6C || name[0] == 0x67) && name[1] == 0x74  // lt, gt
        case 3: return name[0] == 0x61 && name[1] == 0x6D && name[2] == 0x70  // amp
        case 4:
            return (name[0] == 0x71 && name[1] == 0x75 && name[2] == 0x6F && name[3] == 0x74)  // quot
                || (name[0] == 0x61 && name[1] == 0x70 && name[2] == 0x6F && name[3] == 0x73)  // apos
        default: return false
        }
    }
}
