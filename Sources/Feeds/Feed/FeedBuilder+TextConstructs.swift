import Support

/// Text constructs: media types, Atom 0.3 modes (escaped, base64, xml), inline XHTML and relative links.
extension FeedBuilder {
    /// The value of a text element with its type, language and base.
    /// - Parameter defaultType: the media type when the element does not say (Atom: `text/plain`; RSS descriptions: `text/html`).
    func textValue(_ frame: Frame, defaultType: String = "text/plain") -> TextValue {
        let isAtom = frame.namespace.isAtom
        var type = defaultType
        if isAtom || frame.namespace == .none, let declared = attribute(frame, "type")?.lowercased() {
            switch declared {
            case "text", "": type = "text/plain"
            case "html": type = "text/html"
            case "xhtml": type = "application/xhtml+xml"
            default: type = declared
            }
        }
        let mode = attribute(frame, "mode")?.lowercased()
        var value = String(decoding: frame.text, as: UTF8.self)
        let opaqueAtomType = frame.namespace == .atom10 && !type.hasPrefix("text/") && !type.hasSuffix("xml")
        if mode == "base64" || (opaqueAtomType && !frame.holdsMarkup) {
            value = Base64.decodeToString(value) ?? value
        }
        if frame.holdsMarkup && isAtom && type == "text/html" {
            // Markup inside an escaped-HTML construct: its character data is the HTML.
            value = MarkupEscaping.textContent(ofMarkup: value)
        } else if frame.holdsMarkup {
            if type == "text/plain" { type = "application/xhtml+xml" }
        } else if type == "application/xhtml+xml" && mode != "base64" && mode != "escaped" {
            value = MarkupEscaping.escapedText(value)
        }
        value = value.trimmingWhitespace()
        if frame.holdsMarkup && kind == .atom10 && type == "application/xhtml+xml" {
            value = Self.removingWrapperDiv(value)
        }
        let isMarkup = type == "text/html" || type == "application/xhtml+xml"
        value = Windows1252Repair.repair(value, isMarkup: isMarkup)
        let base = base(of: frame)
        if isMarkup, base != nil {
            value = HTMLLinkRewriter.resolveLinks(in: value, base: base)
        }
        if type != "text/plain" && (type.hasPrefix("text/plain") || type == "text") { type = "text/plain" }
        return TextValue(value: value, type: type, language: language(of: frame), base: base)
    }

    /// Atom 1.0 XHTML content sits in one `<div>`, which is not part of the value.
    static func removingWrapperDiv(_ markup: String) -> String {
        guard markup.hasPrefix("<div"), markup.hasSuffix("</div>") else { return markup }
        let utf8 = Array(markup.utf8)
        guard let close = utf8.firstIndex(of: UInt8(ascii: ">")), utf8.count >= 6 else { return markup }
        // Make sure the first <div> is closed only by the final </div>.
        var depth = 0
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "<") {
                if i + 4 <= utf8.count, utf8[i + 1] == UInt8(ascii: "d"), utf8[i + 2] == UInt8(ascii: "i"), utf8[i + 3] == UInt8(ascii: "v") {
                    depth += 1
                } else if i + 5 <= utf8.count, utf8[i + 1] == UInt8(ascii: "/"), utf8[i + 2] == UInt8(ascii: "d"),
                    utf8[i + 3] == UInt8(ascii: "i"), utf8[i + 4] == UInt8(ascii: "v")
                {
                    depth -= 1
                    if depth == 0 && i != utf8.count - 6 { return markup }
                }
            }
            i += 1
        }
        if utf8[close - 1] == UInt8(ascii: "/") { return "" }
        return String(decoding: utf8[(close + 1)..<(utf8.count - 6)], as: UTF8.self).trimmingWhitespace()
    }
}

/// Base64 as Atom 0.3's `mode="base64"` uses it; whitespace is ignored.
enum Base64 {
    static func decodeToString(_ text: String) -> String? {
        var bits: UInt32 = 0
        var count = 0
        var out: [UInt8] = []
        for byte in text.utf8 {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - 65
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - 71
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte + 4
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            case UInt8(ascii: "="), 0x20, 0x09, 0x0A, 0x0D: continue
            default: return nil
            }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}

extension StringProtocol {
    func replacingEmptyParentheses() -> String {
        String(self).replacing("()", with: "").trimmingWhitespace()
    }
}

/// Reads "Name (email)", "email (Name)", "Name <email>" and plain names or addresses.
enum PersonParser {
    /// Bytes that make a byline more than a plain name: `@ ( ) < > [ ] { } , ; " ' :`, as bits of two
    /// words (ASCII 0–63 and 64–127).
    static let punctuation: (UInt64, UInt64) = Array("@()<>[]{},;\"':".utf8).reduce((0, 0)) { masks, byte in
        byte < 64 ? (masks.0 | 1 << UInt64(byte), masks.1) : (masks.0, masks.1 | 1 << UInt64(byte - 64))
    }

    static func isPunctuation(_ byte: UInt8, _ masks: (UInt64, UInt64)) -> Bool {
        byte < 64 ? masks.0 >> UInt64(byte) & 1 != 0 : byte < 128 && masks.1 >> UInt64(byte - 64) & 1 != 0
    }

    static func parse(_ text: String) -> Person? {
        var text = text.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        // Most bylines are a plain name: nothing that could start an address, a bracket or a quote.
        let masks = Self.punctuation  // read once, not once per byte
        if !text.withUTF8({ $0.contains { isPunctuation($0, masks) } }) { return Person(name: text, email: nil) }
        var email: String?
        var rest = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var candidate = word.trimmingCharacters(in: "()<>[]{},;\"'")
            if candidate.lowercased().hasPrefix("mailto:") { candidate = String(candidate.dropFirst(7)) }
            if email == nil, candidate.utf8.contains(0x40), !candidate.hasPrefix("@"), candidate.utf8.contains(0x2E) {
                email = candidate
            } else {
                rest += rest.isEmpty ? String(word) : " " + word
            }
        }
        var name = rest.trimmingCharacters(in: " ()<>[]\"'")
        if name.utf8.contains(0x28) { name = name.replacingEmptyParentheses() }
        return Person(name: name.isEmpty ? nil : name, email: email)
    }
}

/// GeoRSS simple and GML positions.
enum GeoParser {
    static func numbers(_ text: String) -> [Double] {
        text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" }).compactMap { Double($0) }
    }

    static func pairs(_ values: [Double], dimension: Int = 2) -> [[Double]] {
        let size = max(dimension, 2)
        return stride(from: 0, to: values.count - size + 1, by: size).map { Array(values[$0..<$0 + size]) }
    }

    /// `georss:point`, `line`, `polygon`, `box` (latitude then longitude, as written) to GeoJSON-style order.
    static func georss(_ name: String, _ text: String) -> Geometry? {
        let values = numbers(text)
        let swapped = pairs(values).map { [$0[1], $0[0]] }
        switch name {
        case "point": return swapped.count == 1 ? Geometry(type: "Point", coordinates: swapped) : nil
        case "line": return swapped.count >= 2 ? Geometry(type: "LineString", coordinates: swapped) : nil
        case "polygon": return swapped.count >= 3 ? Geometry(type: "Polygon", coordinates: swapped) : nil
        case "box": return swapped.count == 2 ? Geometry(type: "Box", coordinates: swapped) : nil
        default: return nil
        }
    }

    static func gml(type: String, element: String, _ text: String, dimension: Int, swapAxes: Bool) -> Geometry? {
        let values = numbers(text)
        switch element {
        case "pos" where type == "Point":
            guard values.count >= 2 else { return nil }
            var point = swapAxes ? [values[1], values[0]] : [values[0], values[1]]
            if values.count >= 3 { point.append(values[2]) }
            return Geometry(type: "Point", coordinates: [point])
        case "posList", "lowerCorner", "upperCorner", "pos":
            let points = pairs(values, dimension: dimension == 0 ? 2 : dimension).map { p -> [Double] in
                var swapped = swapAxes ? [p[1], p[0]] : [p[0], p[1]]
                if p.count > 2 { swapped.append(contentsOf: p[2...]) }
                return swapped
            }
            return points.isEmpty ? nil : Geometry(type: type, coordinates: points)
        default:
            return nil
        }
    }
}
