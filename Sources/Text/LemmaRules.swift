/// Rule-based lemmatisation for words without an entry in the learned exception table.
///
/// Rules depend on the Penn Treebank tag: noun plurals (-ies, -es, -s), verb inflections
/// (-ed, -ing, -s with consonant undoubling and e-restoration), comparatives/superlatives
/// (-er, -est), plus irregular forms from ``IrregularForms``.
enum LemmaRules {
    /// Returns the rule-based lemma of `form` tagged `xpos`.
    static func lemma(_ form: String, xpos: String) -> String {
        switch xpos {
        case "NNP":
            return capitalizeIfLower(form)
        case "ADD", "GW", "LS", "SYM", "$", "``", "''", "-LRB-", "-RRB-", ",", ".", ":", "HYPH", "NFP":
            return form
        case "NNPS":
            return singularize(form)
        case "CD":
            if isAllLetters(form) { return lowercase(form) }
            return stripThousandsSeparators(form)
        case "JJ":
            if let f = form.unicodeScalars.first, CharClass.isUpper(f.value), !isAcronym(form),
               form.hasSuffix("an") || form.hasSuffix("ese") || form.hasSuffix("ish") || form.hasSuffix("ic") {
                return form
            }
        default:
            break
        }
        let lower = lowercase(form)
        switch xpos {
        case "NN":
            return isAcronym(form) ? form : lower
        case "NNS":
            if isAcronym(form) { return form.hasSuffix("s") ? String(form.dropLast()) : form }
            if let irr = IrregularForms.nouns[lower] { return irr }
            return singularize(lower)
        case "VBD", "VBN":
            if let irr = IrregularForms.verbs[lower] ?? IrregularForms.presentVerbs[lower] { return irr }
            return stripEd(lower)
        case "VBG":
            if let irr = IrregularForms.presentVerbs[lower] { return irr }
            return stripIng(lower)
        case "VBZ":
            if let irr = IrregularForms.presentVerbs[lower] { return irr }
            return stripVerbS(lower)
        case "VB", "VBP", "MD":
            return IrregularForms.presentVerbs[lower] ?? lower
        case "JJR", "JJS":
            if let irr = IrregularForms.adjectives[lower] { return irr }
            return xpos == "JJR" ? stripSuffix(lower, "er") : stripSuffix(lower, "est")
        case "RBR", "RBS":
            if let irr = IrregularForms.adverbs[lower] { return irr }
            return xpos == "RBR" ? stripSuffix(lower, "er") : stripSuffix(lower, "est")
        case "PRP", "PRP$":
            return IrregularForms.pronouns[lower] ?? lower
        default:
            return lower
        }
    }

    /// Lower-cases, returning `s` itself when it is already lower case (avoids an allocation).
    static func lowercase(_ s: String) -> String {
        for c in s.utf8 where (c >= 0x41 && c <= 0x5A) || c >= 0x80 { return s.lowercased() }
        return s
    }

    /// "kerala" → "Kerala" (EWT capitalises proper-noun lemmas); other forms unchanged.
    static func capitalizeIfLower(_ s: String) -> String {
        guard let f = s.utf8.first, f >= 0x61, f <= 0x7A else { return s }
        for c in s.utf8 where (c >= 0x41 && c <= 0x5A) || c >= 0x80 || (c >= 0x30 && c <= 0x39) { return s }
        return s.prefix(1).uppercased() + s.dropFirst()
    }

    /// "140,000" → "140000"; other forms unchanged.
    static func stripThousandsSeparators(_ s: String) -> String {
        let parts = s.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count > 1, let head = parts.first, !head.isEmpty, head.count <= 3,
              head.allSatisfy({ $0.isASCII && $0.isNumber }),
              parts.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return s }
        return parts.joined()
    }

    static func isAllLetters(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
    }

    /// All-caps words of length ≥ 2 (acronyms keep their case as lemma: "TV", "EPM").
    static func isAcronym(_ s: String) -> Bool {
        var upper = 0
        for c in s.utf8 {
            if c >= 0x61 && c <= 0x7A { return false }
            if c >= 0x41 && c <= 0x5A { upper += 1 }
        }
        return upper >= 2
    }

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
    static let doubling: Set<Character> = ["b", "d", "g", "m", "n", "p", "r", "t", "l", "v", "z", "k"]

    static func isVowel(_ c: Character) -> Bool { vowels.contains(c) }

    /// Plural → singular for nouns (keeps the case of the remaining letters).
    static func singularize(_ w: String) -> String {
        let lower = lowercase(w)
        if let irr = IrregularForms.nouns[lower] {
            return lower == w ? irr : String(w.prefix(1)) + String(irr.dropFirst())
        }
        let n = w.count
        guard n > 2, lower.hasSuffix("s") else { return w }
        if lower.hasSuffix("ss") || lower.hasSuffix("us") || lower.hasSuffix("is") { return w }
        if lower.hasSuffix("ies"), n > 4 { return String(w.dropLast(3)) + "y" }
        if lower.hasSuffix("sses") || lower.hasSuffix("xes") || lower.hasSuffix("ches")
            || lower.hasSuffix("shes") || lower.hasSuffix("zzes") {
            return String(w.dropLast(2))
        }
        if lower.hasSuffix("oes"), n > 4 { return String(w.dropLast(2)) }
        return String(w.dropLast())
    }

    /// Third-person singular verb → base form.
    static func stripVerbS(_ w: String) -> String {
        let n = w.count
        guard n > 2, w.hasSuffix("s"), !w.hasSuffix("ss") else { return w }
        if w.hasSuffix("ies"), n > 4 { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("sses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes")
            || w.hasSuffix("zzes") || w.hasSuffix("oes") {
            return String(w.dropLast(2))
        }
        return String(w.dropLast())
    }

    /// Past tense / participle → base form.
    static func stripEd(_ w: String) -> String {
        let n = w.count
        guard n > 3, w.hasSuffix("ed") else { return w }
        if w.hasSuffix("ied"), n > 4 { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("eed") { return String(w.dropLast(1)) }
        return restore(String(w.dropLast(2)))
    }

    /// Present participle → base form.
    static func stripIng(_ w: String) -> String {
        let n = w.count
        guard n > 4, w.hasSuffix("ing") else { return w }
        if w.hasSuffix("ying"), n > 5 { return String(w.dropLast(3)) }
        return restore(String(w.dropLast(3)))
    }

    /// Comparative / superlative suffix removal.
    static func stripSuffix(_ w: String, _ suffix: String) -> String {
        guard w.count > suffix.count + 2, w.hasSuffix(suffix) else { return w }
        let stem = String(w.dropLast(suffix.count))
        if stem.hasSuffix("i") { return String(stem.dropLast()) + "y" }
        return restore(stem)
    }

    /// Undoes consonant doubling and restores a dropped final "e" on a stripped stem.
    static func restore(_ stem: String) -> String {
        let chars = Array(stem)
        let n = chars.count
        guard n >= 2 else { return stem }
        let last = chars[n - 1]
        let prev = chars[n - 2]
        // Doubled consonant: stopped → stop, bigger → big (but keep -ll, -ss, -ff, -zz stems).
        if last == prev, doubling.contains(last), last != "l", n >= 3 { return String(chars.dropLast()) }
        if isVowel(last) || last == "y" || last == "w" || last == "x" { return last == "u" ? stem + "e" : stem }
        // Stems that almost always lose an "e": -c, -v, -z, -g after n/r/d, -s after a vowel.
        if last == "c" || last == "v" || (last == "z" && prev != "z") { return stem + "e" }
        if last == "g", prev == "n" || prev == "r" || prev == "d" { return stem + "e" }
        if last == "s", isVowel(prev) { return stem + "e" }
        if last == "t", prev == "a", n >= 3, (chars[n - 3] != "e" && chars[n - 3] != "o") || stem.hasSuffix("creat") {
            return stem + "e"
        }
        if last == "k", isVowel(prev), n >= 3, !isVowel(chars[n - 3]) { return stem + "e" }
        if last == "l", n >= 3, "bcdfgkptz".contains(prev) { return stem + "e" }
        if last == "r", prev == "u" || prev == "i", n >= 3, !isVowel(chars[n - 3]) { return stem + "e" }
        // -ide, -ude, -ute, -one, -ine...; of the -it stems only -cit, -nit, -vit take an "e" (cite, unite, invite),
        // while audit, edit, visit, limit, exhibit, profit, merit keep none.
        if (last == "d" || last == "t" || last == "n"), (prev == "i" || prev == "u" || prev == "o"), n >= 3,
           !isVowel(chars[n - 3]), stem.hasSuffix("ion") == false,
           !(last == "t" && prev == "i" && !"cnv".contains(chars[n - 3])) {
            return stem + "e"
        }
        // Short consonant-vowel-consonant stems: hop → hope, lik → like, mak → make; also after a prefix:
        // reshap → reshape, renam → rename, prepar → prepare, restor → restore.
        if isShortSyllable(chars[...]) { return stem + "e" }
        if let prefix = prefixes.first(where: { stem.hasPrefix($0) && (3...4).contains(n - $0.count) }) {
            let core = chars[prefix.count...]
            if isShortSyllable(core), core.count == 3 || onsets.contains(String(core.prefix(2))) { return stem + "e" }
        }
        return stem
    }

    /// Prefixes before a short verb stem (longest first).
    static let prefixes = ["under", "over", "out", "dis", "mis", "pre", "re", "un", "up"]
    /// Consonant pairs that can begin an English syllable ("sh" in reshape, "st" in restore, not "ck").
    static let onsets: Set<String> = [
        "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st",
        "sw", "th", "tr", "tw", "wh", "wr",
    ]

    /// A stem of three or four letters with one vowel group before its final consonant, starting with a
    /// consonant: hop, lik, shap, stor (the stems that lost an "e").
    static func isShortSyllable(_ chars: ArraySlice<Character>) -> Bool {
        let n = chars.count
        guard (3...4).contains(n), let first = chars.first, !isVowel(first) else { return false }
        let start = chars.startIndex
        guard isVowel(chars[start + n - 2]), !isVowel(chars[start + n - 3]) else { return false }
        var vowelGroups = 0
        var inVowel = false
        for c in chars {
            let v = isVowel(c)
            if v && !inVowel { vowelGroups += 1 }
            inVowel = v
        }
        return vowelGroups == 1
    }
}
