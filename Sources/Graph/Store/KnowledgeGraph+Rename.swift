/// Folding entities into one another (``EntityRename``): a rename rewrites the term in the fact
/// columns and arguments, moves the type and aliases, and keeps the old name as an alias.
extension KnowledgeGraph {
    /// Applies renames in order; a chain (A → B, then B → C) sends A straight to C. Renames of names the
    /// graph does not hold, and renames of a name into itself, change nothing.
    /// - Complexity: O(affected facts + arguments + aliases), plus an index rebuild when indexed facts moved.
    func rename(_ renames: [EntityRename]) {
        // Resolve chains first, so every row is rewritten once, found through the indexes as they are now.
        var target: [String: String] = [:]
        var order: [String] = []
        for rename in renames where rename.from != rename.to {
            for (name, to) in target where to == rename.from { target[name] = rename.to }
            if target[rename.from] == nil { order.append(rename.from) }
            target[rename.from] = rename.to
        }
        var moves: [(old: UInt32, new: UInt32)] = []
        for name in order {
            guard let to = target[name], to != name, let old = terms.lookup(name) else { continue }
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
        if indexedRowsMoved { rebuildIndexes() }
    }
}
