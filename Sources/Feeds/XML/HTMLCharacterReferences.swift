import CLibXML2

/// HTML's named character references (`&eacute;`, `&nbsp;`, `&zeta;` ...), which feeds use although XML
/// does not define them. Not to be confused with named-entity recognition in the text pipeline.
enum HTMLCharacterReferences {
    /// The Unicode scalar for a reference name, e.g. `"eacute"` → U+00E9; nil when HTML does not define it.
    static func scalar(named name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard name.count > 1, name.count < 12 else { return nil }
        var buffer: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &buffer) { raw -> UInt32? in
            guard let base = raw.baseAddress else { return nil }
            for i in 0..<name.count { raw[i] = name[i] }
            raw[name.count] = 0
            guard let entry = htmlEntityLookup(base.assumingMemoryBound(to: xmlChar.self)) else {
                return nil
            }
            return entry.pointee.value
        }
    }

    static func scalar(named name: String) -> UInt32? {
        var name = name
        return name.withUTF8 { scalar(named: $0) }
    }
}
