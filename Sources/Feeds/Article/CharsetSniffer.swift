import CLibXML2

/// Byte-level charset handling done before libxml2 sees the input.
enum CharsetSniffer {
    /// Lower-cased, trimmed label, or nil when empty.
    static func normalizedLabel(_ raw: String) -> String? {
        var s = raw.lowercased()
        s = String(s.drop(while: { $0 == " " || $0 == "\"" || $0 == "'" }))
        while let last = s.last, last == " " || last == "\"" || last == "'" || last == ";" { s.removeLast() }
        return s.isEmpty ? nil : s
    }

    static func isUTF8(_ label: String) -> Bool { label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8" }
    static func isUTF16(_ label: String) -> Bool { label.hasPrefix("utf-16") || label == "utf16" }

    /// Whether libxml2 (with iconv) can convert from this charset.
    static func isKnown(_ label: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(label) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    /// Charset from a byte-order mark or a `charset=` declaration near the start of the document.
    static func sniff(_ bytes: [UInt8]) -> String? {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return "utf-8" }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return "utf-16le" }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return "utf-16be" }
        let limit = min(bytes.count, 8192)
        let meta: [UInt8] = Array("<meta".utf8)
        var i = 0
        while i + meta.count < limit {
            if bytes[i] == 60 && matches(bytes, at: i, meta, limit: limit) {
                var end = i + meta.count
                while end < limit && bytes[end] != 62 { end += 1 }
                if let label = charsetValue(bytes, from: i + meta.count, to: end) {
                    // As in browsers: a <meta> cannot switch to UTF-16 (the bytes read so far were ASCII).
                    return isUTF16(label) ? "utf-8" : label
                }
                i = end
            }
            i += 1
        }
        return nil
    }

    private static func matches(_ bytes: [UInt8], at i: Int, _ needle: [UInt8], limit: Int) -> Bool {
        guard i + needle.count <= limit else { return false }
        for k in 0..<needle.count where (bytes[i + k] | 0x20) != needle[k] { return false }
        return true
    }

    /// The value after `charset=` inside one tag's bytes.
    private static func charsetValue(_ bytes: [UInt8], from start: Int, to end: Int) -> String? {
        let needle: [UInt8] = Array("charset".utf8)
        var i = start
        while i + needle.count < end {
            if matches(bytes, at: i, needle, limit: end) {
                var j = i + needle.count
                while j < end && (bytes[j] == 32 || bytes[j] == 9) { j += 1 }
                if j < end && bytes[j] == 61 { // '='
                    j += 1
                    while j < end && (bytes[j] == 32 || bytes[j] == 34 || bytes[j] == 39) { j += 1 }
                    var label: [UInt8] = []
                    while j < end, label.count < 40 {
                        let c = bytes[j]
                        let ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45 || c == 95 || c == 46 || c == 58
                        if !ok { break }
                        label.append(c >= 65 && c <= 90 ? c + 32 : c)
                        j += 1
                    }
                    if !label.isEmpty { return String(decoding: label, as: UTF8.self) }
                }
            }
            i += 1
        }
        return nil
    }

    /// A copy with invalid UTF-8 replaced by U+FFFD and NUL bytes by spaces, or nil when the input is clean.
    static func repairedUTF8(_ bytes: [UInt8]) -> [UInt8]? {
        var firstBad = -1
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c >= 1 && c < 0x80 { i += 1; continue }
                let len = sequenceLength(b, i)
                if len == 0 { firstBad = i; return }
                i += len
            }
        }
        guard firstBad >= 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        out.append(contentsOf: bytes[0..<firstBad])
        bytes.withUnsafeBufferPointer { b in
            var i = firstBad
            while i < b.count {
                let c = b[i]
                if c == 0 { out.append(32); i += 1; continue }
                if c < 0x80 { out.append(c); i += 1; continue }
                let len = sequenceLength(b, i)
                if len == 0 {
                    out.append(0xEF); out.append(0xBF); out.append(0xBD)
                    i += 1
                } else {
                    out.append(contentsOf: b[i..<(i + len)])
                    i += len
                }
            }
        }
        return out
    }

    /// Length of the valid UTF-8 sequence starting at `i`, or 0 when invalid (NUL counts as invalid).
    private static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        let n = b.count
        func cont(_ k: Int) -> Bool { k < n && (b[k] & 0xC0) == 0x80 }
        switch c {
        case 0: return 0
        case 0x01..<0x80: return 1
        case 0xC2...0xDF: return cont(i + 1) ? 2 : 0
        case 0xE0:
            return i + 2 < n && b[i + 1] >= 0xA0 && b[i + 1] <= 0xBF && cont(i + 2) ? 3 : 0
        case 0xED:
            return i + 2 < n && b[i + 1] >= 0x80 && b[i + 1] <= 0x9F && cont(i + 2) ? 3 : 0
        case 0xE1...0xEF: return cont(i + 1) && cont(i + 2) ? 3 : 0
        case 0xF0:
            return i + 3 < n && b[i + 1] >= 0x90 && b[i + 1] <= 0xBF && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF1...0xF3: return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF4:
            return i + 3 < n && b[i + 1] >= 0x80 && b[i + 1] <= 0x8F && cont(i + 2) && cont(i + 3) ? 4 : 0
        default: return 0
        }
    }

    /// Whether the start of the input is mostly control bytes (images, archives, random data).
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let limit = min(bytes.count, 8192)
        guard limit > 0 else { return false }
        var control = 0
        for i in 0..<limit {
            let b = bytes[i]
            if b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B) { control += 1 }
        }
        return control * 10 > limit
    }

    /// A copy with NUL bytes replaced by spaces, or nil when there are none.
    static func withoutNULs(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.contains(0) else { return nil }
        return bytes.map { $0 == 0 ? 32 : $0 }
    }
}
