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
        // A single letter is not a name ("the L - band", "Y - tong").
        typed.removeAll { $0.0.count == 1 && words[$0.0.lowerBound].count == 1 && $0.1.isNamed }
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
        // "King of Athens", "Secretary of State": a title and "of" name the person who holds it.
        if words.count >= 3, words[1] == "of", gazetteer.contains(words[0], as: .title), NERFeatures.startsCapitalised(words[2]) { return .person }
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
