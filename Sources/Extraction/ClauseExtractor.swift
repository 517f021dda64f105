/// A fact before alias resolution: phrases still point into the sentence.
struct RawFact: Sendable {
    var kind: FactKind
    var subject: Phrase
    var object: Phrase?
    var relation: String
    var lemma: String
    var args: [(role: String, phrase: Phrase)]
    var negated: Bool
    var carbRelation: String
    var carbArgs: [String]
    var features: ConfidenceFeatures
}

/// Relation extraction over a dependency parse: one fact per predication (ClausIE-style clause
/// detection with ReVerb-style relation phrases).
///
/// - Predicates are verbs (any clause type: root, conj, advcl, ccomp, relative and participial clauses)
///   and nominal or adjectival predicates with a copula.
/// - `xcomp` chains are merged ("is attempting to deploy" → relation "attempt to deploy", lemma `deploy`).
/// - Passives: a `by` agent becomes the subject and the patient the object; agentless passives keep the
///   patient as subject.
/// - Subjects are inherited across coordination, control and non-finite adverbial clauses; relative
///   clauses take the modified noun; coordinated objects and subjects give one fact each.
/// - `as X stated` and `according to X` are attribution: no fact about X, an `according to` argument instead.
struct ClauseExtractor {
    let s: ParsedSentence
    let pb: PhraseBuilder

    /// Whether each token heads a predication (computed once).
    let predicates: [Bool]

    init(_ s: ParsedSentence) {
        self.s = s
        self.pb = PhraseBuilder(s: s)
        self.predicates = (0..<s.count).map { ClauseExtractor.computePredicate(s, $0) }
    }

    static let speechVerbs: Set<String> = ["say", "state", "report", "tell", "claim", "note", "add", "announce", "write",
                                           "explain", "argue", "insist", "believe", "think", "suggest", "confirm", "emphasize"]
    /// Relative pronouns that take the noun before them when the parse left their clause unattached.
    static let unattachedRelatives: Set<String> = ["who", "which"]
    static let questionWords: Set<String> = ["what", "who", "whom", "which", "where", "when", "why", "how", "whatever", "whoever"]
    static let modals: Set<String> = ["will", "would", "can", "could", "may", "might", "shall", "should", "must", "ought"]
    static let negations: Set<String> = ["not", "n't", "never", "no"]
    /// Verbs whose complement did not happen: "refused to sign the bill" is no signing, nor is "stopped selling".
    static let negativeImplicatives: Set<String> = ["refuse", "decline", "fail", "stop", "quit", "cease", "avoid", "neglect",
                                                    "forget", "deny", "abandon"]
    static let subjectRels: Set<String> = ["nsubj", "nsubj:pass", "csubj", "csubj:pass", "nsubj:outer"]
    static let clausePrepositions: Set<String> = ["for", "by", "after", "before", "without", "despite", "since", "while", "upon", "on"]
    /// Adverbial idioms that are not arguments ("at present", "in fact").
    static let idioms: Set<String> = ["at present", "at least", "at all", "at first", "at last", "in fact", "of course",
                                      "in particular", "for example", "for instance", "in addition", "in general", "at the moment",
                                      "in total", "at once", "in turn", "in short", "by far", "at times", "for now"]
    static let nominal: Set<String> = ["NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ", "X", "SYM"]
    static let predicateRels: Set<String> = ["root", "conj", "ccomp", "advcl", "acl", "acl:relcl", "parataxis", "xcomp", "csubj", "advcl:relcl"]

    /// All facts of the sentence.
    func extract() -> [RawFact] {
        let n = s.count
        guard n > 1 else { return [] }
        var absorbed = [Bool](repeating: false, count: n)
        for i in 0..<n where isPredicate(i) {
            if let x = chainChild(i) { absorbed[x] = true }
        }
        var out: [RawFact] = []
        var attributions: [Int: Phrase] = [:]
        for i in 0..<n where isPredicate(i) && !absorbed[i] && isAttribution(i) {
            guard let subj = s.kids(i, "nsubj").first else { continue }
            // "as X stated, <clause>" mis-parsed with the clause as complement: the clause is the content.
            if let c = s.kid(i, "ccomp") {
                attributions[c] = pb.phrase(subj, dropConj: false)
            } else if s.heads[i] >= 0 {
                attributions[s.heads[i]] = pb.phrase(subj, dropConj: false)
            }
        }
        for i in 0..<n where isPredicate(i) && !absorbed[i] && !isAttribution(i) {
            out += facts(for: i, attribution: attributions[i])
            if out.count > 4 * n { break }
        }
        out += appositions()
        return out
    }

    /// Whether token `i` heads a predication.
    @inline(__always)
    func isPredicate(_ i: Int) -> Bool { predicates[i] }

    static func computePredicate(_ s: ParsedSentence, _ i: Int) -> Bool {
        let rel = s.deprels[i]
        if s.upos[i] == "VERB" {
            if rel == "amod" || rel == "compound" || rel == "case" || rel == "mark" || rel == "det" || rel == "fixed" { return false }
            return true
        }
        if s.kid(i, "cop") != nil, s.children[i].contains(where: { ClauseExtractor.subjectRels.contains(s.deprels[$0]) }) || rel == "conj" || rel == "acl:relcl" {
            return true
        }
        return false
    }

    /// The `xcomp` verb merged into `i`'s relation ("attempting to deploy"), if any.
    func chainChild(_ i: Int) -> Int? {
        guard s.upos[i] == "VERB", s.kid(i, "obj") == nil, s.kid(i, "cop") == nil else { return nil }
        for x in s.kids(i, "xcomp") where s.upos[x] == "VERB" && s.kid(x, "nsubj") == nil {
            return x
        }
        return nil
    }

    /// "..., as the diplomat stated": a speech verb introduced by `as` with no object.
    func isAttribution(_ i: Int) -> Bool {
        guard ClauseExtractor.speechVerbs.contains(s.lemmas[i]), s.kid(i, "obj") == nil else { return false }
        let marks = s.kids(i, "mark").map { s.words[$0].lowercased() }
        let asSubject = s.kids(i, "nsubj").contains { subj in s.children[subj].contains { s.deprels[$0] == "case" && s.words[$0].lowercased() == "as" } }
        if marks.contains("as") || asSubject { return true }
        guard s.kid(i, "ccomp") == nil else { return false }
        if s.deprels[i] == "advcl" && s.kid(i, "nsubj") != nil && s.heads[i] >= 0 && s.heads[i] < i && marks.isEmpty && s.kids(i, "obl").isEmpty {
            return true
        }
        return isPostposedReport(i)
    }

    /// "ICE deported 200,000 people, the agency said on Monday": a speech verb with a subject and at most a
    /// time, after a comma that closes the clause it reports (parsed as its conjunct, adverbial clause or
    /// parataxis).
    func isPostposedReport(_ i: Int) -> Bool {
        guard ["conj", "advcl", "parataxis"].contains(s.deprels[i]), s.heads[i] >= 0, s.heads[i] < i, s.kid(i, "nsubj") != nil,
              s.kid(i, "cc") == nil, s.kid(i, "mark") == nil,
              s.kids(i, "obl").allSatisfy({ s.mentionOf[$0] >= 0 && s.mentions[s.mentionOf[$0]].type == .date })
        else { return false }
        guard let first = pb.subtree(i, limit: 64).filter({ s.upos[$0] != "PUNCT" }).min(), first > 0 else { return false }
        return s.words[first - 1] == ","
    }

    /// A relative pronoun the parse made a second subject of relative clause `i` beside a nominal one
    /// ("a speech, which critics called misleading"): it is the clause's object.
    func displacedRelativePronoun(_ i: Int) -> Int? {
        guard s.deprels[i] == "acl:relcl" else { return nil }
        let subjects = s.kids(i, "nsubj")
        guard subjects.count >= 2, let pronoun = subjects.first(where: { PhraseBuilder.relativePronouns.contains(s.words[$0].lowercased()) }),
              subjects.contains(where: { $0 != pronoun && ["NOUN", "PROPN", "PRON"].contains(s.upos[$0]) })
        else { return nil }
        return pronoun
    }

    /// The noun a relative *who* or *which* at `k` follows when the parse did not attach its clause to one:
    /// "William Jones, who authored ...", "the Act of 1988, which boosted ..." (a year after *of* is skipped).
    func nounBefore(_ k: Int) -> Int? {
        var j = k - 1
        while j >= 0, s.words[j] == "," { j -= 1 }
        if j >= 2, s.upos[j] == "NUM", s.words[j - 1].lowercased() == "of" { j -= 2 }
        return j >= 0 && (s.upos[j] == "NOUN" || s.upos[j] == "PROPN") ? j : nil
    }

    /// The subject token of predicate `i`, following coordination, control and relative clauses.
    /// Returns the token and whether it is the patient of a passive.
    func subject(of i: Int, depth: Int = 0) -> Int? {
        guard depth < 8 else { return nil }
        let displaced = displacedRelativePronoun(i)
        for c in s.children[i] where ClauseExtractor.subjectRels.contains(s.deprels[c]) && c != displaced {
            if PhraseBuilder.relativePronouns.contains(s.words[c].lowercased()), s.xpos[c].hasPrefix("W") || s.words[c].lowercased() == "that",
               s.heads[i] >= 0, s.heads[i] < c, ["NOUN", "PROPN", "PRON", "NUM"].contains(s.upos[s.heads[i]]) {
                return antecedent(ofRelativeClause: i)
            }
            if ClauseExtractor.unattachedRelatives.contains(s.words[c].lowercased()), let noun = nounBefore(c) { return noun }
            if !ClauseExtractor.nominal.contains(s.upos[c]) && !s.deprels[c].hasPrefix("csubj") {
                // A parse error put a function word in subject position: take the nearest nominal before the verb.
                return s.children[i].last { $0 < i && ClauseExtractor.nominal.contains(s.upos[$0]) && s.deprels[$0] != "obj" }
            }
            return c
        }
        let h = s.heads[i]
        guard h >= 0 else { return nil }
        switch s.deprels[i] {
        case "conj":
            if let t = strandedSubject(i) { return t }
            return isPredicate(h) || s.upos[h] == "VERB" ? subject(of: h, depth: depth + 1) : nil
        case "xcomp":
            if let o = s.kid(h, "obj") { return o }
            return subject(of: h, depth: depth + 1)
        case "advcl", "advcl:relcl":
            if s.xpos[i] == "VBG", s.children[i].contains(where: { s.words[$0].lowercased() == "for" }), let o = s.kid(h, "obj") {
                return o   // "blamed migrants for fueling crime": the migrants fuel it
            }
            return s.xpos[i] == "VBG" || s.xpos[i] == "VBN" || s.xpos[i] == "VB" ? subject(of: h, depth: depth + 1) : nil
        case "acl:relcl":
            return s.kid(i, "obj") != nil || s.kid(i, "nsubj") != nil ? nil : antecedent(ofRelativeClause: i)
        case "acl":
            if s.xpos[i] == "VB" || s.kid(i, "mark") != nil {
                // "Trump's attempt to deploy": the possessor acts; without one there is no subject.
                return s.kid(h, "nmod:poss")
            }
            return s.upos[h] == "NOUN" || s.upos[h] == "PROPN" || s.upos[h] == "PRON" ? h : nil
        default:
            return nil
        }
    }

    /// The noun relative clause `i` describes: its head, except that a clause the parse hung on a date
    /// describes the object before that date ("signed an order on Thursday that freezes hiring": the
    /// order freezes hiring, not Thursday).
    func antecedent(ofRelativeClause i: Int) -> Int {
        let h = s.heads[i]
        guard h >= 0, s.mentionOf[h] >= 0, s.mentions[s.mentionOf[h]].type == .date, s.heads[h] >= 0 else { return h }
        let g = s.heads[h]
        if s.deprels[h].hasPrefix("nmod"), g < h, ClauseExtractor.nominal.contains(s.upos[g]) { return g }
        if s.deprels[h].hasPrefix("obl"), let o = s.kid(g, "obj"), o < h { return o }
        return h
    }

    /// A noun phrase between a conjoined verb's conjunction and the verb that the parse attached
    /// elsewhere ("..., and as ICE ... has deported"): the verb's own subject.
    func strandedSubject(_ p: Int) -> Int? {
        guard let cc = (0..<p).last(where: { s.upos[$0] == "CCONJ" }) else { return nil }
        var k = p - 1
        while k > cc {
            let d = s.deprels[k]
            if s.upos[k] == "PUNCT" || (s.heads[k] == p && (d.hasPrefix("aux") || d == "advmod" || d == "case" || d == "mark")) {
                k -= 1
                continue
            }
            guard s.upos[k] == "NOUN" || s.upos[k] == "PROPN", s.heads[k] != p else { return nil }
            var t = k
            while s.heads[t] > cc, s.heads[t] < p, s.upos[s.heads[t]] == "NOUN" || s.upos[s.heads[t]] == "PROPN" { t = s.heads[t] }
            return t
        }
        return nil
    }

    /// Facts of predicate `p`.
    func facts(for p: Int, attribution: Phrase?) -> [RawFact] {
        var chain = [p]
        while let last = chain.last, let x = chainChild(last), chain.count < 6 { chain.append(x) }
        guard let content = chain.last else { return [] }
        let isCopula = s.upos[p] != "VERB" && s.kid(p, "cop") != nil
        let passive = s.children[content].contains { s.deprels[$0] == "nsubj:pass" || s.deprels[$0] == "aux:pass" }
            || (s.deprels[p] == "acl" && s.xpos[p] == "VBN")
        guard let subjTok = subject(of: p) else { return [] }
        if subjTok == p { return [] }

        // Relation words.
        var relKG: [String] = []
        var relCarb: [Int] = []
        var negated = false
        let auxes = chain.flatMap { v in s.children[v].filter { s.base($0) == "aux" || (isCopula && s.deprels[$0] == "cop") } }
        for c in s.children[p] where ClauseExtractor.negations.contains(s.words[c].lowercased()) && (s.base(c) == "advmod" || s.deprels[c] == "neg" || s.deprels[c] == "det") {
            negated = true
            relCarb.append(c)
        }
        let progressive = s.xpos[p] == "VBG" && auxes.contains { s.lemmas[$0] == "be" && s.deprels[$0] == "aux" }
        for a in auxes.sorted() where a < p || isCopula {
            relCarb.append(a)
            let l = s.lemmas[a]
            if s.deprels[a] == "cop" { relKG.append(s.words[a]) } else if ClauseExtractor.modals.contains(l) || l == "have" || s.deprels[a] == "aux:pass" {
                relKG.append(s.words[a])
            } else if l == "do" && negated {
                relKG.append(s.words[a])
            } else if l == "be" && !progressive {
                relKG.append(s.words[a])
            }
        }
        if negated { relKG.append("not") }
        // The content verb of "refused to sign" did not happen ("did not refuse to sign": it did).
        let contentNegated = negated != chain.dropLast().contains { ClauseExtractor.negativeImplicatives.contains(s.lemmas[$0]) }
        var lemma = s.lemmas[content]
        if isCopula {
            lemma = "be"
        } else {
            for (k, v) in chain.enumerated() {
                if k > 0, let m = s.kid(v, "mark") { relCarb.append(m); relKG.append(s.words[m]) }
                relCarb.append(v)
                relKG.append(k == 0 && progressive ? s.lemmas[v] : (k > 0 ? s.words[v].lowercased() : s.words[v]))
                for prt in s.kids(v, "compound:prt") {
                    relCarb.append(prt)
                    relKG.append(s.words[prt])
                    if v == content { lemma += " " + s.lemmas[prt] }
                }
            }
        }

        // Object.
        var objects: [Int] = []
        var clausal: Int?
        var attrib = attribution
        if isCopula {
            objects = [p]
        } else if let o = s.kid(content, "obj") ?? s.kid(content, "iobj") {
            objects = [o] + conjuncts(o)
        } else if let x = s.kids(content, "xcomp").first(where: { s.upos[$0] != "VERB" }) {
            objects = [x]
        } else if let c = s.kid(content, "ccomp") {
            clausal = c
        }
        if s.deprels[p] == "acl:relcl", let o = s.kid(p, "obj") ?? displacedRelativePronoun(p),
           PhraseBuilder.relativePronouns.contains(s.words[o].lowercased()), s.heads[p] >= 0 {
            objects = [antecedent(ofRelativeClause: p)]
        }

        // Prepositional / temporal arguments.
        var args: [(role: String, phrase: Phrase, carb: String)] = []
        var agent: Int?
        for v in Set(chain + [p]).sorted() {
            for c in s.children[v] where c != subjTok {
                let d = s.deprels[c]
                guard d.hasPrefix("obl") || (d == "advmod" && s.mentionOf[c] >= 0) || (d == "nmod:tmod") else { continue }
                let caseToks = s.children[c].filter { s.deprels[$0] == "case" || s.deprels[$0] == "fixed" }
                var caseWords = caseToks.map { s.words[$0].lowercased() }
                for t in caseToks { caseWords += s.kids(t, "fixed").map { s.words[$0].lowercased() } }
                if passive, d == "obl:agent" || caseWords == ["by"], agent == nil {
                    agent = c
                    continue
                }
                let ph = pb.phrase(c)
                if ClauseExtractor.idioms.contains((caseWords + [ph.text.lowercased()]).joined(separator: " ")) { continue }
                var role = caseWords.joined(separator: " ")
                if role.isEmpty { role = (d == "obl:tmod" || ph.type == .date) ? "time" : (d == "obl:npmod" ? "time" : "obl") }
                if role == "according to" { attrib = ph; continue }
                let carb = (caseToks.map { s.words[$0] } + [ph.ptb]).joined(separator: " ")
                args.append((role, ph, carb))
            }
        }
        // Gerund clauses introduced by a preposition ("blamed migrants for fueling violent crime").
        for c in s.children[content] where s.deprels[c] == "advcl" && s.xpos[c] == "VBG" {
            guard let m = s.children[c].first(where: { (s.deprels[$0] == "mark" || s.deprels[$0] == "case") && s.upos[$0] == "ADP" || s.upos[$0] == "SCONJ" && s.deprels[$0] == "mark" }),
                  ClauseExtractor.clausePrepositions.contains(s.words[m].lowercased()) else { continue }
            let toks = pb.subtree(c, limit: 16).filter { $0 != m && s.upos[$0] != "PUNCT" }
            guard toks.count < 16 else { continue }
            let ph = Phrase(head: c, tokens: toks, text: s.render(toks), ptb: s.renderPTB(toks), mention: nil, type: .other,
                            isPronoun: false, derivedName: nil, possessor: nil)
            args.append((s.words[m].lowercased(), ph, s.words[m] + " " + ph.ptb))
        }
        args.sort { $0.phrase.head < $1.phrase.head }

        // "It has been reported that ...": an expletive subject of a passive reporting verb states nothing;
        // the reported clause gives its own facts.
        if passive, clausal != nil, s.words[subjTok].lowercased() == "it", ClauseExtractor.speechVerbs.contains(lemma) { return [] }
        // Subjects (split coordination) and build facts.
        let subjects = [subjTok] + (s.deprels[subjTok].hasPrefix("nsubj") ? conjuncts(subjTok) : [])
        var out: [RawFact] = []
        var relText = relKG.joined(separator: " ")
        var carbRel = relCarb.sorted().map { s.words[$0] }.joined(separator: " ")
        if isCopula {
            let cases = s.children[p].filter { s.deprels[$0] == "case" }
            carbRel = (relCarb + cases).sorted().map { s.words[$0] }.joined(separator: " ")
            if !cases.isEmpty { relText += " " + cases.map { s.words[$0].lowercased() }.joined(separator: " ") }
        }
        let objectPhrases: [Phrase?]
        if let clausal {
            let toks = pb.subtree(clausal).filter { s.deprels[$0] != "mark" || s.heads[$0] != clausal }
            let text = s.render(toks)
            objectPhrases = [Phrase(head: clausal, tokens: toks, text: text, ptb: s.renderPTB(toks), mention: nil, type: .other,
                                    isPronoun: false, derivedName: nil, possessor: nil)]
        } else if objects.isEmpty {
            objectPhrases = [nil]
        } else {
            // Dates the parser attached inside the object ("the plan on Monday") become time arguments.
            var dated = Set<Int>()
            if !isCopula {
                for o in objects {
                    for c in s.children[o] where s.base(c) == "nmod" && s.mentionOf[c] >= 0 && s.mentions[s.mentionOf[c]].type == .date {
                        dated.insert(c)
                        let ph = pb.phrase(c)
                        let cs = s.children[c].filter { s.deprels[$0] == "case" }
                        args.append((cs.isEmpty ? "time" : cs.map { s.words[$0].lowercased() }.joined(separator: " "), ph,
                                     (cs.map { s.words[$0] } + [ph.ptb]).joined(separator: " ")))
                    }
                }
                args.sort { $0.phrase.head < $1.phrase.head }
            }
            objectPhrases = objects.prefix(5).map { pb.phrase($0, dropConj: true, exclude: isCopula ? Set(s.kids(p, "nsubj")) : dated) }
        }
        var promoted: (role: String, phrase: Phrase, carb: String)?
        // Without an object, the first prepositional argument after the verb joins the relation
        // ("served as", "returned to"), unless it is a date or number.
        if objectPhrases.first.flatMap({ $0 }) == nil, agent == nil,
           let k = args.firstIndex(where: { $0.phrase.head > content && $0.role != "time" && $0.role != "obl"
               && $0.phrase.type != .date && $0.phrase.type != .number }) {
            let first = args.remove(at: k)
            promoted = first
            relText += " " + first.role
            carbRel += " " + first.role
        }
        // CaRB relations keep pre-verbal adverbs ("first mentioned", "strictly maintain").
        let advs = s.children[p].filter { $0 < p && s.deprels[$0] == "advmod" && s.upos[$0] == "ADV" && !relCarb.contains($0)
            && $0 > (s.children[p].first { ClauseExtractor.subjectRels.contains(s.deprels[$0]) } ?? -1) }
        if !advs.isEmpty, !isCopula {
            carbRel = (relCarb + advs).sorted().map { s.words[$0] }.joined(separator: " ") + (promoted.map { " " + $0.role } ?? "")
        }
        for subj in subjects.prefix(5) {
            // The predicate never enters its own subject, nor does the word it hangs on inside the subject
            // ("an order on Thursday that freezes hiring": not "an order on Thursday").
            let subjPhrase = pb.phrase(subj, dropConj: true, exclude: s.heads[p] >= 0 ? [p, s.heads[p]] : [p])
            for obj in objectPhrases {
                var subject = subjPhrase
                var object = promoted?.phrase ?? obj
                // A question's wh-word is no argument ("What are the expectations ...?").
                if [subject, object].contains(where: { $0.map { $0.tokens.count == 1 && ClauseExtractor.questionWords.contains($0.text.lowercased()) } ?? false }) {
                    continue
                }
                var carbArgs = [subjPhrase.ptb]
                var carbRelation = carbRel
                var kgRelation = relText
                if let agent {
                    let ag = pb.phrase(agent)
                    kgRelation = (auxes.filter { ClauseExtractor.modals.contains(s.lemmas[$0]) }.map { s.words[$0] }
                        + (negated ? ["not"] : []) + [lemma]).joined(separator: " ")
                    // KG view: the agent acts on the patient. CaRB view keeps the passive sentence order.
                    carbRelation += " by"
                    carbArgs.append(ag.ptb)
                    subject = ag
                    object = subjPhrase
                } else if let o = object {
                    carbArgs.append(promoted == nil ? o.ptb : o.ptb)
                }
                carbArgs += args.map(\.carb)
                if let att = attrib { carbArgs.append("according to " + att.ptb) }
                var kgArgs = args.map { (role: $0.role, phrase: $0.phrase) }
                if let att = attrib { kgArgs.append((role: "according to", phrase: att)) }
                var f = ConfidenceFeatures()
                f.clauseType = s.deprels[p]
                f.subjectNamed = subject.mention != nil
                f.subjectPronoun = subject.isPronoun
                f.hasObject = object != nil
                f.clausalObject = clausal != nil
                f.argCount = args.count   // an attribution says who reports the fact, not that it is well formed
                f.sentenceLength = s.count
                f.relationLength = relCarb.count
                f.passive = passive
                f.copula = isCopula
                f.inheritedSubject = !s.children[p].contains(subjTok)
                f.subjectLength = subject.tokens.count
                f.objectLength = object?.tokens.count ?? 0
                out.append(RawFact(kind: isCopula ? .copula : .verbal, subject: subject, object: object, relation: kgRelation,
                                   lemma: lemma, args: kgArgs, negated: contentNegated, carbRelation: carbRelation, carbArgs: carbArgs,
                                   features: f))
            }
        }
        return out
    }

    /// Nominal conjuncts of `i` ("A, B and C").
    func conjuncts(_ i: Int) -> [Int] {
        var out: [Int] = []
        var stack = s.kids(i, "conj")
        while let c = stack.popLast(), out.count < 6 {
            guard s.upos[c] == "NOUN" || s.upos[c] == "PROPN" || s.upos[c] == "PRON" || s.upos[c] == "NUM" else { continue }
            if s.kid(c, "cop") != nil || s.children[c].contains(where: { ClauseExtractor.subjectRels.contains(s.deprels[$0]) }) { continue }
            out.append(c)
            stack += s.kids(c, "conj")
        }
        return out.sorted()
    }

    /// "X, the CEO of Y," → (X; is; the CEO of Y).
    func appositions() -> [RawFact] {
        var out: [RawFact] = []
        for a in 0..<s.count where s.deprels[a] == "appos" {
            let h = s.heads[a]
            guard h >= 0, s.upos[h] == "PROPN" || s.upos[h] == "NOUN", s.upos[a] == "NOUN" || s.upos[a] == "PROPN" else { continue }
            let subj = pb.phrase(h, dropConj: true)
            let obj = pb.phrase(a, dropConj: true)
            guard subj.mention != nil || obj.mention != nil else { continue }
            var f = ConfidenceFeatures()
            f.clauseType = "appos"
            f.subjectNamed = subj.mention != nil
            f.hasObject = true
            f.sentenceLength = s.count
            f.subjectLength = subj.tokens.count
            f.objectLength = obj.tokens.count
            f.copula = true
            out.append(RawFact(kind: .apposition, subject: subj, object: obj, relation: "is", lemma: "be", args: [],
                               negated: false, carbRelation: "is", carbArgs: [subj.ptb, obj.ptb], features: f))
        }
        return out
    }
}
