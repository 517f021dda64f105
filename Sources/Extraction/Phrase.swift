/// A noun phrase or clause used as a fact argument, before alias resolution.
struct Phrase: Sendable, Equatable {
    /// Head token.
    var head: Int
    /// Tokens of the phrase, sorted.
    var tokens: [Int]
    /// Text with original spacing.
    var text: String
    /// Text with single spaces between tokens (CaRB).
    var ptb: String
    /// The named mention the head belongs to (index into the sentence's mentions), if any.
    var mention: Int?
    /// Type of the phrase: the head's mention type, else a named modifier's type, else DATE/NUMBER/OTHER.
    var type: EntityType
    /// Whether the phrase is a personal pronoun to resolve.
    var isPronoun: Bool
    /// A derived entity for possessive phrases ("Trump's administration" → "Trump administration").
    var derivedName: String?
    /// The possessor mention of a derived entity.
    var possessor: Int?
}

/// Builds phrases from dependency subtrees.
struct PhraseBuilder {
    let s: ParsedSentence

    static let pronouns: Set<String> = ["he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "hers", "theirs"]
    static let relativePronouns: Set<String> = ["who", "which", "that", "whom", "whose", "where", "when"]
    /// Nouns that, with a possessive name, denote an organisation named after it.
    static let derivedHeads: Set<String> = ["administration", "government", "campaign", "cabinet", "regime", "team", "party", "company",
                                            "foundation", "presidency", "army", "forces", "ministry"]
    /// Relations excluded from an argument phrase.
    static let excluded: Set<String> = ["acl:relcl", "appos", "punct", "parataxis", "dep", "discourse", "vocative", "reparandum", "list"]

    /// The phrase rooted at `head`. `dropConj` leaves coordinated conjuncts out; `dropCase` leaves the
    /// head's own preposition out; `maxTokens` bounds very long phrases (relative clauses never enter).
    func phrase(_ head: Int, dropConj: Bool = false, dropCase: Bool = true, exclude: Set<Int> = [], maxTokens: Int = 40) -> Phrase {
        var idx: [Int] = []
        var stack = [head]
        var seen = 0
        while let i = stack.popLast() {
            seen += 1
            if seen > 400 { break }
            idx.append(i)
            for c in s.children[i] where !exclude.contains(c) {
                let d = s.deprels[c]
                if PhraseBuilder.excluded.contains(d) { continue }
                if i == head {
                    if dropCase && (d == "case" || d == "mark") { continue }
                    if dropConj && (d == "conj" || d == "cc") { continue }
                    if d == "cop" || d.hasPrefix("nsubj") || d.hasPrefix("aux") || d == "csubj" { continue }
                }
                if d == "acl" || d == "advcl" || d == "ccomp" {
                    // Keep short participial modifiers ("troops deployed there"), drop long clauses.
                    if subtreeSize(c, limit: 8) >= 8 { continue }
                }
                stack.append(c)
            }
        }
        idx.sort()
        // Keep the contiguous block around the head (drops material the parse attached across commas).
        var lo = idx.firstIndex(of: head) ?? 0
        var hi = lo
        while lo > 0, idx[lo - 1] == idx[lo] - 1 { lo -= 1 }
        while hi + 1 < idx.count, idx[hi + 1] == idx[hi] + 1 { hi += 1 }
        var toks = Array(idx[lo...hi])
        while let f = toks.first, f != head, s.upos[f] == "PUNCT" || s.upos[f] == "CCONJ" { toks.removeFirst() }
        while let l = toks.last, l != head, s.upos[l] == "PUNCT" || s.upos[l] == "CCONJ" { toks.removeLast() }
        if toks.count > maxTokens {
            let h = toks.firstIndex(of: head) ?? 0
            let a = max(0, min(h - maxTokens / 2, toks.count - maxTokens))
            toks = Array(toks[a..<(a + maxTokens)])
        }
        let lower = s.words[head].lowercased()
        let pron = s.upos[head] == "PRON" && PhraseBuilder.pronouns.contains(lower) && toks.count == 1
        let m = s.mentionOf[head] >= 0 ? s.mentionOf[head] : nil
        var type = EntityType.other
        if let m { type = s.mentions[m].type } else {
            // A named modifier types the phrase ("National Guard troops" → ORG).
            for c in s.children[head] where (s.deprels[c] == "compound" || s.deprels[c] == "flat") && s.mentionOf[c] >= 0 {
                let t = s.mentions[s.mentionOf[c]].type
                if t.isNamed { type = t; break }
            }
            if type == .other, s.kid(head, "nummod") != nil || s.upos[head] == "NUM" { type = .number }
        }
        var derived: String?
        var possessor: Int?
        if m == nil, PhraseBuilder.derivedHeads.contains(lower) {
            for c in s.children[head] where (s.deprels[c] == "nmod:poss" || s.deprels[c] == "compound") && s.mentionOf[c] >= 0 {
                let pm = s.mentions[s.mentionOf[c]]
                if pm.type == .person || pm.type == .org || pm.type == .gpe {
                    let name = s.words[pm.range].filter { $0 != "'s" && $0 != "’s" && $0 != "'" && $0 != "’" }
                    let last = pm.type == .person ? (name.last ?? "") : name.joined(separator: " ")
                    derived = last + " " + lower
                    possessor = s.mentionOf[c]
                    type = .org
                }
                break
            }
        }
        return Phrase(head: head, tokens: toks, text: s.render(toks), ptb: s.renderPTB(toks), mention: m, type: type,
                      isPronoun: pron, derivedName: derived, possessor: possessor)
    }

    /// Size of the subtree at `i`, counting up to `limit`.
    func subtreeSize(_ i: Int, limit: Int) -> Int {
        var n = 0
        var stack = [i]
        while let j = stack.popLast() {
            n += 1
            if n >= limit { return n }
            stack += s.children[j]
        }
        return n
    }

    /// All tokens of the subtree at `i`, sorted (for clausal objects).
    func subtree(_ i: Int, limit: Int = 60) -> [Int] {
        var out: [Int] = []
        var stack = [i]
        while let j = stack.popLast(), out.count < limit {
            out.append(j)
            stack += s.children[j]
        }
        return out.sorted()
    }
}
