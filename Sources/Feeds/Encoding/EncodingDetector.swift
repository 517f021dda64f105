/// Decides which character encoding a document is read with, from its byte order mark, its XML
/// declaration and a charset given by the caller (as an HTTP `Content-Type` would), following RFC 3023.
struct EncodingDetector {
    /// The decision: the encoding to decode with, how many BOM bytes to skip, and any mismatch to report.
    struct Decision: Equatable {
        var encoding: String
        var bomLength: Int
        var problem: String?
    }

    /// Byte-level families recognisable before any decoding.
    enum Family: Equatable {
        case utf8, utf16le, utf16be, utf32le, utf32be, ascii8
    }

    static func family(of bytes: UnsafeBufferPointer<UInt8>) -> (Family, bomLength: Int) {
        func at(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0xAA }
        switch (at(0), at(1), at(2), at(3)) {
        case (0xEF, 0xBB, 0xBF, _): return (.utf8, 3)
        case (0xFF, 0xFE, 0, 0): return (.utf32le, 4)
        case (0, 0, 0xFE, 0xFF): return (.utf32be, 4)
        case (0xFF, 0xFE, _, _): return (.utf16le, 2)
        case (0xFE, 0xFF, _, _): return (.utf16be, 2)
        case (0, 0, 0, 0x3C): return (.utf32be, 0)
        case (0x3C, 0, 0, 0): return (.utf32le, 0)
        case (0, 0x3C, 0, _): return (.utf16be, 0)
        case (0x3C, 0, _, 0): return (.utf16le, 0)
        default: return (.ascii8, 0)
        }
    }

    /// The `encoding` pseudo-attribute of an XML declaration in an ASCII-compatible prefix, lower-cased.
    static func declaredEncoding(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String? {
        var i = start
        let limit = min(bytes.count, start + 512)
        guard limit - i > 5, bytes[i] == 0x3C, bytes[i + 1] == 0x3F, bytes[i + 2] | 0x20 == 0x78,
            bytes[i + 3] | 0x20 == 0x6D, bytes[i + 4] | 0x20 == 0x6C
        else { return nil }
        i += 5
        let needle = Array("encoding".utf8)
        while i + needle.count < limit {
            if bytes[i] == 0x3F && bytes[i + 1] == 0x3E { return nil }
            var matched = true
            for j in 0..<needle.count where bytes[i + j] | 0x20 != needle[j] {
                matched = false
                break
            }
            if !matched {
                i += 1
                continue
            }
            i += needle.count
            while i < limit, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
            guard i < limit, bytes[i] == 0x3D else { return nil }
            i += 1
            while i < limit, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
            guard i < limit, bytes[i] == 0x22 || bytes[i] == 0x27 else { return nil }
            let quote = bytes[i]
            i += 1
            let valueStart = i
            while i < limit, bytes[i] != quote { i += 1 }
            guard i < limit, i > valueStart else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<i]), as: UTF8.self).lowercased()
        }
        return nil
    }

    /// Decides the encoding of an XML document.
    /// - Parameters:
    ///   - charset: a charset given by the caller (HTTP header or `--charset`), if any.
    ///   - mediaType: the HTTP media type, if known; `text/xml` without a charset means US-ASCII (RFC 3023).
    static func decide(_ bytes: UnsafeBufferPointer<UInt8>, charset: String?, mediaType: String?) -> Decision {
        let (family, bomLength) = family(of: bytes)
        var problem: String?
        // The XML declaration, read in the byte family it is written in.
        var declared: String?
        switch family {
        case .utf8, .ascii8:
            declared = declaredEncoding(in: bytes, from: bomLength)
        case .utf16le, .utf16be, .utf32le, .utf32be:
            let width = (family == .utf16le || family == .utf16be) ? 2 : 4
            let offset: Int
            switch family {
            case .utf16le, .utf32le: offset = 0
            case .utf16be: offset = 1
            default: offset = 3
            }
            var narrow: [UInt8] = []
            var i = bomLength + offset
            while i < bytes.count, narrow.count < 256 {
                narrow.append(bytes[i])
                i += width
            }
            declared = narrow.withUnsafeBufferPointer { declaredEncoding(in: $0, from: 0) }
        }
        let given = charset.map(normalize).flatMap { $0.isEmpty ? nil : $0 }
        let type = mediaType?.lowercased()
        let textXML = type.map { $0.hasPrefix("text/") && ($0.hasSuffix("xml") || $0.hasSuffix("xml-external-parsed-entity")) } ?? false

        let familyName: String?
        switch family {
        case .utf8: familyName = "utf-8"
        case .utf16le: familyName = "utf-16le"
        case .utf16be: familyName = "utf-16be"
        case .utf32le: familyName = "utf-32le"
        case .utf32be: familyName = "utf-32be"
        case .ascii8: familyName = nil
        }
        if let declared {
            let declaredWide = declared.hasPrefix("utf-16") || declared.hasPrefix("utf-32") || declared.hasPrefix("ucs")
            if declaredWide && family == .ascii8 {
                problem = "document declared as \(declared), but its bytes are not \(declared)"
            } else if !declaredWide && family != .ascii8 && family != .utf8 {
                problem = "document declared as \(declared), but it is \(familyName ?? "")"
            }
        }
        var encoding: String
        if let given {
            encoding = given
        } else if textXML {
            encoding = familyName ?? "us-ascii"
        } else if let familyName {
            encoding = familyName
        } else if let declared, problem == nil {
            encoding = normalize(declared)
        } else {
            encoding = "utf-8"
        }
        // A UTF-16/32 family needs its byte order; "utf-16" alone means the sniffed one.
        if encoding == "utf-16" || encoding == "utf-32" || encoding == "ucs-2" || encoding == "ucs-4" {
            encoding = familyName ?? "utf-8"
        }
        return Decision(encoding: encoding, bomLength: bomLength, problem: problem)
    }

    /// Canonical lower-case names; GB2312 is read as its superset GB18030.
    static func normalize(_ name: String) -> String {
        var name = name.lowercased()
        name.removeAll { $0 == "\"" || $0 == "'" || $0 == " " }
        switch name {
        case "utf8": return "utf-8"
        case "gb2312", "gbk", "x-gbk", "euc-cn": return "gb18030"
        case "latin1", "latin-1", "l1", "iso8859-1", "iso_8859-1": return "iso-8859-1"
        case "ascii", "us_ascii", "ansi_x3.4-1968": return "us-ascii"
        case "cp1252", "win-1252": return "windows-1252"
        case "sjis", "shift-jis", "x-sjis": return "shift_jis"
        default: return name
        }
    }
}
