import Foundation

/// Canonical entity names across articles. The canonical name of an entity is the longest unambiguous
/// name seen so far, and every surface form is kept as an alias.
///
/// An article's entity joins the known entity of a compatible type (the same type, or two kinds of place)
/// that it shares a surface form with; a one-word person name joins the only known person with that last
/// name. When a longer name turns up for an entity known under a shorter one ("Donald Trump" after
/// "Trump"), the entity takes the longer name and the change is recorded in ``renames``, so that a store
/// can move what it holds under the old name. Ambiguous names are left alone: "Smith" when two Smiths are
/// known, a name two known entities share, and two different full names are two people even when both
/// were called "Smith". Thread-safe.
public final class EntityRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var entities: [String: Entity] = [:]        // canonical → entity
    private var owners: [String: Set<String>] = [:]     // surface form → canonicals it names
    private var lastNames: [String: Set<String>] = [:]  // last word → multi-word person canonicals
    private var renameLog: [(from: String, to: String)] = []

    /// Creates an empty registry.
    public init() {}

    /// Creates a registry that knows `known` already (the entities of a store, with their aliases).
    public init(known: [Entity]) {
        for entity in known { register(entity) }
    }

    /// Known entities that took a longer canonical name, in order: what was stored under `from` belongs
    /// under `to` now. Chains are possible (A → B, then B → C).
    public var renames: [(from: String, to: String)] {
        lock.withLock { renameLog }
    }

    /// All entities known so far.
    public var all: [Entity] {
        lock.withLock { entities.values.sorted { $0.name < $1.name } }
    }

    /// Rewrites a result's entity names (and the names in its facts) to the cross-article canonical names.
    public func canonicalize(_ result: ExtractionResult) -> ExtractionResult {
        lock.lock()
        defer { lock.unlock() }
        var rename: [String: String] = [:]
        var out = result
        for (k, e) in result.entities.enumerated() {
            let same = matches(for: e)
            var merged = Entity(name: e.name, type: same.first.flatMap { entities[$0]?.type } ?? e.type, aliases: [])
            for name in same { for a in entities[name]?.aliases ?? [] where !merged.aliases.contains(a) { merged.aliases.append(a) } }
            for a in e.aliases where !merged.aliases.contains(a) { merged.aliases.append(a) }
            if !merged.aliases.contains(e.name) { merged.aliases.append(e.name) }
            merged.name = canonicalName(among: same + [e.name], merging: Set(same))
            for name in same { unregister(name) }
            for name in same where name != merged.name { renameLog.append((name, merged.name)) }
            register(merged)
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

    /// The known canonicals that `e` is the same entity as, the one whose type wins first.
    private func matches(for e: Entity) -> [String] {
        let words = e.name.split(separator: " ")
        let itself = entities[e.name].map { Self.compatible($0.type, e.type) } == true ? [e.name] : []
        if e.type == .person, words.count == 1 {
            // A one-word person name: the only known person with that last name, if there is exactly one.
            let full = lastNames[e.name] ?? []
            if full.count > 1 { return itself }
            if let only = full.first { return [only] + itself }
        }
        var found = Set<String>()
        for a in e.aliases + [e.name] {
            for c in owners[a] ?? [] where entities[c].map({ Self.compatible($0.type, e.type) }) == true { found.insert(c) }
        }
        if e.type == .person, words.count > 1, let last = words.last.map(String.init) {
            // Two different full names are two people; a lone last name is theirs only when no one else has it.
            let others = (lastNames[last] ?? []).subtracting([e.name])
            found = found.filter { c in c.contains(" ") ? c == e.name : (lastNames[c] ?? []).subtracting([e.name]).isEmpty }
            if others.isEmpty, let short = entities[last], short.type == .person { found.insert(last) }
        } else if found.count > 1 {
            return itself
        }
        // The entity's own name first, then the longest: its type is the one kept.
        return found.sorted { a, b in
            if (a == e.name) != (b == e.name) { return a == e.name }
            return (a.count, a) > (b.count, b)
        }
    }

    /// The longest of `names` that no entity outside `merging` is known by; ties keep the earlier name.
    private func canonicalName(among names: [String], merging: Set<String>) -> String {
        var best = names[0]
        for name in names.dropFirst() where name.count > best.count {
            if (owners[name] ?? []).subtracting(merging).isEmpty { best = name }
        }
        return best
    }

    private static func compatible(_ a: EntityType, _ b: EntityType) -> Bool {
        a == b || (a == .gpe || a == .loc) && (b == .gpe || b == .loc)
    }

    private func register(_ e: Entity) {
        if entities[e.name] != nil { unregister(e.name) }
        entities[e.name] = e
        for a in e.aliases + [e.name] { owners[a, default: []].insert(e.name) }
        if e.type == .person, e.name.contains(" "), let last = e.name.split(separator: " ").last {
            lastNames[String(last), default: []].insert(e.name)
        }
    }

    private func unregister(_ name: String) {
        guard let e = entities.removeValue(forKey: name) else { return }
        for a in e.aliases + [name] {
            owners[a]?.remove(name)
            if owners[a]?.isEmpty == true { owners[a] = nil }
        }
        if let last = name.split(separator: " ").last, name.contains(" ") { lastNames[String(last)]?.remove(name) }
    }
}
