import Foundation

/// Entity recognition: the trained BIO tagger for PERSON/ORG/place/EVENT, the gazetteer for
/// GPE-versus-LOC decisions and missed well-known names, and rules over POS tags for DATE and NUMBER.
public final class EntityRecognizer: Sendable {
    /// The statistical tagger (nil: gazetteer and rules only).
    public let model: NERModel?
    /// Name lists.
    public let gazetteer: Gazetteer
    /// Word classes the model was trained with (empty for the bundled model).
    public let clusters: WordClusters

    static let months: Set<String> = ["January", "February", "March", "April", "May", "June", "July", "August",
                                      "September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.",
                                      "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec."]
    static let weekdays: Set<String> = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let relativeDays: Set<String> = ["today", "yesterday", "tomorrow", "tonight"]
    static let numberModifiers: Set<String> = ["nearly", "almost", "about", "around", "approximately", "roughly", "some",
                                               "over", "under", "least", "than", "more", "fewer", "less", "up", "to", "$", "€", "£"]
    static let locWords: Set<String> = ["River", "Mountain", "Mountains", "Mount", "Ocean", "Sea", "Lake", "Valley", "Island",
                                        "Islands", "Bay", "Gulf", "Desert", "Forest", "Park", "Street", "Avenue", "Road",
                                        "Square", "Bridge", "Coast", "Peninsula", "Canyon", "Hill", "Hills", "Beach", "Airport",
                                        "Station", "Hall", "Museum", "Palace", "Cathedral", "Church", "Tower", "Castle", "Region"]

    /// Last words that make a name an organisation ("... University", "... Corporation").
    static let orgWords: Set<String> = ["Inc.", "Inc", "Corp.", "Corporation", "Company", "Co.", "Ltd", "Ltd.", "LLC", "Group",
                                        "University", "College", "School", "Academy", "Institute", "Court", "Council", "Committee",
                                        "Commission", "Party", "Agency", "Department", "Ministry", "Bank", "Association", "Society",
                                        "Union", "Club", "Foundation", "Organization", "Organisation", "Office", "Board", "Bureau",
                                        "Service", "Authority", "Police", "Army", "Navy", "Times", "Post", "Journal", "News", "Library",
                                        "Congress", "Senate", "Parliament", "Assembly", "Government", "Administration", "Federation",
                                        "League", "Alliance", "Coalition", "Movement", "Network", "Herald", "Tribune", "Gazette",
                                        "Telegraph", "Chronicle", "Observer", "Bulletin", "Press", "Magazine", "Airlines", "Airways",
                                        "Studios", "Records", "Labs", "Laboratory", "Laboratories", "Institution", "Systems",
                                        "Technologies", "Entertainment", "Media", "Broadcasting", "Publishing", "Pharmaceuticals",
                                        "Industries", "Holdings", "Enterprises", "Limited", "Partners", "Associates", "Brigade",
                                        "Regiment", "Corps", "Tours", "Sports", "Fund", "Trust", "Consortium"]

    /// First words of event names ("Hurricane Katrina").
    static let eventFirstWords: Set<String> = ["Cyclone", "Hurricane", "Typhoon", "Storm", "Tropical", "Operation"]

    /// Creates a recognizer; `clusters` must be the word classes `model` was trained with.
    public init(model: NERModel?, gazetteer: Gazetteer = .bundled, clusters: WordClusters = WordClusters()) {
        self.model = model
        self.gazetteer = gazetteer
        self.clusters = clusters
    }

    /// The recognizer with the bundled model and gazetteer.
    public static func bundled() throws -> EntityRecognizer {
        EntityRecognizer(model: try NERModel.bundled())
    }

    /// Finds entity mentions in one tokenised, tagged sentence. Spans never overlap. `context` holds
    /// what the whole article says about its capitalised words (see ``NERDocumentContext``); nil
    /// reads the sentence as an article of its own. A two-pass model's second pass sees only this
    /// sentence's first-pass labels; ``mentions(sentences:xpos:spaceAfter:)`` tags a whole article.
    public func mentions(words: [String], xpos: [String], spaceAfter: [Bool]? = nil,
                         context: NERDocumentContext? = nil) -> [EntityMention] {
        guard !words.isEmpty else { return [] }
        let feats = NERFeatures(words: words, xpos: xpos, gazetteer: gazetteer, clusters: clusters,
                                context: context ?? NERDocumentContext(sentences: [words]))
        return mentions(feats, labels: model?.predict(document: [feats]).first, spaceAfter: spaceAfter)
    }

    /// Finds entity mentions in every sentence of one article (tokenised, tagged sentences in order):
    /// the document evidence of ``NERDocumentContext`` and, for a two-pass model, the first pass's
    /// labels of the whole article inform each sentence.
    public func mentions(sentences words: [[String]], xpos: [[String]], spaceAfter: [[Bool]]? = nil) -> [[EntityMention]] {
        let context = NERDocumentContext(sentences: words)
        let feats = words.indices.map { NERFeatures(words: words[$0], xpos: xpos[$0], gazetteer: gazetteer, clusters: clusters, context: context) }
        let labels = model?.predict(document: feats)
        return feats.indices.map { k in
            words[k].isEmpty ? [] : mentions(feats[k], labels: labels?[k], spaceAfter: spaceAfter.map { k < $0.count ? $0[k] : [] })
        }
    }

    /// Mentions from the tagger's labels (nil: no model), the gazetteer and the DATE/NUMBER rules.
    func mentions(_ feats: NERFeatures, labels: [Int]?, spaceAfter: [Bool]?) -> [EntityMention] {
        let words = feats.words, xpos = feats.xpos
        let n = words.count
        var typed: [(Range<Int>, EntityType)] = []
        var taken = [Bool](repeating: false, count: n)
        if let model, let labels {
            var i = 0
            while i < n {
                guard let t = model.labelType[labels[i]] else { i += 1; continue }
                var j = i + 1
                while j < n, model.labelType[labels[j]] == t, !model.isBegin[labels[j]] { j += 1 }
                // Names never end in a connector ("Tab 4 of", "Queen of the").
                var e = j
                while e > i + 1, NERCorpus.connectors.contains(words[e - 1].lowercased()) { e -= 1 }
                for part in Self.splitAtScores(i..<e, words: words) { typed.append((part, coarse(t))) }
                i = j
            }
        }
        for (k, m) in typed.enumerated() {
            let name = words[m.0].joined(separator: " ")
            typed[k].1 = refine(name: name, words: Array(words[m.0]), type: m.1)
            for i in m.0 { taken[i] = true }
        }
        typed.removeAll { $0.1 == .other }
        // A multi-word gazetteer name overrides shorter tagged spans inside or across it
        // ("U.S. Immigration and Customs Enforcement" over "U.S. Immigration" + "Customs Enforcement").
        for g in feats.gazetteerMatches where g.end - g.start >= 2 && g.kind != .title && g.kind != .demonym && g.kind != .firstName {
            let overlapping = typed.filter { $0.0.overlaps(g.start..<g.end) }
            guard !overlapping.isEmpty, overlapping.allSatisfy({ $0.0.count < g.end - g.start && $0.0.lowerBound >= g.start && $0.0.upperBound <= g.end }) else { continue }
            typed.removeAll { $0.0.overlaps(g.start..<g.end) }
            for r in overlapping { for i in r.0 { taken[i] = false } }
        }
        for g in feats.gazetteerMatches where !(g.start..<g.end).contains(where: { taken[$0] }) {
            let type: EntityType
            switch g.kind {
            case .gpe: type = .gpe
            case .loc: type = .loc
            case .org: type = .org
            case .event: type = .event
            case .title, .demonym, .firstName: continue
            }
            // A lone capitalised common word at the sentence start ("House prices") is not a name.
            if g.start == 0, g.end == 1, xpos[0] != "NNP", words[0].count > 3, words[0].uppercased() != words[0] { continue }
            typed.append((g.start..<g.end, type))
            for i in g.start..<g.end { taken[i] = true }
        }
        typed += valueMentions(words: words, xpos: xpos, taken: &taken)
        typed.sort { $0.0.lowerBound < $1.0.lowerBound }
        return typed.map { r, t in
            EntityMention(start: r.lowerBound, end: r.upperBound, type: t, text: join(words, r, spaceAfter))
        }
    }

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
            for word in sentence where sportWords.contains(word.lowercased()) { seen.insert(word.lowercased()) }
        }
        return seen.count >= 4 && !seen.isDisjoint(with: strongSportWords)
    }

    /// A name never holds a score: "Sweden 1 – 0 Korea Republic" is two names around "1 – 0", and
    /// "Belgium 3" before "– 0" is "Belgium".
    static func splitAtScores(_ span: Range<Int>, words: [String]) -> [Range<Int>] {
        func isNumber(_ k: Int) -> Bool { k >= 0 && k < words.count && !words[k].isEmpty && words[k].utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        func isDash(_ k: Int) -> Bool { k >= 0 && k < words.count && ["–", "-", "—", ":"].contains(words[k]) }
        func inScore(_ k: Int) -> Bool {
            (isNumber(k) && isDash(k + 1) && isNumber(k + 2)) || (isDash(k) && isNumber(k - 1) && isNumber(k + 1))
                || (isNumber(k) && isDash(k - 1) && isNumber(k - 2))
        }
        var parts: [Range<Int>] = []
        var start: Int?
        for k in span {
            if inScore(k) {
                if let s = start { parts.append(s..<k) }
                start = nil
            } else if start == nil {
                start = k
            }
        }
        if let s = start { parts.append(s..<span.upperBound) }
        return parts
    }

    /// Document-level consistency: every occurrence of a recognised name gets the type most of its
    /// mentions received, and untagged capitalised occurrences of a name already recognised in the
    /// document (at least once elsewhere) become mentions too.
    public static func harmonize(_ doc: inout [[EntityMention]], words: [[String]], xpos: [[String]]) {
        dropCommonWordsCapitalisedByPosition(&doc, words: words)
        var best = majorityTypes(doc)
        guard !best.isEmpty else { return }
        propagateNameParts(&best)
        retypePlacesNamedAfterPlaceNouns(&best, doc: doc, words: words)
        var firstTokens: [String: [[String]]] = [:]
        for name in best.keys {
            let toks = name.split(separator: " ").map(String.init)
            if let f = toks.first { firstTokens[f, default: []].append(toks) }
        }
        for si in doc.indices {
            for mi in doc[si].indices where doc[si][mi].type.isNamed {
                if let t = best[doc[si][mi].text] { doc[si][mi].type = t }
            }
            addRepeats(of: best, firstTokens: firstTokens, to: &doc[si], words: words[si], xpos: xpos[si])
        }
        // In a match report, countries that play are teams ("Belgium beat Panama 3 – 0", "Sweden had more
        // possession"): a country of the gazetteer not after a locative preposition is an organisation.
        if readsAsSport(words) {
            for si in doc.indices {
                for mi in doc[si].indices where doc[si][mi].type == .gpe && Gazetteer.bundled.contains(doc[si][mi].text, as: .gpe) {
                    let start = doc[si][mi].start
                    if start > 0, placePrepositions.contains(words[si][start - 1].lowercased()) { continue }
                    doc[si][mi].type = .org
                }
            }
        }
    }

    /// A one-word name the article writes more often in lower case than capitalised inside sentences
    /// is a common word, capitalised by its position ("Iodine deficiency can lead to ...", "... dietary
    /// iodine"), unless the gazetteer knows it.
    static func dropCommonWordsCapitalisedByPosition(_ doc: inout [[EntityMention]], words: [[String]]) {
        var lowercase: [String: Int] = [:]
        var capitalisedInside: [String: Int] = [:]
        for sentence in words {
            let first = sentence.firstIndex { !isOpeningPunctuation($0) } ?? sentence.count
            for (i, w) in sentence.enumerated() {
                guard let u = w.utf8.first else { continue }
                if u >= 97 && u <= 122 { lowercase[w, default: 0] += 1 } else if i > first, NERFeatures.startsCapitalised(w) { capitalisedInside[w, default: 0] += 1 }
            }
        }
        guard !lowercase.isEmpty else { return }
        let gazetteer = Gazetteer.bundled
        for si in doc.indices {
            doc[si].removeAll { m in
                guard m.end == m.start + 1, m.type.isNamed else { return false }
                let w = words[si][m.start]
                return lowercase[w.lowercased(), default: 0] > capitalisedInside[w, default: 0] && gazetteer.classes(of: w).isEmpty
            }
        }
    }

    /// Quotes, brackets, dashes and bullets that may come before a sentence's first word.
    static func isOpeningPunctuation(_ w: String) -> Bool {
        ["\"", "'", "“", "‘", "(", "[", "-", "–", "—", "*", "•", "``", "`"].contains(w)
    }

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
    static func propagateNameParts(_ best: inout [String: EntityType]) {
        let gazetteer = Gazetteer.bundled
        func names(_ types: Set<EntityType>) -> [[String]] {
            best.compactMap { name, type in types.contains(type) ? name.split(separator: " ").map(String.init) : nil }.filter { $0.count > 1 }
        }
        // "Coron Island" is a place, so "Coron" alone is one too (not a person).
        for toks in names([.loc, .gpe]) {
            guard let last = toks.last, locWords.contains(last) else { continue }
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
        for toks in names([.event]) where eventFirstWords.contains(toks[0]) {
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
                && placeNouns.contains(words[si][m.start - 2].lowercased()) {
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

    func coarse(_ label: String) -> EntityType {
        switch label {
        case "PERSON": return .person
        case "ORG": return .org
        case "EVENT": return .event
        default: return .gpe
        }
    }

    /// Corrects a tagged span's type with the gazetteer and decides GPE versus LOC for places.
    func refine(name: String, words: [String], type: EntityType) -> EntityType {
        let classes = gazetteer.classes(of: name)
        if classes.contains(.gpe) { return type == .org && classes.contains(.org) ? .org : .gpe }
        if classes.contains(.org) { return .org }
        if classes.contains(.loc) { return type == .gpe ? .loc : type }
        if classes.contains(.event) { return .event }
        if let last = words.last, ["Act", "Bill", "Treaty", "Accord", "Amendment", "Inc.", "Ltd.", "et", "al."].contains(last) {
            return words.count > 1 && (last == "Inc." || last == "Ltd.") ? .org : .other   // laws are not entities here
        }
        if let last = words.last, EntityRecognizer.orgWords.contains(last), words.count > 1 { return .org }
        // "Medical Journal of Australia", "University of Portsmouth": the head before "of".
        if let of = words.firstIndex(of: "of"), of > 0, EntityRecognizer.orgWords.contains(words[of - 1]) { return .org }
        if let first = words.first, EntityRecognizer.eventFirstWords.contains(first) { return .event }
        if let last = words.last, ["War", "Revolution", "Games", "Olympics", "Paralympics", "Cup", "Championship", "Championships", "Summit",
                                   "Festival", "Crisis", "Election", "Elections", "Conference", "Crusades", "Uprising", "Fair", "Expo",
                                   "Convention", "Tournament", "Awards", "Marathon", "Carnival", "Parade", "Jubilee", "Series",
                                   "Prix", "Draft", "Massacre", "Siege", "Battle", "Riots", "Protests"].contains(last) { return .event }
        if words.count > 2, let of = words.firstIndex(of: "of"), of == 1, ["Battle", "Siege", "Treaty", "Massacre"].contains(words[0]) {
            return words[0] == "Treaty" ? .other : .event
        }
        if type != .org, let last = words.last, words.count > 1, EntityRecognizer.locWords.contains(last) { return .loc }
        // Natural features, roads and buildings are places even when the tagger says organisation
        // ("Hudson River", "Royal Palace"); "Lake Erie", "Mount Hood" by their first word.
        if words.count > 1, let last = words.last, EntityRecognizer.naturalPlaceWords.contains(last) { return .loc }
        if let of = words.firstIndex(of: "of"), of > 0, EntityRecognizer.naturalPlaceWords.contains(words[of - 1]) { return .loc }
        if words.count > 1, EntityRecognizer.placeFirstWords.contains(words[0]),
           words.dropFirst().allSatisfy({ NERFeatures.startsCapitalised($0) }) { return .loc }
        if isTeam(words) { return .org }
        // An acronym not in the gazetteer is an organisation far more often than a place or a person
        // (GUM train: NATO, NASA, FIFA, MLB, KCNA against PHX, JFK).
        if words.count == 1, type != .event, EntityRecognizer.isAcronym(words[0]) { return .org }
        // "US President Barack Obama", "Pennsylvania Senator Rick Santorum": a title inside the name.
        if words.count >= 2, let t = words.dropLast().firstIndex(where: { $0 != "St." && $0 != "Saint" && gazetteer.contains($0, as: .title) }),
           words[(t + 1)...].allSatisfy({ NERFeatures.startsCapitalised($0) }) { return .person }
        if words.count >= 2, words.count <= 4, gazetteer.contains(words[0], as: .firstName),
           words.dropFirst().allSatisfy({ $0.first?.isUppercase ?? false }) { return .person }
        if type == .gpe, let last = words.last, EntityRecognizer.locWords.contains(last) || words.contains(where: { EntityRecognizer.locWords.contains($0) }) {
            return .loc
        }
        return type
    }

    /// Last words that make a place whatever the tagger said (not *Hall*, *Museum*, *Church*,
    /// *Station*: organisations are named after those too).
    static let naturalPlaceWords: Set<String> = ["River", "Mountain", "Mountains", "Ocean", "Sea", "Lake", "Valley", "Island", "Islands",
                                                 "Bay", "Gulf", "Desert", "Forest", "Street", "Avenue", "Road", "Square", "Bridge",
                                                 "Coast", "Peninsula", "Canyon", "Hill", "Hills", "Beach", "Palace", "Castle", "Cathedral",
                                                 "Hotel", "Creek", "Falls", "Harbour", "Harbor", "Strait", "Glacier", "Volcano", "Reef"]
    /// First words of place names ("Lake Erie", "Mount Hood", "Fort Worth", "La Désirade").
    static let placeFirstWords: Set<String> = ["Lake", "Mount", "Mt.", "Fort", "Cape", "Port", "Isle", "Lac", "Rio", "Sierra", "Camp",
                                               "La", "Las", "Los", "El"]

    /// Three to six capital letters (and "&"), such as "NASA" or "AT&T".
    static func isAcronym(_ w: String) -> Bool {
        let u = w.utf8
        return u.count >= 3 && u.count <= 6 && u.allSatisfy { ($0 >= 65 && $0 <= 90) || $0 == 38 } && u.first != 38
    }

    /// Plural place-like last words that do not make a team ("Washington Heights", "Niagara Falls").
    static let pluralPlaceWords: Set<String> = ["Heights", "Springs", "Falls", "Woods", "Gardens", "Highlands", "Lakes", "Keys",
                                                "Plains", "Downs", "Rocks", "Sands", "Fields", "Meadows", "Isles", "Territories",
                                                "Provinces", "States", "Emirates", "Alps", "Rockies", "Andes", "Himalayas", "Glades"]

    /// A sports team: a place from the gazetteer followed by capitalised words ending in a plural
    /// ("Pittsburgh Pirates", "New York Mets").
    func isTeam(_ words: [String]) -> Bool {
        guard words.count >= 2, let last = words.last, last.count > 3, last.hasSuffix("s"), !last.hasSuffix("ss"),
              !EntityRecognizer.locWords.contains(last), !EntityRecognizer.pluralPlaceWords.contains(last),
              words.allSatisfy({ NERFeatures.startsCapitalised($0) })
        else { return false }
        return (1..<words.count).contains { gazetteer.contains(words[0..<$0].joined(separator: " "), as: .gpe) }
    }

    /// DATE and NUMBER spans from month/weekday names, years and cardinal numbers.
    func valueMentions(words: [String], xpos: [String], taken: inout [Bool]) -> [(Range<Int>, EntityType)] {
        var out: [(Range<Int>, EntityType)] = []
        let n = words.count
        var i = 0
        while i < n {
            if taken[i] { i += 1; continue }
            let w = words[i]
            let isCardinal = xpos[i] == "CD"
            let dayBeforeMonth = isCardinal && i + 1 < n && Self.isMonth(words[i + 1])
            if Self.isMonth(w) || (Self.startsWithASCIIUppercase(w) && EntityRecognizer.weekdays.contains(w)) || isYear(w, xpos[i])
                || dayBeforeMonth
            {
                var j = i + 1
                while j < n, !taken[j], Self.isMonth(words[j]) || xpos[j] == "CD" || words[j] == "," && j + 1 < n && isYear(words[j + 1], xpos[j + 1]) {
                    j += 1
                }
                if words[j - 1] == "," { j -= 1 }
                var s = i
                if s > 0, !taken[s - 1], xpos[s - 1] == "CD", Int(words[s - 1]).map({ $0 >= 1 && $0 <= 31 }) ?? false { s -= 1 }
                out.append((s..<j, .date))
                for k in s..<j { taken[k] = true }
                i = j
                continue
            }
            if isCardinal || (w == "$" || w == "€" || w == "£") && i + 1 < n && xpos[i + 1] == "CD" {
                var j = i + 1
                while j < n, !taken[j], xpos[j] == "CD" || words[j] == "%" || words[j] == "percent" { j += 1 }
                var s = i
                while s > 0, !taken[s - 1], EntityRecognizer.numberModifiers.contains(words[s - 1].lowercased()) && xpos[s - 1] != "IN" || words[s - 1] == "$" { s -= 1 }
                out.append((s..<j, .number))
                for k in s..<j { taken[k] = true }
                i = j
                continue
            }
            i += 1
        }
        return out
    }

    /// Month names and abbreviations all start with a capital: most words are ruled out without hashing.
    static func isMonth(_ w: String) -> Bool { startsWithASCIIUppercase(w) && months.contains(w) }

    static func startsWithASCIIUppercase(_ w: String) -> Bool {
        guard let first = w.utf8.first else { return false }
        return first >= 0x41 && first <= 0x5A
    }

    func isYear(_ w: String, _ tag: String) -> Bool {
        guard tag == "CD", w.utf8.count == 4, let v = Int(w) else { return false }
        return v >= 1000 && v <= 2100
    }

    /// Joins the tokens of a span with their original spacing.
    func join(_ words: [String], _ r: Range<Int>, _ spaceAfter: [Bool]?) -> String {
        var s = ""
        for i in r {
            s += words[i]
            if i + 1 < r.upperBound, spaceAfter.map({ i < $0.count ? $0[i] : true }) ?? true { s += " " }
        }
        return s
    }
}
