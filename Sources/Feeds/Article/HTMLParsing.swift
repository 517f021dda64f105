import CLibXML2

/// Runs libxml2's HTML parser into a flat `DOMTree`.
enum HTMLParsing {
    /// `xmlInitParser` must run once before any parsing; a global `let` initialiser runs exactly once.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// RECOVER | NOERROR | NOWARNING | NONET | COMPACT, plus XML_PARSE_HUGE so that nesting deeper
    /// than 256 levels does not stop the parser (safe for HTML: no entity expansion happens).
    static let baseOptions: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)

    static func parse(_ html: [UInt8], charset: String?) -> DOMTree? {
        guard !html.isEmpty, initialized else { return nil }
        var input = html
        var options = baseOptions
        var encoding: String? = nil

        let hint = charset.flatMap(CharsetSniffer.normalizedLabel)
        let declared = hint ?? CharsetSniffer.sniff(html)
        if !(declared.map(CharsetSniffer.isUTF16) ?? false) && CharsetSniffer.looksBinary(html) { return nil }
        if let label = declared, CharsetSniffer.isUTF16(label) {
            encoding = label
            options |= Int32(HTML_PARSE_IGNORE_ENC.rawValue)
        } else if declared == nil || CharsetSniffer.isUTF8(declared ?? "") {
            // Undeclared or UTF-8: repair invalid sequences and NULs so libxml2 never gives up. The name is
            // needed (unlike for feeds): without one, libxml2's HTML parser reads the bytes as Latin-1.
            encoding = "UTF-8"
            options |= Int32(HTML_PARSE_IGNORE_ENC.rawValue)
            if let repaired = CharsetSniffer.repairedUTF8(html) { input = repaired }
        } else if let label = declared {
            if hint != nil, CharsetSniffer.isKnown(label) {
                encoding = label
                options |= Int32(HTML_PARSE_IGNORE_ENC.rawValue)
            }
            // Otherwise libxml2 follows the document's own <meta> declaration.
            if let cleaned = CharsetSniffer.withoutNULs(input) { input = cleaned }
        }
        if input.count > Int(Int32.max) { input.removeSubrange(Int(Int32.max)...) }

        guard let ctxt = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(ctxt) }
        return input.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { DOMBuilder.build(ctxt, $0, encoding: encoding, options: options) }
        }
    }
}
