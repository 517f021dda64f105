/// Irregular English inflections used by ``LemmaRules`` for words not seen in training.
enum IrregularForms {
    /// "base past participle" triples; alternatives separated by "/".
    static let verbTable = """
    arise arose arisen|awake awoke awoken|be was/were been|bear bore born/borne|beat beat beaten|\
    become became become|begin began begun|bend bent bent|bet bet bet|bid bid bid|bind bound bound|\
    bite bit bitten|bleed bled bled|blow blew blown|break broke broken|breed bred bred|\
    bring brought brought|broadcast broadcast broadcast|build built built|burn burnt burnt|\
    burst burst burst|buy bought bought|cast cast cast|catch caught caught|choose chose chosen|\
    cling clung clung|come came come|cost cost cost|creep crept crept|cut cut cut|deal dealt dealt|\
    dig dug dug|do did done|draw drew drawn|dream dreamt dreamt|drink drank drunk|drive drove driven|\
    eat ate eaten|fall fell fallen|feed fed fed|feel felt felt|fight fought fought|find found found|\
    flee fled fled|fling flung flung|fly flew flown|forbid forbade forbidden|forecast forecast forecast|\
    forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|get got gotten/got|\
    give gave given|go went gone|grind ground ground|grow grew grown|hang hung hung|have had had|\
    hear heard heard|hide hid hidden|hit hit hit|hold held held|hurt hurt hurt|keep kept kept|\
    kneel knelt knelt|know knew known|lay laid laid|lead led led|lean leant leant|leap leapt leapt|\
    learn learnt learnt|leave left left|lend lent lent|let let let|lie lay lain|light lit lit|\
    lose lost lost|make made made|mean meant meant|meet met met|mislead misled misled|\
    mistake mistook mistaken|outdo outdid outdone|overcome overcame overcome|overtake overtook overtaken|\
    overthrow overthrew overthrown|pay paid paid|prove proved proven|put put put|quit quit quit|\
    read read read|rid rid rid|ride rode ridden|ring rang rung|rise rose risen|run ran run|\
    say said said|see saw seen|seek sought sought|sell sold sold|send sent sent|set set set|\
    shake shook shaken|shed shed shed|shine shone shone|shoot shot shot|show showed shown|\
    shrink shrank shrunk|shut shut shut|sing sang sung|sink sank sunk|sit sat sat|sleep slept slept|\
    slide slid slid|sling slung slung|slit slit slit|speak spoke spoken|speed sped sped|spend spent spent|\
    spill spilt spilt|spin spun spun|spit spat spat|split split split|spoil spoilt spoilt|\
    spread spread spread|spring sprang sprung|stand stood stood|steal stole stolen|stick stuck stuck|\
    sting stung stung|stink stank stunk|stride strode stridden|strike struck struck/stricken|\
    string strung strung|strive strove striven|swear swore sworn|sweep swept swept|swell swelled swollen|\
    swim swam swum|swing swung swung|take took taken|teach taught taught|tear tore torn|tell told told|\
    think thought thought|throw threw thrown|thrust thrust thrust|tread trod trodden|\
    undergo underwent undergone|understand understood understood|undertake undertook undertaken|\
    upset upset upset|wake woke woken|wear wore worn|weave wove woven|weep wept wept|win won won|\
    wind wound wound|withdraw withdrew withdrawn|withhold withheld withheld|withstand withstood withstood|\
    wring wrung wrung|write wrote written|uphold upheld upheld|oversee oversaw overseen|\
    rebuild rebuilt rebuilt|retake retook retaken|rewrite rewrote rewritten|foresee foresaw foreseen|\
    input input input|output output output|offset offset offset|reset reset reset|\
    outrun outran outrun|override overrode overridden|undo undid undone|redo redid redone|\
    sew sewed sewn|sow sowed sown|saw sawed sawn|mow mowed mown|dive dove dived|plead pled pled
    """

    /// Inflected verb form → base form (past and past participle forms).
    static let verbs: [String: String] = {
        var map: [String: String] = [:]
        for entry in verbTable.split(separator: "|") {
            let parts = entry.split(separator: " ").map(String.init)
            guard parts.count == 3 else { continue }
            for form in parts[1...].flatMap({ $0.split(separator: "/").map(String.init) }) where map[form] == nil {
                map[form] = parts[0]
            }
        }
        return map
    }()

    /// Present-tense and other irregular verb forms.
    static let presentVerbs: [String: String] = [
        "is": "be", "am": "be", "are": "be", "'m": "be", "’m": "be", "'re": "be", "’re": "be", "art": "be",
        "has": "have", "'ve": "have", "’ve": "have", "does": "do", "doth": "do", "goes": "go",
        "being": "be", "having": "have", "doing": "do", "going": "go", "dying": "die", "lying": "lie",
        "tying": "tie", "seeing": "see", "fleeing": "flee", "agreeing": "agree", "freeing": "free",
        "ca": "can", "wo": "will", "'ll": "will", "’ll": "will", "'d": "would", "’d": "would", "sha": "shall",
    ]

    /// Irregular plural → singular.
    static let nouns: [String: String] = [
        "men": "man", "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth",
        "mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife", "knives": "knife",
        "leaves": "leaf", "halves": "half", "selves": "self", "shelves": "shelf", "wolves": "wolf",
        "thieves": "thief", "loaves": "loaf", "calves": "calf", "criteria": "criterion",
        "phenomena": "phenomenon", "analyses": "analysis", "crises": "crisis", "theses": "thesis",
        "hypotheses": "hypothesis", "bases": "basis", "diagnoses": "diagnosis", "oases": "oasis",
        "indices": "index", "matrices": "matrix", "vertices": "vertex", "appendices": "appendix",
        "cacti": "cactus", "fungi": "fungus", "nuclei": "nucleus", "stimuli": "stimulus",
        "syllabi": "syllabus", "alumni": "alumnus", "curricula": "curriculum", "memoranda": "memorandum",
        "oxen": "ox", "dice": "die", "people": "people", "police": "police", "sheep": "sheep",
        "series": "series", "species": "species", "news": "news", "aircraft": "aircraft",
        "movies": "movie", "cookies": "cookie", "pies": "pie", "ties": "tie", "lies": "lie",
        "brownies": "brownie", "zombies": "zombie", "hippies": "hippie", "rookies": "rookie",
        "shoes": "shoe", "toes": "toe", "canoes": "canoe", "focuses": "focus", "buses": "bus",
        "gases": "gas", "atlases": "atlas", "viruses": "virus", "campuses": "campus", "bonuses": "bonus",
        "statuses": "status", "censuses": "census", "thesauri": "thesaurus", "data": "data",
    ]

    /// Irregular comparatives / superlatives (by XPOS family: adjective or adverb).
    static let adjectives: [String: String] = [
        "better": "good", "best": "good", "worse": "bad", "worst": "bad", "more": "more", "most": "most",
        "less": "less", "least": "least", "further": "far", "furthest": "far", "farther": "far",
        "farthest": "far", "elder": "old", "eldest": "old", "lesser": "less",
    ]
    static let adverbs: [String: String] = [
        "better": "well", "best": "well", "worse": "badly", "worst": "badly", "more": "more",
        "most": "most", "less": "less", "least": "least", "further": "far", "farther": "far",
    ]

    /// Pronoun forms → lemma (EWT conventions).
    static let pronouns: [String: String] = [
        "me": "I", "my": "my", "mine": "my", "myself": "myself", "i": "I", "us": "we", "our": "our",
        "ours": "our", "him": "he", "his": "he", "her": "she", "hers": "she", "them": "they",
        "their": "their", "theirs": "their", "its": "its", "your": "your", "yours": "your",
        "thee": "you", "thy": "thy", "'em": "they", "u": "you", "ya": "you",
    ]
}
