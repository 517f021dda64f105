import Foundation
import Text

/// A sentence with gold named-entity spans, for training and evaluating the entity tagger.
public struct NERSentence: Sendable {
    /// Tokens.
    public var words: [String]
    /// Whether whitespace follows each token.
    public var spaceAfter: [Bool]
    /// Gold spans: token range and coarse label (PERSON, ORG, PLACE, EVENT).
    public var spans: [(range: Range<Int>, label: String)]
    /// The document (file) the sentence belongs to.
    public var document = ""
}

/// Reads GUM CoNLL-U files and derives *named* mentions.
///
/// GUM marks every mention (`Entity=(id-type-...` opens, `id)` closes) including common-noun
/// phrases and whole relative clauses. A mention counts as **named** when its syntactic head (the
/// one token whose head lies outside the span) is a proper noun (UPOS `PROPN`). Its gold span is the
/// *name core*: the maximal run of name tokens (`PROPN`, or a capitalised `ADJ`/`NOUN`/`NUM`, as in
/// "National Library", "United States") around the head, bridging the connectors
/// `of the and & de for - . 's` only when a name token follows inside the mention ("Emperor of the
/// United States", "Bank of America"). Leading determiners, titles written in lower case, appositions
/// and relative clauses are therefore outside the span. Types: person → PERSON, place → PLACE,
/// organization → ORG, event → EVENT; other GUM types are ignored. When cores overlap, the longest
/// is kept (flat NER).
public enum NERCorpus {
    /// Maps GUM entity types to tagger labels.
    static let typeMap = ["person": "PERSON", "place": "PLACE", "organization": "ORG", "event": "EVENT"]
    static let connectors: Set<String> = ["of", "the", "and", "&", "de", "for", "-", "–", ".", "'s", "’s", "du", "von", "van", "al"]

    /// Reads one or more GUM files (or directories of `.conllu` files); `.iob2` files are read as
    /// Universal NER (PER → PERSON, ORG → ORG, LOC → PLACE).
    public static func readGUM(paths: [String]) throws -> [NERSentence] {
        var out: [NERSentence] = []
        for path in expand(paths) {
            if path.hasSuffix(".iob2") {
                out += try readIOB2(path: path)
                continue
            }
            for s in try ConllU.read(path: path) {
                var sentence = sentence(s)
                sentence.document = path
                out.append(sentence)
            }
        }
        return out
    }

    static func expand(_ paths: [String]) -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue {
                let names = (try? fm.contentsOfDirectory(atPath: p)) ?? []
                files += names.filter { $0.hasSuffix(".conllu") }.sorted().map { p + "/" + $0 }
            } else {
                files.append(p)
            }
        }
        return files
    }

    /// Converts one CoNLL-U sentence.
    static func sentence(_ s: ConllSentence) -> NERSentence {
        let rows = s.words
        let words = rows.map(\.form)
        let upos = rows.map(\.upos)
        let heads = rows.map { Int($0.columns.count > 6 ? $0.columns[6] : "0") ?? 0 }
        var open: [String: [(Int, String)]] = [:]
        var mentions: [(Int, Int, String)] = []
        for (i, row) in rows.enumerated() {
            guard let e = miscValue(row.misc, "Entity") else { continue }
            let chars = Array(e)
            var j = 0
            while j < chars.count {
                if chars[j] == "(" {
                    var k = j + 1
                    while k < chars.count, chars[k] != "(", chars[k] != ")" { k += 1 }
                    let body = String(chars[(j + 1)..<k]).split(separator: "-", omittingEmptySubsequences: false)
                    let id = body.first.map(String.init) ?? ""
                    let type = body.count > 1 ? String(body[1]) : ""
                    if k < chars.count, chars[k] == ")" {
                        mentions.append((i, i, type))
                        j = k + 1
                    } else {
                        open[id, default: []].append((i, type))
                        j = k
                    }
                } else {
                    var k = j
                    while k < chars.count, chars[k].isNumber { k += 1 }
                    let id = String(chars[j..<k])
                    if k < chars.count, chars[k] == ")", let start = open[id]?.popLast() {
                        mentions.append((start.0, i, start.1))
                    }
                    j = k + 1
                }
            }
        }
        var cores: [(Range<Int>, String)] = []
        for (a, b, type) in mentions {
            guard let label = typeMap[type] else { continue }
            var h = a
            for i in a...b where heads[i] - 1 < a || heads[i] - 1 > b {
                h = i
                break
            }
            guard upos[h] == "PROPN" else { continue }
            // Name tokens: proper nouns, and capitalised adjectives/nouns/numbers inside names
            // ("National Library", "United States", "French Revolution").
            let isName: (Int) -> Bool = { k in
                upos[k] == "PROPN" || (["ADJ", "NOUN", "NUM", "VERB", "X"].contains(upos[k])
                    && (words[k].first.map { $0.isUppercase || $0.isNumber } ?? false))
            }
            var lo = h, hi = h
            var k = h + 1
            while k <= b {
                if isName(k) { hi = k; k += 1; continue }
                guard connectors.contains(words[k].lowercased()) else { break }
                var m = k
                while m <= b, connectors.contains(words[m].lowercased()), !isName(m) { m += 1 }
                guard m <= b, isName(m) else { break }
                hi = m
                k = m + 1
            }
            k = h - 1
            while k >= a {
                if isName(k) { lo = k; k -= 1; continue }
                guard connectors.contains(words[k].lowercased()) else { break }
                var m = k
                while m >= a, connectors.contains(words[m].lowercased()), !isName(m) { m -= 1 }
                guard m >= a, isName(m) else { break }
                lo = m
                k = m - 1
            }
            cores.append((lo..<(hi + 1), label))
        }
        cores.sort { ($0.0.count, -$0.0.lowerBound) > ($1.0.count, -$1.0.lowerBound) }
        var taken = [Bool](repeating: false, count: words.count)
        var spans: [(range: Range<Int>, label: String)] = []
        for (r, label) in cores where !r.contains(where: { taken[$0] }) {
            for i in r { taken[i] = true }
            spans.append((r, label))
        }
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }
        return NERSentence(words: words, spaceAfter: s.wordSpaceAfter, spans: spans)
    }

    /// Reads a Universal NER IOB2 file (columns: id, token, tag, ...). `# newdoc id =` comments start
    /// a new document. A leading "the" is left out of a span, as the GUM name core leaves it out.
    public static func readIOB2(path: String) throws -> [NERSentence] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConllUError.unreadable(path: path, underlying: String(describing: error))
        }
        let map = ["PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"]
        var out: [NERSentence] = []
        var words: [String] = [], tags: [String] = []
        var document = ""
        func flush() {
            guard !words.isEmpty else { return }
            var spans: [(range: Range<Int>, label: String)] = []
            var i = 0
            while i < tags.count {
                guard tags[i].hasPrefix("B-") || tags[i].hasPrefix("I-"), let label = map[String(tags[i].dropFirst(2))] else { i += 1; continue }
                var j = i + 1
                while j < tags.count, tags[j] == "I-" + tags[i].dropFirst(2) { j += 1 }
                let start = j - i > 1 && words[i].lowercased() == "the" ? i + 1 : i
                spans.append((start..<j, label))
                i = j
            }
            out.append(NERSentence(words: words, spaceAfter: Array(repeating: true, count: words.count), spans: spans,
                                   document: path + "#" + document))
            words.removeAll(); tags.removeAll()
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("#") {
                if line.hasPrefix("# newdoc id =") { document = line.dropFirst(13).trimmingCharacters(in: .whitespaces) }
                continue
            }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 3 else { continue }
            words.append(String(cols[1]))
            tags.append(String(cols[2]))
        }
        flush()
        return out
    }

    /// The value of `key=` in a CoNLL-U MISC column.
    static func miscValue(_ misc: String, _ key: String) -> String? {
        for part in misc.split(separator: "|") where part.hasPrefix(key + "=") {
            return String(part.dropFirst(key.count + 1))
        }
        return nil
    }

    /// BIO label names for the spans of a sentence.
    static func bio(_ s: NERSentence) -> [String] {
        var out = Array(repeating: "O", count: s.words.count)
        for (r, label) in s.spans {
            for i in r { out[i] = (i == r.lowerBound ? "B-" : "I-") + label }
        }
        return out
    }
}
