import Support

/// The document as libxml2 reads it through its input callback, a few kilobytes at a time.
///
/// The predefined entity references escaped HTML is full of (`&lt;p&gt;`, `&quot;`, `&amp;`) go to libxml2
/// as the equivalent character references (`&#60;p&#62;`, `&#34;`, `&#38;`): libxml2 reads a character reference as
/// digits, but an entity reference as a name it looks up in its dictionary and then among the
/// predefined entities — a tenth of its time on a typical feed. The pre-pass lists where they are
/// (`XMLPrepass.predefinedReferences`: outside CDATA sections, comments and processing instructions,
/// where they are text); the text libxml2 reports is the same. All but `&amp;` change the length of their
/// line by one, so `mapColumns` maps libxml2's columns back.
struct DocumentInput {
    private var next: UnsafePointer<UInt8>
    private var remaining: Int
    private let start: UnsafePointer<UInt8>
    private let references: UnsafeBufferPointer<UInt32>
    private var nextReference = 0

    /// `references`: offsets in `bytes` of `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&apos;`, ascending.
    init(_ bytes: UnsafeBufferPointer<UInt8>, references: UnsafeBufferPointer<UInt32>) {
        start = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        next = start
        remaining = bytes.count
        self.references = references
    }

    /// Copies up to `capacity` bytes of the document, references rewritten, to `buffer`; returns how many.
    mutating func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        var written = 0
        while written < capacity && remaining > 0 {
            let offset = next - start
            let upcoming = nextReference < references.count ? Int(references[unchecked: nextReference]) : Int.max
            if offset == upcoming {
                nextReference += 1
                guard let (numeric, replaced) = Self.characterReference(at: next, remaining: remaining) else { continue }
                if capacity - written < numeric.utf8CodeUnitCount {
                    // No room left: the rest of this read ends here (an empty read would mean the end).
                    if written > 0 {
                        nextReference -= 1
                        break
                    }
                    continue  // a read too short for the rewritten form takes the reference as written
                }
                ShortCopy.copy(numeric.utf8Start, to: buffer + written, count: numeric.utf8CodeUnitCount)
                written += numeric.utf8CodeUnitCount
                next += replaced
                remaining -= replaced
                continue
            }
            let count = min(capacity - written, remaining, upcoming - offset)
            ShortCopy.copy(next, to: buffer + written, count: count)
            written += count
            next += count
            remaining -= count
        }
        return written
    }

    /// The character reference for the predefined entity reference at `p`, and how many bytes it replaces.
    @inline(__always)
    private static func characterReference(at p: UnsafePointer<UInt8>, remaining: Int) -> (StaticString, Int)? {
        guard remaining >= 4, p[0] == 0x26 else { return nil }
        switch (p[1], p[2]) {
        case (0x6C, 0x74) where p[3] == 0x3B: return ("&#60;", 4)  // &lt;
        case (0x67, 0x74) where p[3] == 0x3B: return ("&#62;", 4)  // &gt;
        case (0x61, 0x6D) where remaining >= 5 && p[3] == 0x70 && p[4] == 0x3B: return ("&#38;", 5)  // &amp;
        case (0x71, 0x75) where remaining >= 6 && p[3] == 0x6F && p[4] == 0x74 && p[5] == 0x3B: return ("&#34;", 6)  // &quot;
        case (0x61, 0x70) where remaining >= 6 && p[3] == 0x6F && p[4] == 0x73 && p[5] == 0x3B: return ("&#39;", 6)  // &apos;
        default: return nil
        }
    }

    /// How much the rewritten form of the reference whose name starts with these bytes is longer:
    /// `&lt;` and `&gt;` grow by one, `&amp;` keeps its length, `&quot;` and `&apos;` shrink by one.
    private static func lengthChange(of first: UInt8, _ second: UInt8) -> Int {
        switch (first, second) {
        case (0x6C, _), (0x67, _): return 1
        case (0x61, 0x6D): return 0
        default: return -1
        }
    }

    /// `problems` (in document order, as libxml2 reports them) with the columns of the document as given:
    /// libxml2 read the rewritten document, where each reference before a position on its line moved it
    /// by one (libxml2 counts characters). One pass over the lines concerned.
    static func mapColumns(of problems: [XMLParseProblem], in bytes: UnsafeBufferPointer<UInt8>,
                           references: UnsafeBufferPointer<UInt32>) -> [XMLParseProblem] {
        guard !references.isEmpty else { return problems }
        var mapped = problems
        // The current line, and within it: characters counted up to `position`, the shift of the
        // references passed, and the next reference.
        var line = 0
        var (lineStart, lineEnd, position, characters, shift, k) = (0, -1, 0, 0, 0, 0)
        for index in mapped.indices {
            let problem = mapped[index]
            if problem.line < line || (problem.line == line && problem.column < characters + 1 + shift) {
                (line, lineEnd, k) = (0, -1, 0)  // out of order: start over
            }
            while line < problem.line && lineEnd < bytes.count {
                line += 1
                lineStart = lineEnd + 1
                lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
                (position, characters, shift) = (lineStart, 0, 0)
            }
            guard line == problem.line else { continue }
            while k < references.count, Int(references[k]) < lineStart { k += 1 }
            while k < references.count, Int(references[k]) < lineEnd {
                let offset = Int(references[k])
                while position < offset {
                    if bytes[position] & 0xC0 != 0x80 { characters += 1 }
                    position += 1
                }
                // The rewritten reference starts at column `characters + 1 + shift` of the rewritten line.
                guard problem.column > characters + 1 + shift else { break }
                shift += Self.lengthChange(of: bytes[offset + 1], bytes[offset + 2])
                k += 1
            }
            mapped[index].column = problem.column - shift
        }
        return mapped
    }
}

extension UnsafeBufferPointer where Element == UInt32 {
    /// The element at `index`, which the caller has checked is in bounds.
    @inline(__always)
    fileprivate subscript(unchecked index: Int) -> UInt32 { baseAddress.unsafelyUnwrapped[index] }
}
