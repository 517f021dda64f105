#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serialising markup nested inside a text element (inline XHTML, naked HTML) back into text.
extension FeedBuilder {
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    func serializeStart(localName: String, namespace: XMLNamespace, namespaceURI: String?, attributes: [SAXAttribute]) {
        if markupDepth == 0 && !leafHoldsMarkup {
            // Text gathered so far was raw; from now on the value is markup.
            var escaped: [UInt8] = []
            MarkupEscaping.appendEscapedText(leafText.bytes, to: &escaped)
            leafText.replace(with: escaped)
            leafHoldsMarkup = true
        }
        closePendingTag()
        leafText.append(UInt8(ascii: "<"))
        leafText.append(utf8: localName)
        let parentURI = markupNamespaces.last ?? "http://www.w3.org/1999/xhtml"
        let elementURI = namespaceURI ?? "http://www.w3.org/1999/xhtml"
        for attribute in attributes {
            leafText.append(UInt8(ascii: " "))
            if let prefix = attribute.prefix, attribute.namespace != .none {
                leafText.append(utf8: prefix)
                leafText.append(UInt8(ascii: ":"))
            }
            leafText.append(utf8: attribute.localName)
            leafText.append(literal: "=\"")
            MarkupEscaping.appendEscapedAttribute(attribute.value, to: &leafText)
            leafText.append(UInt8(ascii: "\""))
        }
        if elementURI != parentURI && namespace != .xhtml {
            leafText.append(literal: " xmlns=\"")
            MarkupEscaping.appendEscapedAttribute(elementURI, to: &leafText)
            leafText.append(UInt8(ascii: "\""))
        }
        markupNames.append(localName)
        markupNamespaces.append(elementURI)
        markupOpenTag = true
        markupDepth += 1
    }

    func serializeEnd() {
        guard let name = markupNames.popLast() else { return }
        markupNamespaces.removeLast()
        if markupOpenTag {
            markupOpenTag = false
            if Self.voidElements.contains(name) {
                leafText.append(literal: " />")
            } else {
                leafText.append(literal: "></")
                leafText.append(utf8: name)
                leafText.append(UInt8(ascii: ">"))
            }
        } else {
            leafText.append(literal: "</")
            leafText.append(utf8: name)
            leafText.append(UInt8(ascii: ">"))
        }
        markupDepth -= 1
    }

    func closePendingTag() {
        if markupOpenTag {
            markupOpenTag = false
            leafText.append(UInt8(ascii: ">"))
        }
    }
}

/// Escaping of text and attribute values written as markup.
enum MarkupEscaping {
    static func appendEscapedText<Sink: ByteSink & ~Copyable>(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
        var runStart = 0
        for i in 0..<bytes.count {
            let replacement: StaticString
            switch bytes[i] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            default: continue
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            out.append(literal: replacement)
            runStart = i + 1
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    static func appendEscapedAttribute<Sink: ByteSink & ~Copyable>(_ value: String, to out: inout Sink) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(literal: "&amp;")
            case UInt8(ascii: "<"): out.append(literal: "&lt;")
            case UInt8(ascii: "\""): out.append(literal: "&quot;")
            default: out.append(byte)
            }
        }
    }

    static func escapedText(_ value: String) -> String {
        var value = value
        return value.withUTF8 { bytes in
            var out: [UInt8] = []
            appendEscapedText(bytes, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension MarkupEscaping {
    /// The character data of serialised markup: tags removed, the escapes this file writes undone.
    static func textContent(ofMarkup markup: String) -> String {
        var out: [UInt8] = []
        var inTag = false
        var bytes = Array(markup.utf8)
        bytes.append(0)
        var i = 0
        while i < bytes.count - 1 {
            let byte = bytes[i]
            if inTag {
                if byte == UInt8(ascii: ">") { inTag = false }
                i += 1
                continue
            }
            if byte == UInt8(ascii: "<") {
                inTag = true
                i += 1
                continue
            }
            if byte == UInt8(ascii: "&") {
                let rest = bytes[i...]
                if rest.starts(with: "&amp;".utf8) {
                    out.append(UInt8(ascii: "&"))
                    i += 5
                    continue
                } else if rest.starts(with: "&lt;".utf8) {
                    out.append(UInt8(ascii: "<"))
                    i += 4
                    continue
                } else if rest.starts(with: "&gt;".utf8) {
                    out.append(UInt8(ascii: ">"))
                    i += 4
                    continue
                } else if rest.starts(with: "&quot;".utf8) {
                    out.append(UInt8(ascii: "\""))
                    i += 6
                    continue
                }
            }
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Feeds often carry Windows-1252 punctuation as C1 control characters or as references to them
/// (`&#146;` for an apostrophe); both are mapped to the characters meant.
enum Windows1252Repair {

    static func repair(_ value: String, isMarkup: Bool) -> String {
        var value = value
        let (needsScalarRepair, needsReferenceRepair) = value.withUTF8 { bytes -> (Bool, Bool) in
            guard let base = bytes.baseAddress else { return (false, false) }
            // C1 controls are 0xC2 0x80...0x9F in UTF-8; references of interest start with "&#1".
            func contains(_ byte: UInt8, where follows: (Int) -> Bool) -> Bool {
                var offset = 0
                while offset < bytes.count, let found = memchr(base + offset, Int32(byte), bytes.count - offset) {
                    let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if follows(index) { return true }
                    offset = index + 1
                }
                return false
            }
            let scalar = contains(0xC2) { $0 + 1 < bytes.count && (0x80...0x9F).contains(bytes[$0 + 1]) }
            let reference = isMarkup && contains(UInt8(ascii: "&")) { $0 + 2 < bytes.count && bytes[$0 + 1] == 0x23 && bytes[$0 + 2] == 0x31 }
            return (scalar, reference)
        }
        guard needsScalarRepair || needsReferenceRepair else { return value }
        var result = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if (0x80...0x9F).contains(scalar.value), let mapped = Unicode.Scalar(Transcoder.windows1252High[Int(scalar.value - 0x80)]) {
                result.append(mapped)
            } else {
                result.append(scalar)
            }
        }
        var text = String(result)
        guard needsReferenceRepair else { return text }
        for code in 128...159 {
            let mapped = Transcoder.windows1252High[code - 128]
            guard mapped != UInt32(code) else { continue }
            let hex = String(mapped, radix: 16)
            text = text.replacing("&#\(code);", with: "&#x\(hex);")
        }
        return text
    }
}
