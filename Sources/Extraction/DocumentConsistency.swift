/// Document-level consistency of entity mentions: what one article says about a name decides its type
/// everywhere in that article (see ``EntityRecognizer/harmonize(_:words:xpos:)``).
extension EntityRecognizer {
    /// Words of match reports; an article using four or more of them reads as sport.
    static let sportWords: Set<String> = ["goal", "goals", "scored", "scoring", "match", "penalty", "striker", "midfielder",
                                          "goalkeeper", "referee", "tournament", "league", "kick-off", "half-time", "stadium",
                                          "semi-final", "quarter-final", "innings", "wicket", "squad", "fixture", "equaliser",
                                          "equalizer", "possession", "substituted", "playoffs", "touchdown", "inning"]
    /// Prepositions after which a country is a place even in a match report ("in Russia", "from Sweden").
    static let placePrepositions: Set<String> = ["in", "at", "from", "to", "near", "across", "into", "throughout", "within", "of"]

    /// Words that only match reports use; one of them must be among the four.
    static let strongSportWords: Set<String> = ["striker", "midfielder", "goalkeeper", "referee", "kick-off", "half-time",
                                                "innings", "wicket", "equaliser", "equalizer", "touchdown", "inning"]

    /// True when the article reads as a match report: four or more of `sportWords`, one of them in
    /// `strongSportWords` (a political article may speak of goals, a penalty and a league).
    static func readsAsSport(_ words: [[String]]) -> Bool {
        var seen = Set<String>()
        for sentence in words {
            for word in sentence where Self.sportWords.contains(word.lowercased()) { seen.insert(word.lowercased()) }
        }
        return seen.count >= 4 && !seen.isDisjoint(with: Self.strongSportWords)
    }

    /// Document-level consistency: every occurrence of a recognised name gets the type most of its
    /// mentions received, and untagged capitalised occurrences of a name already recognised in the
    /// document (at least once elsewhere) become mentions too. Names are looked up in this recognizer's
    /// gazetteer.
    public func harmonize(_ doc: inout [[EntityMention]], words: [[String]], xpos: [[String]]) {
        dropCommonWordsCapitalisedByPosition(&doc, words: words)
        var best = Self.majorityTypes(doc)
        guard !best.isEmpty else { return }
        propagateNameParts(&best)
        Self.retypePlacesNamedAfterPlaceNouns(&best, doc: doc, words: words)
        var firstTokens: [String: [[String]]] = [:]
        for name in best.keys {
            let toks = name.split(separator: " ").map(String.init)
            if let f = toks.first { firstTokens[f, default: []].append(toks) }
        }
        for si in doc.indices {
            for mi in doc[si].indices where doc[si][mi].type.isNamed {
                if let t = best[doc[si][mi].text] { doc[si][mi].type = t }
            }
            Self.addRepeats(of: best, firstTokens: firstTokens, to: &doc[si], words: words[si], xpos: xpos[si])
        }
        // In a match report, countries that play are teams ("Belgium beat Panama 3 – 0", "Sweden had more
        // possession"): a country of the gazetteer not after a locative preposition is an organisation.
        if Self.readsAsSport(words) {
            for si in doc.indices {
                for mi in doc[si].indices where doc[si][mi].type == .gpe && gazetteer.contains(doc[si][mi].text, as: .gpe) {
                    let start = doc[si][mi].start
                    if start > 0, Self.placePrepositions.contains(words[si][start - 1].lowercased()) { continue }
                    doc[si][mi].type = .org
                }
            }
        }
    }

    /// A one-word name the article writes more often in lower case than capitalised inside sentences
    /// is a common word, capitalised by its position ("Iodine deficiency can lead to ...", "... dietary
    /// iodine"), unless the gazetteer knows it.
    func dropCommonWordsCapitalisedByPosition(_ doc: inout [[EntityMention]], words: [[String]]) {
        // Only the article's one-word names are counted: their lower-case occurrences and their
        // capitalised ones inside sentences (after the first word).
        var capitalisedInside: [String: Int] = [:]
        var lowercase: [String: Int] = [:]
        var firstLetters = [Bool](repeating: false, count: 128)
        for (si, sentence) in doc.enumerated() {
            for m in sentence where m.end == m.start + 1 && m.type.isNamed {
                let w = words[si][m.start]
                guard capitalisedInside[w] == nil, gazetteer.classes(of: w).isEmpty, let u = w.utf8.first else { continue }
                capitalisedInside[w] = 0
                lowercase[w.lowercased()] = 0
                if u < 128 { firstLetters[Int(u | 0x20)] = true }
            }
        }
        guard !capitalisedInside.isEmpty else { return }
        for sentence in words {
            let first = sentence.firstIndex { !Self.isOpeningPunctuation($0) } ?? sentence.count
            for (i, w) in sentence.enumerated() {
                guard let u = w.utf8.first, u >= 128 || firstLetters[Int(u | 0x20)] else { continue }
                if u >= 97 && u <= 122 {
                    if let n = lowercase[w] { lowercase[w] = n + 1 }
                } else if i > first, let n = capitalisedInside[w] {
                    capitalisedInside[w] = n + 1
                }
            }
        }
        for si in doc.indices {
            doc[si].removeAll { m in
                guard m.end == m.start + 1, m.type.isNamed else { return false }
                let w = words[si][m.start]
                guard let inside = capitalisedInside[w] else { return false }
                return lowercase[w.lowercased(), default: 0] > inside
            }
        }
    }

    /// Quotes, brackets, dashes and bullets that may come before a sentence's first word.
    static func isOpeningPunctuation(_ w: String) -> Bool { openingPunctuation.contains(w) }

    static let openingPunctuation: Set<String> = ["\"", "'", "“", "‘", "(", "[", "-", "–", "—", "*", "•", "``", "`"]

    /// The type most mentions of each name received (a multi-word mention counts twice).
    static func majorityTypes(_ doc: [[EntityMention]]) -> [String: EntityType] {
        var votes: [String: [EntityType: Int]] = [:]
        for sentence in doc {
            for m in sentence where m.type.isNamed {
                votes[m.text, default: [:]][m.type, default: 0] += m.end - m.start > 1 ? 2 : 1
            }
        }
        return votes.compactMapValues { v in v.max(by: { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) })?.key }
    }

    /// A part of a longer name takes the type the longer name gives it. The rules run one after the
    /// other in this order, so the result does not depend on the dictionary's order of names.
    func propagateNameParts(_ best: inout [String: EntityType]) {
        func names(_ types: Set<EntityType>) -> [[String]] {
            best.compactMap { name, type in types.contains(type) ? name.split(separator: " ").map(String.init) : nil }.filter { $0.count > 1 }
        }
        // "Coron Island" is a place, so "Coron" alone is one too (not a person).
        for toks in names([.loc, .gpe]) {
            guard let last = toks.last, Self.locWords.contains(last) else { continue }
            let prefix = toks.dropLast().joined(separator: " ")
            if best[prefix] == .person { best[prefix] = .gpe }
        }
        // "Pittsburgh Pirates" is an organisation named after its city, so "Pirates" alone is one too.
        for toks in names([.org]) {
            for k in 1..<toks.count where gazetteer.contains(toks[..<k].joined(separator: " "), as: .gpe) {
                let rest = toks[k...].joined(separator: " ")
                if let t = best[rest], t != .event { best[rest] = .org }
            }
        }
        // "Rick Santorum" is a person, so "Santorum" alone is one too, unless the gazetteer knows the
        // surname as a place or an organisation ("George Washington", "Washington").
        for toks in names([.person]) {
            guard toks.count <= 3, gazetteer.contains(toks[0], as: .firstName), let last = toks.last,
                  let type = best[last], type != .person, type != .event,
                  !gazetteer.contains(last, as: .gpe), !gazetteer.contains(last, as: .loc), !gazetteer.contains(last, as: .org)
            else { continue }
            best[last] = .person
        }
        // "Cyclone Phailin" is an event, so "Phailin" alone is one too.
        for toks in names([.event]) where Self.eventFirstWords.contains(toks[0]) {
            let rest = toks.dropFirst().joined(separator: " ")
            if best[rest] != nil { best[rest] = .event }
        }
    }

    /// Nouns after which "of X" names a place ("the island of Rekohu", "the town of Ellon").
    static let placeNouns: Set<String> = ["city", "town", "village", "island", "islands", "province", "region", "county", "state",
                                          "district", "port", "capital", "suburb", "municipality", "republic", "kingdom", "valley",
                                          "river", "lake", "mount", "peninsula", "coast", "archipelago", "borough", "parish", "commune"]

    /// A "person" the article names after a place noun and "of" is a place, wherever it appears.
    static func retypePlacesNamedAfterPlaceNouns(_ best: inout [String: EntityType], doc: [[EntityMention]], words: [[String]]) {
        for si in doc.indices {
            for m in doc[si] where best[m.text] == .person && m.start > 1 && words[si][m.start - 1] == "of"
                && Self.placeNouns.contains(words[si][m.start - 2].lowercased()) {
                best[m.text] = .gpe
            }
        }
    }

    /// Untagged capitalised occurrences of a name recognised elsewhere in the article become mentions
    /// (not when the words around continue a longer proper name).
    static func addRepeats(of best: [String: EntityType], firstTokens: [String: [[String]]], to mentions: inout [EntityMention],
                           words w: [String], xpos: [String]) {
        var taken = [Bool](repeating: false, count: w.count)
        for m in mentions { for i in m.range where i < taken.count { taken[i] = true } }
        var added: [EntityMention] = []
        var i = 0
        while i < w.count {
            guard !taken[i], let cands = firstTokens[w[i]], w[i].first?.isUppercase ?? false else { i += 1; continue }
            var matched = false
            for toks in cands.sorted(by: { $0.count > $1.count }) where i + toks.count <= w.count {
                guard Array(w[i..<(i + toks.count)]) == toks, !(i..<(i + toks.count)).contains(where: { taken[$0] }),
                      i + toks.count >= w.count || !(xpos.count > i + toks.count && xpos[i + toks.count] == "NNP"),
                      i == 0 || !(xpos.count > i - 1 && xpos[i - 1] == "NNP")
                else { continue }
                let name = toks.joined(separator: " ")
                if let t = best[name] {
                    added.append(EntityMention(start: i, end: i + toks.count, type: t, text: name))
                    i += toks.count
                    matched = true
                    break
                }
            }
            if !matched { i += 1 }
        }
        if !added.isEmpty {
            mentions += added
            mentions.sort { $0.start < $1.start }
        }
    }
}
