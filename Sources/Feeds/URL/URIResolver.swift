// URIResolver.swift — NewsGraph
// RFC 3986 reference resolution on UTF-8 code units. Pure Swift standard library.

/// RFC 3986 reference resolution for feed links.
///
/// All processing happens on UTF-8 code units. Every delimiter RFC 3986 cares about
/// (`:` `/` `?` `#`) is ASCII, so non-ASCII characters (IRIs, RFC 3987) pass through
/// byte for byte and are never percent-encoded or otherwise altered.
enum URIResolver {

    /// Resolves `reference` against `base` (RFC 3986 §5.2, with dot-segment removal).
    ///
    /// - Leading and trailing ASCII whitespace and control characters of `reference` are
    ///   trimmed; tabs, line feeds and carriage returns *inside* a relative reference are
    ///   dropped, as browsers do.
    /// - When the (trimmed) reference already has a scheme it is returned as is — trimmed,
    ///   but without dot-segment normalisation ("http:g" stays "http:g", strict RFC mode).
    /// - When `base` is nil, empty or not absolute, `reference` is returned unchanged.
    /// - The base's fragment is never inherited; an empty reference yields the base
    ///   without its fragment.
    ///
    /// Example: base `"http://www.詹姆斯.com/"` + `"feed"` → `"http://www.詹姆斯.com/feed"`.
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let parsedBase = parseBase(base) else { return reference }
        var ref = reference
        return ref.withUTF8 { bytes -> String in
            let range = trimmedRange(bytes)
            let slice = UnsafeBufferPointer(rebasing: bytes[range])
            if schemeLength(slice) != nil {
                return range.count == bytes.count ? reference : String(decoding: slice, as: UTF8.self)
            }
            var resolved: [UInt8] = []
            resolveRelative(slice, against: parsedBase, appendingTo: &resolved)
            return String(decoding: resolved, as: UTF8.self)
        }
    }

    /// True when the string starts with a URI scheme ("http:", "mailto:", ...): an ASCII
    /// letter followed by letters, digits, "+", "-" or "." and then ":".
    /// Leading ASCII whitespace is ignored.
    static func isAbsolute(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { bytes in
            schemeLength(UnsafeBufferPointer(rebasing: bytes[trimmedRange(bytes)])) != nil
        }
    }

    /// Schemes allowed for links in output. Relative references (no scheme) are safe;
    /// absolute ones are safe only when their scheme is on a fixed allow-list of network and
    /// messaging schemes (http, https, ftp, mailto, news, irc, tel, magnet, ...). Anything
    /// else — notably "javascript:", "data:", "vbscript:" and "file:" — is unsafe.
    ///
    /// ASCII whitespace and control characters anywhere before the ":" are ignored, so
    /// obfuscations such as " java\tscript:" are recognised.
    static func isSafe(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { bytes -> Bool in
            var scheme: [UInt8] = []
            var sawColon = false
            for c in bytes {
                if c <= 0x20 || c == 0x7F { continue }
                if c == UInt8(ascii: ":") { sawColon = true; break }
                if c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") { return true }
                let valid = scheme.isEmpty ? isASCIILetter(c) : isSchemeCharacter(c)
                guard valid else { return true } // not a scheme: browsers treat it as a relative path
                scheme.append(c | (isASCIILetter(c) ? 0x20 : 0))
            }
            guard sawColon, !scheme.isEmpty else { return true }
            return safeSchemes.contains(String(decoding: scheme, as: UTF8.self))
        }
    }

    // MARK: - Internal API shared with HTMLLinkRewriter

    /// Parses `base` once so that many references can be resolved against it.
    /// Returns nil when `base` is nil, empty, or has no scheme.
    static func parseBase(_ base: String?) -> URIBase? {
        guard var text = base, !text.isEmpty else { return nil }
        return text.withUTF8 { bytes -> URIBase? in
            let trimmed = UnsafeBufferPointer(rebasing: bytes[trimmedRange(bytes)])
            let parts = URIComponents(trimmed)
            return parts.scheme == nil ? nil : URIBase(bytes: Array(trimmed), parts: parts)
        }
    }

    /// Appends the resolution of a reference given as UTF-8 bytes to `output`. Returns false,
    /// appending nothing, when the (trimmed) reference is absolute: there is nothing to resolve.
    static func resolveBytes(_ reference: UnsafeBufferPointer<UInt8>, against base: URIBase,
                             appendingTo output: inout [UInt8]) -> Bool {
        let slice = UnsafeBufferPointer(rebasing: reference[trimmedRange(reference)])
        if schemeLength(slice) != nil { return false }
        resolveRelative(slice, against: base, appendingTo: &output)
        return true
    }

    /// Length of the scheme (without ":") at the start of `b`, or nil when there is none.
    static func schemeLength(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = b.first, isASCIILetter(first) else { return nil }
        var i = 1
        while i < b.count, isSchemeCharacter(b[i]) { i += 1 }
        return i < b.count && b[i] == UInt8(ascii: ":") ? i : nil
    }

    // MARK: - Resolution (RFC 3986 §5.2.2, §5.2.3, §5.3), written straight into one output array

    private static func resolveRelative(_ ref: UnsafeBufferPointer<UInt8>, against base: URIBase,
                                        appendingTo out: inout [UInt8]) {
        if ref.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            let cleaned = ref.filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            return cleaned.withUnsafeBufferPointer { resolveRelative($0, against: base, appendingTo: &out) }
        }
        let r = URIComponents(ref)
        base.bytes.withUnsafeBufferPointer { b in
            let bp = base.parts
            out.reserveCapacity(out.count + b.count + ref.count + 4)
            func copy(_ source: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: source[range]))
            }
            if let scheme = bp.scheme { copy(b, scheme); out.append(UInt8(ascii: ":")) }
            let (authoritySource, authority) = r.authority != nil ? (ref, r.authority) : (b, bp.authority)
            if let authority {
                out.append(UInt8(ascii: "/")); out.append(UInt8(ascii: "/"))
                copy(authoritySource, authority)
            }
            let pathStart = out.count
            var query = r.query.map { (ref, $0) }
            if r.authority == nil && r.path.isEmpty {
                copy(b, bp.path)
                if query == nil { query = bp.query.map { (b, $0) } }
            } else {
                if r.authority == nil && ref[r.path].first != UInt8(ascii: "/") { // merge, §5.2.3
                    if bp.authority != nil && bp.path.isEmpty {
                        out.append(UInt8(ascii: "/"))
                    } else if let slash = b[bp.path].lastIndex(of: UInt8(ascii: "/")) {
                        copy(b, bp.path.lowerBound..<(slash + 1))
                    }
                }
                copy(ref, r.path)
                removeDotSegments(in: &out, from: pathStart)
            }
            if let (source, range) = query { out.append(UInt8(ascii: "?")); copy(source, range) }
            if let fragment = r.fragment { out.append(UInt8(ascii: "#")); copy(ref, fragment) }
        }
    }

    /// RFC 3986 §5.2.4 remove_dot_segments applied in place to `buffer[start...]`. The write
    /// position never passes the read position, and each byte is written and dropped at most
    /// once: linear time.
    static func removeDotSegments(in buffer: inout [UInt8], from start: Int) {
        let dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
        guard buffer[start...].contains(dot) else { return }
        let n = buffer.count
        var i = start, w = start // read and write positions; the output so far is buffer[start..<w]
        func at(_ k: Int) -> UInt8 { k < n ? buffer[k] : 0 }
        func popSegment() { // drop the last output segment and its preceding "/"
            repeat { w -= 1 } while w > start && buffer[w] != slash
            w = max(w, start)
        }
        while i < n {
            let c0 = at(i), c1 = at(i + 1), c2 = at(i + 2), c3 = at(i + 3)
            let left = n - i
            if c0 == dot && c1 == dot && c2 == slash { i += 3; continue }                 // A "../"
            if c0 == dot && c1 == slash { i += 2; continue }                              // A "./"
            if c0 == slash && c1 == dot && c2 == slash { i += 2; continue }               // B "/./"
            if left == 2 && c0 == slash && c1 == dot { buffer[w] = slash; w += 1; break } // B "/."
            if c0 == slash && c1 == dot && c2 == dot && c3 == slash { i += 3; popSegment(); continue } // C
            if left == 3 && c0 == slash && c1 == dot && c2 == dot {                        // C "/.."
                popSegment(); buffer[w] = slash; w += 1; break
            }
            if (left == 1 && c0 == dot) || (left == 2 && c0 == dot && c1 == dot) { break } // D
            buffer[w] = c0                                                                // E
            w += 1; i += 1
            while i < n && buffer[i] != slash { buffer[w] = buffer[i]; w += 1; i += 1 }
        }
        buffer.removeSubrange(w..<n)
    }

    // MARK: - Helpers

    /// Range of `b` without leading/trailing ASCII whitespace and C0 control characters.
    static func trimmedRange(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lo = 0, hi = b.count
        while lo < hi && b[lo] <= 0x20 { lo += 1 }
        while hi > lo && b[hi - 1] <= 0x20 { hi -= 1 }
        return lo..<hi
    }

    @inline(__always) static func isASCIILetter(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
    }

    @inline(__always) private static func isSchemeCharacter(_ c: UInt8) -> Bool {
        isASCIILetter(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
            || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }

    /// Lower-case schemes that may appear in output links.
    private static let safeSchemes: Set<String> = [
        "http", "https", "ftp", "ftps", "sftp", "mailto", "news", "nntp", "snews",
        "irc", "ircs", "xmpp", "tel", "sms", "sip", "sips", "magnet", "feed", "webcal",
        "gopher", "rtsp", "rtmp", "mms", "geo", "urn", "tag", "ssh", "git", "svn", "telnet",
    ]
}

/// An absolute base URI, parsed once for many resolutions.
struct URIBase {
    let bytes: [UInt8]
    let parts: URIComponents
}

/// Component ranges of a URI reference (RFC 3986 Appendix B) within a UTF-8 buffer.
/// A nil component is *undefined*; an empty range is defined but empty.
struct URIComponents {
    var scheme: Range<Int>?
    var authority: Range<Int>?
    var path: Range<Int>
    var query: Range<Int>?
    var fragment: Range<Int>?

    /// Splits `b`. A leading "name:" is a scheme only when it is syntactically valid;
    /// otherwise it belongs to a relative path.
    init(_ b: UnsafeBufferPointer<UInt8>) {
        let n = b.count, slash = UInt8(ascii: "/"), question = UInt8(ascii: "?"), hash = UInt8(ascii: "#")
        var i = 0
        if let length = URIResolver.schemeLength(b) {
            scheme = 0..<length
            i = length + 1
        }
        if i + 1 < n && b[i] == slash && b[i + 1] == slash {
            var j = i + 2
            while j < n && b[j] != slash && b[j] != question && b[j] != hash { j += 1 }
            authority = (i + 2)..<j
            i = j
        }
        var j = i
        while j < n && b[j] != question && b[j] != hash { j += 1 }
        path = i..<j
        i = j
        if i < n && b[i] == question {
            j = i + 1
            while j < n && b[j] != hash { j += 1 }
            query = (i + 1)..<j
            i = j
        }
        if i < n && b[i] == hash { fragment = (i + 1)..<n }
    }
}
