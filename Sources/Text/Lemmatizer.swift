/// Lemmatizer: a learned exception table (form + XPOS → lemma, holding only the cases the rules
/// get wrong) backed by ``LemmaRules`` for everything else.
public struct Lemmatizer: Sendable {
    private let table: OpenTable<UInt64>
    private let lemmas: [String]
    private let xposIDs: [String: UInt8]

    /// Creates a lemmatizer from exception entries.
    init(xposNames: [String], forms: [String], xposIDs ids: [UInt8], lemmas values: [String]) {
        var map: [String: UInt8] = [:]
        for (i, x) in xposNames.enumerated() { map[x] = UInt8(truncatingIfNeeded: i) }
        xposIDs = map
        var keys: [UInt64] = []
        var vals: [UInt32] = []
        keys.reserveCapacity(forms.count)
        for i in forms.indices {
            keys.append(Self.key(forms[i], ids[i]))
            vals.append(UInt32(i))
        }
        table = OpenTable(keys: keys, values: vals)
        lemmas = values
    }

    /// A lemmatizer with no exception table (rules only).
    public static let rulesOnly = Lemmatizer(xposNames: [], forms: [], xposIDs: [], lemmas: [])

    @inline(__always)
    static func key(_ form: String, _ xpos: UInt8) -> UInt64 {
        FeatureHash.nonZero(FeatureHash.key(UInt64(xpos) &+ 1000, FeatureHash.fnv(form)))
    }

    /// Returns the lemma of `form` with Penn Treebank tag `xpos`.
    public func lemma(_ form: String, xpos: String) -> String {
        if let id = xposIDs[xpos] {
            if let i = table.get(Self.key(form, id)) { return lemmas[Int(i)] }
            let lower = LemmaRules.lowercase(form)
            if lower != form, xpos != "NNP", xpos != "NNPS", let i = table.get(Self.key(lower, id)) {
                return lemmas[Int(i)]
            }
        }
        return LemmaRules.lemma(form, xpos: xpos)
    }

    /// Number of stored exceptions.
    public var exceptionCount: Int { lemmas.count }
}
