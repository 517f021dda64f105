/// A named mention after normalisation: the name without title, leading article or possessive.
struct NameMention: Sendable {
    var sentence: Int
    var mention: Int
    var type: EntityType
    /// Surface text of the mention.
    var surface: String
    /// The name proper ("Donald Trump" for "US President Donald Trump's").
    var name: String
    /// A title read before the name ("US President"), if any.
    var title: String?
    /// Cluster id after resolution.
    var cluster = -1
}

/// Alias resolution within one article: titles and first names (Trump ↔ Donald Trump), acronyms
/// with their expansion in brackets or after a dash (ICE-(U.S. Immigration and Customs Enforcement)),
/// gazetteer acronyms (US ↔ United States). The canonical name of a cluster is its longest name.
struct AliasResolver {
    let gazetteer: Gazetteer

    static let determiners: Set<String> = ["the", "The", "a", "A", "an", "An", "this", "This", "these", "These"]
    static let titleModifiers: Set<String> = ["former", "Former", "then", "late", "acting", "Acting", "incoming", "outgoing", "current", "new"]

    /// Splits a PERSON mention into title and name; strips articles and possessive markers.
    func normalize(_ s: ParsedSentence, _ m: EntityMention) -> (name: String, title: String?, nameTokens: Range<Int>) {
        var lo = m.start, hi = m.end
        while hi > lo + 1, ["'s", "’s", "'", "’"].contains(s.words[hi - 1]) { hi -= 1 }
        while hi - lo > 1, AliasResolver.determiners.contains(s.words[lo]) { lo += 1 }
        var title: String?
        if m.type == .person {
            // Title words inside the span, and title words just before it ("US President [Donald Trump]").
            var t = lo
            var sawTitle = false
            while t < hi - 1, let len = titleLength(s, t, limit: hi - 1) {
                if isTitleWord(s, t, len) { sawTitle = true }
                t += len
            }
            if !sawTitle { t = lo }
            var before = lo
            var sawBefore = false
            while before > 0, let len = titleLengthBackward(s, before) {
                if s.mentionOf[before - 1] >= 0, s.mentions[s.mentionOf[before - 1]].type == .person { break }
                if isTitleWord(s, before - len, len) { sawBefore = true }
                before -= len
            }
            if !sawBefore { before = lo }
            if t > lo || before < lo {
                title = s.render(Array(before..<lo) + Array(lo..<t))
                lo = t
            }
        }
        let name = s.render(Array(lo..<hi))
        return (name, title, lo..<hi)
    }

    /// Length of a title-like unit (title, country, demonym, "former") starting at `i`, if any.
    func titleLength(_ s: ParsedSentence, _ i: Int, limit: Int) -> Int? {
        for len in stride(from: min(3, limit - i), through: 1, by: -1) {
            let cand = s.words[i..<(i + len)].joined(separator: " ")
            if gazetteer.contains(cand, as: .title) || cand.lowercased() == "president" { return len }
            if len == 1, gazetteer.contains(cand, as: .gpe) || gazetteer.contains(cand, as: .demonym)
                || AliasResolver.titleModifiers.contains(cand) { return 1 }
        }
        return nil
    }

    /// Length of a title-like unit ending just before `end`, if any.
    func titleLengthBackward(_ s: ParsedSentence, _ end: Int) -> Int? {
        for len in stride(from: min(3, end), through: 1, by: -1) {
            let cand = s.words[(end - len)..<end].joined(separator: " ")
            if gazetteer.contains(cand, as: .title) || cand.lowercased() == "president" { return len }
            if len == 1, gazetteer.contains(cand, as: .gpe) || gazetteer.contains(cand, as: .demonym)
                || AliasResolver.titleModifiers.contains(cand) { return 1 }
        }
        return nil
    }

    /// Whether tokens `i..<i+len` are a title proper (not a country or modifier).
    func isTitleWord(_ s: ParsedSentence, _ i: Int, _ len: Int) -> Bool {
        let cand = s.words[i..<(i + len)].joined(separator: " ")
        return gazetteer.contains(cand, as: .title) || cand.lowercased() == "president"
    }

    /// Clusters the named mentions of an article.
    func resolve(_ sentences: [ParsedSentence]) -> (mentions: [NameMention], canonical: [String], types: [EntityType], aliases: [[String]]) {
        var all: [NameMention] = []
        for s in sentences {
            for (k, m) in s.mentions.enumerated() where m.type.isNamed {
                let n = normalize(s, m)
                all.append(NameMention(sentence: s.index, mention: k, type: m.type, surface: m.text, name: n.name, title: n.title))
            }
        }
        var nameCluster: [String: Int] = [:]
        var clusterNames: [[String]] = []
        var clusterType: [EntityType] = []
        func cluster(for name: String, type: EntityType) -> Int {
            if let c = nameCluster[name] { return c }
            let c = clusterNames.count
            clusterNames.append([name])
            clusterType.append(type)
            nameCluster[name] = c
            return c
        }
        func link(_ alias: String, to c: Int) {
            if let old = nameCluster[alias], old != c { return }
            nameCluster[alias] = c
            if !clusterNames[c].contains(alias) { clusterNames[c].append(alias) }
        }
        // 1. Longest names first form clusters; gazetteer and in-text acronyms join them.
        let order = all.indices.sorted { all[$0].name.count > all[$1].name.count }
        var acronymOf: [String: String] = [:]
        for s in sentences { for (a, e) in inTextAcronyms(s) { acronymOf[a] = e } }
        // First and last names of multi-word person names → the full names.
        var byPart: [String: Set<String>] = [:]
        for m in all where m.type == .person {
            let parts = m.name.split(separator: " ")
            guard parts.count > 1, let first = parts.first, let last = parts.last else { continue }
            byPart[String(first), default: []].insert(m.name)
            byPart[String(last), default: []].insert(m.name)
        }
        for i in order {
            let name = all[i].name
            if let exp = acronymOf[name] ?? gazetteer.acronyms[name], let c = nameCluster[exp] {
                link(name, to: c)
            } else if let exp = acronymOf[name] ?? gazetteer.acronyms[name], all[i].type != .person {
                let c = cluster(for: exp, type: all[i].type)
                link(name, to: c)
            } else if all[i].type == .person, !name.contains(" ") {
                // A single name joins the one multi-word person whose first or last name it is.
                let cands = byPart[name] ?? []
                if cands.count == 1, let full = cands.first {
                    link(name, to: cluster(for: full, type: .person))
                } else {
                    _ = cluster(for: name, type: .person)
                }
            } else {
                _ = cluster(for: name, type: all[i].type)
            }
        }
        for i in all.indices {
            let c = nameCluster[all[i].name] ?? cluster(for: all[i].name, type: all[i].type)
            all[i].cluster = c
            if !clusterNames[c].contains(all[i].surface) { clusterNames[c].append(all[i].surface) }
        }
        var canonical: [String] = []
        for names in clusterNames {
            canonical.append(names.filter { !$0.hasSuffix("'s") && !$0.hasSuffix("’s") }.max { ($0.count, $1) < ($1.count, $0) } ?? names[0])
        }
        // Canonical names come from names proper, never from surfaces with titles.
        for (c, _) in clusterNames.enumerated() {
            let proper = all.filter { $0.cluster == c }.map(\.name) + clusterNames[c].filter { n in !all.contains { $0.surface == n } }
            if let best = proper.max(by: { ($0.count, $1) < ($1.count, $0) }) { canonical[c] = best }
        }
        return (all, canonical, clusterType, clusterNames)
    }

    /// "Long Name (ACR)", "ACR (Long Name)" and "ACR-(Long Name)" pairs in a sentence.
    func inTextAcronyms(_ s: ParsedSentence) -> [(String, String)] {
        var out: [(String, String)] = []
        let w = s.words
        for i in w.indices where w[i] == "(" {
            guard let close = w[(i + 1)...].prefix(12).firstIndex(of: ")"), close > i + 1 else { continue }
            let inside = Array(w[(i + 1)..<close])
            var before = i
            if before > 0, w[before - 1] == "-" || w[before - 1] == "–" { before -= 1 }
            guard before > 0 else { continue }
            let prevTok = w[before - 1]
            if inside.count == 1, isAcronym(inside[0]) {
                // Long Name (ACR): the name is the mention ending before the bracket.
                if s.mentionOf[before - 1] >= 0 {
                    let m = s.mentions[s.mentionOf[before - 1]]
                    out.append((inside[0], normalize(s, m).name))
                }
            } else if isAcronym(prevTok), inside.count > 1 {
                out.append((prevTok, s.render(Array((i + 1)..<close))))
            }
        }
        return out
    }

    func isAcronym(_ w: String) -> Bool {
        let letters = w.filter { $0.isLetter }
        return letters.count >= 2 && letters.count <= 8 && letters.allSatisfy { $0.isUppercase }
    }
}
