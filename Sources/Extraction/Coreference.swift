/// Pronoun resolution (a Hobbs-style recency search without the full tree walk): he/she/him/her/his
/// go to the nearest preceding PERSON, it/its to the nearest preceding ORG, GPE or LOC, they/
/// them/their to the nearest preceding ORG (groups), searching the current sentence leftwards
/// from the pronoun and then up to two previous sentences, subjects first. Expletive "it" (`expl`, the
/// subject of a clause with a clausal complement, or of a passive: "it has been reported") is never resolved.
struct Coreference {
    static let personal: Set<String> = ["he", "she", "him", "her", "his", "hers", "himself", "herself"]
    static let neuter: Set<String> = ["it", "its", "itself"]
    static let plural: Set<String> = ["they", "them", "their", "theirs", "themselves"]

    /// Resolves the pronoun at token `tok` of sentence `si`; returns (sentence index in array, mention index).
    static func resolve(_ sentences: [ParsedSentence], si: Int, tok: Int) -> (Int, Int)? {
        let s = sentences[si]
        let w = s.words[tok].lowercased()
        let compatible: (EntityType) -> Bool
        if personal.contains(w) {
            compatible = { $0 == .person }
        } else if neuter.contains(w) {
            if s.deprels[tok] == "expl" { return nil }
            let h = s.heads[tok]
            if h >= 0, s.deprels[tok].hasPrefix("nsubj"), s.kid(h, "ccomp") != nil || s.kid(h, "csubj") != nil
                || s.children[h].contains(where: { s.deprels[$0] == "aux:pass" }) { return nil }
            compatible = { $0 == .org || $0 == .gpe || $0 == .loc }
        } else if plural.contains(w) {
            compatible = { $0 == .org }
        } else {
            return nil
        }
        // Same sentence, leftwards: the nearest compatible mention (subjects preferred within the clause).
        var best: Int?
        for (k, m) in s.mentions.enumerated().reversed() where m.end <= tok && compatible(m.type) {
            best = k
            break
        }
        if let best { return (si, best) }
        var back = si - 1
        while back >= 0 && back >= si - 2 {
            let p = sentences[back]
            let cands = p.mentions.enumerated().filter { compatible($0.element.type) }
            if let subj = cands.first(where: { c in c.element.range.contains { p.deprels[$0].hasPrefix("nsubj") } }) {
                return (back, subj.offset)
            }
            if let last = cands.last { return (back, last.offset) }
            back -= 1
        }
        return nil
    }
}
