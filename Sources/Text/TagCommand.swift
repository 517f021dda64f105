/// The `tag` behaviour: raw text or CoNLL-U in, CoNLL-U with LEMMA/UPOS/XPOS filled out.
public enum TagCommand {
    /// Input formats accepted by ``run(input:format:tagger:)``.
    public enum InputFormat: String, Sendable, CaseIterable {
        /// Raw text: tokenized and sentence-split by this module.
        case text
        /// CoNLL-U: the given tokenisation is kept; word lines get LEMMA, UPOS and XPOS.
        case conllu
    }

    /// Tags `input` and returns CoNLL-U text.
    public static func run(input: String, format: InputFormat, tagger: Tagger) -> String {
        switch format {
        case .text: return tagText(input, tagger: tagger)
        case .conllu: return tagConllU(input, tagger: tagger)
        }
    }

    /// Raw text → CoNLL-U with `# sent_id`, `# text` and `SpaceAfter=No`.
    static func tagText(_ input: String, tagger: Tagger) -> String {
        let sentences = Pipeline(tagger: tagger).analyze(input)
        let bytes = Array(input.utf8)
        var out = ""
        out.reserveCapacity(input.utf8.count * 6)
        for (n, s) in sentences.enumerated() {
            out += "# sent_id = \(n + 1)\n"
            out += "# text = \(sentenceText(bytes, s))\n"
            for (i, (t, w)) in zip(s.tokens, s.words).enumerated() {
                let form = sanitize(t.text)
                let isLast = i == s.tokens.count - 1
                let misc = (!t.spaceAfter && !isLast) ? "SpaceAfter=No" : "_"
                out += "\(i + 1)\t\(form)\t\(sanitize(w.lemma))\t\(w.upos)\t\(w.xpos)\t_\t_\t_\t_\t\(misc)\n"
            }
            out += "\n"
        }
        return out
    }

    /// Text of a sentence with line breaks and tabs collapsed to single spaces.
    static func sentenceText(_ bytes: [UInt8], _ s: AnalyzedSentence) -> String {
        let raw = String(decoding: bytes[s.range.clamped(to: 0..<bytes.count)], as: UTF8.self)
        var out = ""
        var lastSpace = false
        for ch in raw.unicodeScalars {
            if CharClass.isSpace(ch.value) {
                if !lastSpace { out.unicodeScalars.append(" ") }
                lastSpace = true
            } else {
                out.unicodeScalars.append(ch)
                lastSpace = false
            }
        }
        return out
    }

    /// Replaces characters that would break the CoNLL-U line structure.
    static func sanitize(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }

    /// CoNLL-U → CoNLL-U, keeping tokenisation, comments and other columns; multiword-token and
    /// empty-node lines are passed through untouched.
    static func tagConllU(_ input: String, tagger: Tagger) -> String {
        var sentences = ConllU.parse(input)
        for si in sentences.indices {
            let idx = sentences[si].wordIndices
            let forms = idx.map { sentences[si].rows[$0].form }
            let tagged = tagger.analyze(forms, spaceAfter: sentences[si].wordSpaceAfter)
            for (k, ri) in idx.enumerated() {
                sentences[si].rows[ri].lemma = tagged[k].lemma
                sentences[si].rows[ri].upos = tagged[k].upos
                sentences[si].rows[ri].xpos = tagged[k].xpos
            }
        }
        return ConllU.write(sentences)
    }
}
