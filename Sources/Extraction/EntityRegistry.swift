import Foundation

/// Canonical entity names across articles: an entity joins a known one when they share a surface form
/// (or, for people, when a one-word name is the last name of exactly one known person); the canonical
/// name is the longest unambiguous name seen so far, and every surface form is kept as an alias.
///
/// Articles are processed in order, so a name seen first in its short form is written under the
/// longest name known at that moment; the alias table still links both. Thread-safe.
public final class EntityRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var canonicalOf: [String: String] = [:]      // alias → canonical
    private var entities: [String: Entity] = [:]         // canonical → entity
    private var lastNames: [String: Set<String>] = [:]   // person last name → canonicals

    /// Creates an empty registry.
    public init() {}

    /// Rewrites a result's entity names (and the names in its facts) to the cross-article canonical names.
    public func canonicalize(_ result: ExtractionResult) -> ExtractionResult {
        lock.lock()
        defer { lock.unlock() }
        var rename: [String: String] = [:]
        var out = result
        for (k, e) in result.entities.enumerated() {
            let known = knownCanonical(for: e)
            var merged = known.flatMap { entities[$0] } ?? Entity(name: e.name, type: e.type, aliases: [])
            for a in e.aliases where !merged.aliases.contains(a) { merged.aliases.append(a) }
            let oldName = merged.name
            if e.name.count > merged.name.count, ambiguity(of: e.name, excluding: known) == 0 { merged.name = e.name }
            if let known, known != merged.name { entities[known] = nil }
            if oldName != merged.name { for a in merged.aliases { canonicalOf[a] = merged.name } }
            entities[merged.name] = merged
            for a in merged.aliases { canonicalOf[a] = merged.name }
            if merged.type == .person, let last = merged.name.split(separator: " ").last, merged.name.contains(" ") {
                lastNames[String(last), default: []].remove(oldName)
                lastNames[String(last), default: []].insert(merged.name)
            }
            rename[e.name] = merged.name
            out.entities[k] = merged
        }
        for i in out.facts.indices {
            if let n = rename[out.facts[i].subject] { out.facts[i].subject = n }
            if let n = rename[out.facts[i].object] { out.facts[i].object = n }
            for j in out.facts[i].args.indices {
                if let n = rename[out.facts[i].args[j].value] { out.facts[i].args[j].value = n }
            }
        }
        return out
    }

    /// All entities known so far.
    public var all: [Entity] {
        lock.lock()
        defer { lock.unlock() }
        return entities.values.sorted { $0.name < $1.name }
    }

    private func knownCanonical(for e: Entity) -> String? {
        var hits = Set<String>()
        for a in e.aliases { if let c = canonicalOf[a], entities[c]?.type == e.type { hits.insert(c) } }
        if hits.count == 1 { return hits.first }
        if hits.isEmpty, e.type == .person, !e.name.contains(" "), let cands = lastNames[e.name], cands.count == 1 {
            return cands.first
        }
        return nil
    }

    private func ambiguity(of name: String, excluding: String?) -> Int {
        guard let c = canonicalOf[name] else { return 0 }
        return c == excluding ? 0 : 1
    }
}
