import Foundation

/// Article fields found in `<script type="application/ld+json">` blocks.
struct JSONLDFields {
    var headline: String?
    var datePublished: String?
    var author: String?

    private static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "techarticle", "scholarlyarticle", "socialmediaposting", "liveblogposting",
        "webpage", "report", "review", "recipe", "medicalwebpage", "backgroundnewsarticle",
    ]

    init(scripts: [String]) {
        var best: [String: Any]? = nil
        var bestRank = Int.max
        for script in scripts {
            guard let data = script.trimmingSpaces.data(using: .utf8),
                  let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            // Iterative walk over nested arrays, @graph lists and objects.
            var stack: [Any] = [root]
            var visited = 0
            while let item = stack.popLast(), visited < 10_000 {
                visited += 1
                if let array = item as? [Any] {
                    stack.append(contentsOf: array.reversed())
                    continue
                }
                guard let object = item as? [String: Any] else { continue }
                if let graph = object["@graph"] { stack.append(graph) }
                let types = Self.typeNames(object["@type"])
                var rank = Int.max
                if types.contains(where: { $0 != "webpage" && Self.articleTypes.contains($0) }) { rank = 0 }
                else if types.contains("webpage") { rank = 2 }
                else if object["headline"] != nil || object["datePublished"] != nil { rank = 1 }
                if rank < bestRank { best = object; bestRank = rank }
                if let main = object["mainEntity"] { stack.append(main) }
            }
        }
        guard let best else { return }
        headline = Self.string(best["headline"]) ?? Self.string(best["name"])
        datePublished = Self.string(best["datePublished"]) ?? Self.string(best["dateCreated"])
        author = Self.authorName(best["author"]) ?? Self.authorName(best["creator"])
    }

    private static func typeNames(_ value: Any?) -> [String] {
        if let s = value as? String { return [s.lowercased()] }
        if let a = value as? [Any] { return a.compactMap { ($0 as? String)?.lowercased() } }
        return []
    }

    private static func string(_ value: Any?) -> String? {
        if let s = value as? String {
            let t = s.collapsingWhitespace
            return t.isEmpty ? nil : t
        }
        if let a = value as? [Any], let first = a.first { return string(first) }
        return nil
    }

    /// `author` may be a string, an object with `name`, or an array of either.
    private static func authorName(_ value: Any?) -> String? {
        if let s = string(value as? String), !s.hasPrefix("http") { return s }
        if let o = value as? [String: Any] { return string(o["name"]) }
        if let a = value as? [Any] {
            let names = a.compactMap { element -> String? in
                if let s = element as? String { return s.hasPrefix("http") ? nil : string(s) }
                if let o = element as? [String: Any] { return string(o["name"]) }
                return nil
            }
            var seen = Set<String>()
            let unique = names.filter { seen.insert($0).inserted }
            return unique.isEmpty ? nil : unique.joined(separator: ", ")
        }
        return nil
    }
}
