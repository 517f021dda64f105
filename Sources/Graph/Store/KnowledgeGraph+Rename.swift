/// Folding entities into one another (``EntityRename``): a rename rewrites the term in the fact
/// columns and arguments, moves the type and aliases, and keeps the old name as an alias.
extension KnowledgeGraph {
    /// Applies renames; a chain (A → B and B → C, in either order) sends A straight to C; names on a
    /// cycle (A → B, B → A) are left alone. Renames of names the graph does not hold, and renames of a name
    /// into itself, change nothing.
    /// - Complexity: O(affected indexed facts + unindexed facts + arguments + aliases). When indexed facts
    ///   move, the indexes are dropped rather than rebuilt: the next read rebuilds them once, so replaying
    ///   many journal records with renames does not rebuild them per record.
    func rename(_ renames: [EntityRename]) {
        // Resolve chains first, so every row is rewritten once, found through the indexes as they are now.
        var target: [String: String] = [:]
        var order: [String] = []
        for rename in renames where rename.from != rename.to {
            if target[rename.from] == nil { order.append(rename.from) }
            target[rename.from] = rename.to
        }
        func finalName(_ name: String) -> String {
            var seen: Set<String> = [name]
            var current = name
            while let next = target[current] {
                if next == name { return name }  // a cycle back to the start: contradictory, left alone
                guard seen.insert(next).inserted else { break }
                current = next
            }
            return current
        }
        var moves: [(old: UInt32, new: UInt32)] = []
        for name in order {
            let to = finalName(name)
            guard to != name, let old = terms.lookup(name) else { continue }
            moves.append((old, terms.intern(to)))
        }
        guard !moves.isEmpty else { return }
        var indexedRowsMoved = false
        let newOf = Dictionary(moves, uniquingKeysWith: { first, _ in first })
        for (old, new) in moves {
            for i in bySubject.rows(for: old) { subjects[Int(bySubject.rows[i])] = new }
            for i in byObject.rows(for: old) { objects[Int(byObject.rows[i])] = new }
            if bySubject.count(of: old) > 0 || byObject.count(of: old) > 0 { indexedRowsMoved = true }
        }
        for row in deltaRange {
            if let new = newOf[subjects[row]] { subjects[row] = new }
            if let new = newOf[objects[row]] { objects[row] = new }
        }
        for i in argumentValues.indices {
            if let new = newOf[argumentValues[i]] { argumentValues[i] = new }
        }
        for (old, new) in moves {
            if let type = entityTypes.removeValue(forKey: old) {
                typedEntities.removeAll { $0 == old }
                if entityTypes[new] == nil { setType(new, type) }
            }
        }
        let pairs = aliasPairs
        aliasPairs = []
        aliasSet = []
        for pair in pairs { addAlias(entity: newOf[pair.entity] ?? pair.entity, alias: pair.alias) }
        for (old, new) in moves { addAlias(entity: new, alias: old) }
        if indexedRowsMoved { dropIndexes() }
    }
}
