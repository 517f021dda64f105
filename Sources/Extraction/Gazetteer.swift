import Foundation
import Text

/// Classes of gazetteer entries.
public enum GazetteerClass: String, Sendable, CaseIterable {
    /// Countries, states, provinces and cities.
    case gpe
    /// Continents, seas, rivers, mountains, regions and landmarks.
    case loc
    /// International organisations, government bodies, parties, companies.
    case org
    /// Named events.
    case event
    /// Titles and honorifics (President, Sen., Dr.).
    case title
    /// Demonyms (American, French).
    case demonym
    /// Common given names.
    case firstName = "firstname"
}

/// A gazetteer match over a token span.
public struct GazetteerMatch: Sendable, Equatable {
    /// First token.
    public var start: Int
    /// One past the last token.
    public var end: Int
    /// The class of the entry.
    public var kind: GazetteerClass
}

/// Name lists written for NewsGraph from public facts (`Resources/gazetteer.txt`).
///
/// Names are stored as token sequences (tokenised by ``Tokenizer``) and matched case-sensitively,
/// longest first. Acronyms carry their expansion (`ICE=U.S. Immigration and Customs Enforcement`),
/// demonyms their country.
public final class Gazetteer: Sendable {
    /// Entry class per token-joined name ("United States" → gpe). A name may be in several classes.
    let entries: [String: [GazetteerClass]]
    /// Acronym → expansion.
    public let acronyms: [String: String]
    /// Demonym → country.
    public let demonyms: [String: String]
    /// Longest entry, in tokens.
    let maxTokens: Int
    /// Longest entry starting with a given first token.
    let longestFrom: [String: Int]

    /// Parses gazetteer text (see the resource file for the format).
    public init(text: String) {
        var entries: [String: [GazetteerClass]] = [:]
        var acronyms: [String: String] = [:]
        var demonyms: [String: String] = [:]
        var maxTokens = 1
        var longestFrom: [String: Int] = [:]
        var current = GazetteerClass.gpe
        func add(_ name: String, _ kind: GazetteerClass) {
            let toks = Tokenizer.tokenize(name).map(\.text)
            guard !toks.isEmpty else { return }
            maxTokens = max(maxTokens, toks.count)
            longestFrom[toks[0]] = max(longestFrom[toks[0]] ?? 0, toks.count)
            let key = toks.joined(separator: " ")
            if !(entries[key]?.contains(kind) ?? false) { entries[key, default: []].append(kind) }
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = GazetteerClass(rawValue: String(line.dropFirst().dropLast())) ?? .gpe
                continue
            }
            if let eq = line.firstIndex(of: "=") {
                let left = String(line[..<eq])
                let right = String(line[line.index(after: eq)...])
                if current == .demonym {
                    demonyms[left] = right
                    add(left, .demonym)
                } else {
                    acronyms[left] = right
                    add(left, current)
                    add(right, current)
                }
            } else {
                add(line, current)
            }
        }
        self.entries = entries
        self.acronyms = acronyms
        self.demonyms = demonyms
        self.maxTokens = maxTokens
        self.longestFrom = longestFrom
    }

    /// Loads the gazetteer shipped with the module (empty when the resource is missing).
    public static let bundled: Gazetteer = {
        guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return Gazetteer(text: "") }
        return Gazetteer(text: text)
    }()

    /// Classes of a name given as tokens joined by single spaces ("U.S. Congress").
    public func classes(of name: String) -> [GazetteerClass] {
        entries[name] ?? []
    }

    /// Classes of a name written as free text (tokenised first).
    public func classes(ofText text: String) -> [GazetteerClass] {
        entries[Tokenizer.tokenize(text).map(\.text).joined(separator: " ")] ?? []
    }

    /// Whether `name` (tokens joined by single spaces) is listed with class `kind`.
    public func contains(_ name: String, as kind: GazetteerClass) -> Bool {
        entries[name]?.contains(kind) ?? false
    }

    /// Upper-case letters and digits (built once: `CharacterSet`'s static getters build a new set per call).
    private static let nameStart = CharacterSet.uppercaseLetters.union(.decimalDigits)

    /// Whether a match may start with this scalar: an upper-case letter or a digit (ASCII answered directly).
    @inline(__always)
    static func startsName(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x30 && c.value <= 0x39) }
        return nameStart.contains(c)
    }

    /// Longest-first, left-to-right, non-overlapping matches over a token sequence.
    /// Only matches starting with an upper-case letter or digit are returned for name classes.
    public func matches(_ words: [String]) -> [GazetteerMatch] {
        var out: [GazetteerMatch] = []
        var i = 0
        while i < words.count {
            var found = false
            guard let first = words[i].unicodeScalars.first, Self.startsName(first) else { i += 1; continue }
            var n = min(longestFrom[words[i]] ?? 0, words.count - i)
            while n >= 1 {
                let key = words[i..<(i + n)].joined(separator: " ")
                if let kinds = entries[key], let kind = kinds.first {
                    out.append(GazetteerMatch(start: i, end: i + n, kind: kind))
                    i += n
                    found = true
                    break
                }
                n -= 1
            }
            if !found { i += 1 }
        }
        return out
    }
}
