/// Word lists used by the tokenizer and the sentence splitter.
enum TokenizerLexicon {
    /// Titles and name prefixes: an abbreviation from this list never ends a sentence.
    static let titles: Set<String> = [
        "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gov", "Sen", "Rep", "Reps", "Sens", "Gen", "Col",
        "Lt", "Capt", "Sgt", "Maj", "Adm", "Cmdr", "Cpl", "Pvt", "Rev", "Hon", "Pres", "Supt", "Det",
        "Insp", "Atty", "Fr", "Sr", "St", "Mt", "Ft", "Gov", "Lieut", "Amb", "Sec", "Cong", "Rt",
        "No", "Nos", "Vol", "Vols", "Fig", "Figs", "pp", "p", "vs", "v", "cf", "ca", "approx", "Ave", "Blvd",
    ]

    /// Other abbreviations written with a full stop. These may end a sentence.
    static let others: Set<String> = [
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
        "Inc", "Corp", "Ltd", "Co", "Bros", "Dept", "Univ", "Assn", "Jr", "Esq", "Rd", "Ln", "Hwy",
        "etc", "al", "est", "Ph", "Mass", "Calif", "Fla", "Wash", "Ariz", "Ill", "Penn", "Tenn", "Conn",
        "Mich", "Minn", "Wis", "Okla", "Ore", "Colo", "Nev", "Ky", "Ala", "Ga", "La", "Md", "Va",
        "Intl", "Govt", "Mfg", "Natl", "Pty", "Plc", "Cos", "min", "max", "sq", "ft", "oz", "lb", "lbs",
        "hr", "hrs", "yr", "yrs", "mos", "tel", "Tel", "ext", "Ext", "dept", "Dept",
    ]

    /// Prefixes after which EWT keeps a hyphenated word whole ("e-mail", "non-human", "co-workers").
    static let hyphenPrefixes: Set<String> = [
        "e", "non", "re", "anti", "pro", "pre", "co", "mid", "cross", "post", "over", "sub", "semi",
        "pan", "multi", "ex", "counter", "mini", "neo", "inter", "vice", "un", "socio", "psycho",
        "x", "t", "u", "a",
    ]

    /// Capitalised words that typically start a sentence; used to decide whether an abbreviation
    /// such as "U.S." or "Inc." ends the sentence.
    static let sentenceStarters: Set<String> = [
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "Or", "So", "In",
        "On", "At", "This", "That", "These", "Those", "There", "His", "Her", "Their", "Its", "Our",
        "My", "Your", "As", "If", "When", "While", "After", "Before", "However", "Meanwhile", "Yet",
        "Still", "Then", "Now", "What", "Why", "How", "Who", "Where", "Some", "Many", "Most", "All",
        "According", "Although", "Though", "Because", "Since", "For", "With", "Under", "During",
        "Also", "Asked", "Last", "Next", "One", "Two", "Another", "Such", "Even", "Both", "Each",
        "Officials", "Critics", "Analysts", "Experts",
    ]

    /// Lower-case clitics split off after an apostrophe (besides "n't").
    static let clitics: Set<String> = ["s", "re", "ll", "ve", "m", "d"]

    /// Closing punctuation that stays with a sentence after its final stop.
    static let closers: Set<String> = ["\"", "”", "’", "'", ")", "]", "}", "»", "''", "›"]

    /// Tokens that end a sentence.
    static let terminals: Set<String> = [".", "?", "!", "…", "...", "?!", "!?", "!!", "??", "!!!", "???", "。", "？", "！"]

    /// Words after which a single line break does not end a sentence.
    static let continuationWords: Set<String> = [
        ",", "-", "–", "—", ":", ";", "(", "and", "or", "but", "of", "the", "a", "an", "to", "in", "on",
        "at", "for", "with", "by", "from", "that", "which", "who", "is", "are", "was", "were", "as",
    ]
}
