import Support

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts document bytes to UTF-8, reporting where the bytes did not fit the encoding.
enum Transcoder {
    struct Result {
        var utf8: [UInt8]
        /// The encoding actually used (differs from the requested one after a fallback).
        var encoding: String
        /// A description of the first undecodable byte, if any.
        var problem: String?
    }

    /// Decodes a document from `encoding` into UTF-8, skipping a BOM of `bomLength` bytes. A document
    /// that is already valid UTF-8 without a BOM is returned as it is, without a copy.
    static func toUTF8(_ document: [UInt8], bomLength: Int, encoding: String) -> Result {
        document.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[min(bomLength, all.count)...])
            guard encoding == "utf-8" || encoding == "us-ascii" else { return toUTF8(bytes, encoding: encoding) }
            // One scan: valid UTF-8 without a BOM is the document itself, never copied.
            if let offset = firstInvalidUTF8(bytes) { return windows1252Fallback(bytes, declared: encoding, invalidAt: offset) }
            return Result(utf8: bomLength == 0 ? document : Array(bytes), encoding: encoding, problem: nil)
        }
    }

    /// Decodes `bytes` (after any BOM) from `encoding` into UTF-8.
    static func toUTF8(_ bytes: UnsafeBufferPointer<UInt8>, encoding: String) -> Result {
        switch encoding {
        case "utf-8", "us-ascii":
            if let offset = firstInvalidUTF8(bytes) { return windows1252Fallback(bytes, declared: encoding, invalidAt: offset) }
            return Result(utf8: Array(bytes), encoding: encoding, problem: nil)
        case "iso-8859-1":
            return Result(utf8: latin1ToUTF8(bytes), encoding: encoding, problem: nil)
        case "windows-1252":
            return Result(utf8: windows1252ToUTF8(bytes), encoding: encoding, problem: nil)
        default:
            return iconvToUTF8(bytes, encoding: encoding)
        }
    }

    /// Bytes declared UTF-8 (or US-ASCII) that are not, read as windows-1252, the usual real encoding.
    static func windows1252Fallback(_ bytes: UnsafeBufferPointer<UInt8>, declared encoding: String, invalidAt offset: Int) -> Result {
        Result(utf8: windows1252ToUTF8(bytes), encoding: "windows-1252",
               problem: "document declared as \(encoding), but byte offset \(offset) is not valid \(encoding); read as windows-1252")
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        let n = bytes.count
        while i < n {
            i = ByteScan.firstNonASCII(base, from: i, to: n)
            guard i < n else { break }
            let b0 = bytes[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            if b0 & 0xE0 == 0xC0 {
                length = 2
                minimum = 0x80
            } else if b0 & 0xF0 == 0xE0 {
                length = 3
                minimum = 0x800
            } else if b0 & 0xF8 == 0xF0 {
                length = 4
                minimum = 0x10000
            } else {
                return i
            }
            guard i + length <= n else { return i }
            var scalar = UInt32(b0) & (0xFF >> (length + 1))
            for j in 1..<length {
                let b = bytes[i + j]
                guard b & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(b & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }

    static func latin1ToUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
            } else {
                out.append(0xC0 | b >> 6)
                out.append(0x80 | b & 0x3F)
            }
        }
        return out
    }

    /// Windows-1252's 0x80–0x9F; the five undefined positions map to the C1 control of the same value.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252ToUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
            } else {
                let scalar = (0x80...0x9F).contains(b) ? windows1252High[Int(b - 0x80)] : UInt32(b)
                appendUTF8(scalar, to: &out)
            }
        }
        return out
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Any other encoding through the C library's iconv; undecodable bytes become U+FFFD.
    static func iconvToUTF8(_ bytes: UnsafeBufferPointer<UInt8>, encoding: String) -> Result {
        let converter = iconv_open("UTF-8", encoding.uppercased())
        if converter == iconv_t(bitPattern: -1) {
            var result = toUTF8(bytes, encoding: "utf-8")
            result.problem = result.problem ?? "unknown encoding \"\(encoding)\"; read as \(result.encoding)"
            return result
        }
        defer { iconv_close(converter) }
        guard let input = bytes.baseAddress else { return Result(utf8: [], encoding: encoding, problem: nil) }
        var out = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var produced = 0
        var consumed = 0
        var problem: String?
        while consumed < bytes.count {
            if out.count - produced < 16 { out.append(contentsOf: repeatElement(0, count: out.count)) }
            var inLeft = bytes.count - consumed
            var outLeft = out.count - produced
            let status: Int = out.withUnsafeMutableBufferPointer { outBuffer in
                guard let output = outBuffer.baseAddress else { return 0 }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: input + consumed)
                    .assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output + produced)
                    .assumingMemoryBound(to: CChar.self)
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
            consumed = bytes.count - inLeft
            produced = out.count - outLeft
            if status == -1 {
                let error = errno
                if error == E2BIG {
                    out.append(contentsOf: repeatElement(0, count: out.count))
                    continue
                }
                // EILSEQ or EINVAL (truncated sequence at the end): replace one byte and go on.
                if problem == nil {
                    problem = "byte offset \(consumed) is not valid \(encoding)"
                }
                if out.count - produced < 3 { out.append(contentsOf: repeatElement(0, count: 64)) }
                out[produced] = 0xEF
                out[produced + 1] = 0xBF
                out[produced + 2] = 0xBD
                produced += 3
                consumed += 1
            }
        }
        out.removeSubrange(produced...)
        return Result(utf8: out, encoding: encoding, problem: problem)
    }
}
