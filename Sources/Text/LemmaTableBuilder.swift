/// Builds the lemma exception table: (form, XPOS) pairs whose majority treebank lemma differs from
/// what ``LemmaRules`` (plus the lower-case fallback of ``Lemmatizer``) would produce.
enum LemmaTableBuilder {
    static func build(_ sentences: [GoldSentence], xposNames: [String], into model: inout TaggerModel) {
        var xid: [String: UInt8] = [:]
        for (i, x) in xposNames.prefix(255).enumerated() { xid[x] = UInt8(i) }
        struct Key: Hashable { var form: String; var xpos: String }
        var counts: [Key: [String: Int]] = [:]
        for s in sentences {
            for i in s.forms.indices where xid[s.xpos[i]] != nil && s.lemmas[i] != "_" {
                counts[Key(form: s.forms[i], xpos: s.xpos[i]), default: [:]][s.lemmas[i], default: 0] += 1
            }
        }
        var majority: [Key: String] = [:]
        for (k, m) in counts {
            if let best = m.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
                majority[k] = best.key
            }
        }
        var exceptions: [Key: String] = [:]
        for (k, lemma) in majority where LemmaRules.lemma(k.form, xpos: k.xpos) != lemma {
            exceptions[k] = lemma
        }
        // Forms whose lower-cased variant has an exception that would wrongly apply to them.
        for (k, lemma) in majority where exceptions[k] == nil && k.xpos != "NNP" && k.xpos != "NNPS" {
            let lower = LemmaRules.lowercase(k.form)
            guard lower != k.form, let other = exceptions[Key(form: lower, xpos: k.xpos)], other != lemma else { continue }
            exceptions[k] = lemma
        }
        model.lemmaXposNames = Array(xposNames.prefix(255))
        model.lemmaForms = []
        model.lemmaXposIDs = []
        model.lemmaValues = []
        for (k, lemma) in exceptions.sorted(by: { ($0.key.form, $0.key.xpos) < ($1.key.form, $1.key.xpos) }) {
            guard let id = xid[k.xpos] else { continue }
            model.lemmaForms.append(k.form)
            model.lemmaXposIDs.append(id)
            model.lemmaValues.append(lemma)
        }
    }
}
