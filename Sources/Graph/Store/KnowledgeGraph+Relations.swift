/// The base relations of the query language, served from the graph's columns and indexes.
extension KnowledgeGraph: FactStore {
    public static let relationSignatures: [(name: String, arity: Int)] = [
        ("rel", 3), ("fact", 4), ("arg", 3), ("type", 2), ("alias", 2), ("source", 2), ("said", 2), ("doc", 3),
        ("published", 2), ("feed", 2),
    ]

    public var baseRelations: [(name: String, arity: Int)] { Self.relationSignatures }

    public func lookup(_ term: String) -> TermID? { terms.lookup(term) }

    public func string(for id: TermID) -> String {
        if let row = FactID.row(id) { return "fact/\(row)" }
        guard Int(id) < terms.count else { return "#\(id)" }
        return terms.string(id)
    }

    public func estimatedCount(_ relation: String, _ pattern: [TermID?]) -> Int {
        switch relation {
        case "rel": return tripleEstimate(pattern[0], pattern[1], pattern[2])
        case "fact":
            if let f = pattern[0] { return FactID.row(f).map { $0 < factCount ? 1 : 0 } ?? 0 }
            return tripleEstimate(pattern[1], pattern[2], pattern[3])
        case "arg": return pattern[0] != nil ? 2 : argumentFacts.count
        case "type": return pattern[0] != nil ? 1 : typedEntities.count
        case "alias": return pattern[0] != nil || pattern[1] != nil ? 4 : aliasPairs.count
        case "source", "said": return pattern[0] != nil ? 1 : provenanceFacts.count
        case "doc", "published", "feed": return pattern[0] != nil ? 1 : documents.count
        default: return 0
        }
    }

    private func tripleEstimate(_ s: TermID?, _ p: TermID?, _ o: TermID?) -> Int {
        ensureIndexed()
        let delta = deltaRange.count
        var best = factCount
        if let s { best = min(best, Int(s) < terms.count ? bySubject.count(of: s) + delta : 0) }
        if let o { best = min(best, Int(o) < terms.count ? byObject.count(of: o) + delta : 0) }
        if let p { best = min(best, Int(p) < terms.count ? byRelation.count(of: p) + delta : 0) }
        return best
    }

    public func scan(_ relation: String, _ pattern: [TermID?], _ body: (UnsafeBufferPointer<TermID>) -> Bool) {
        switch relation {
        case "rel":
            withUnsafeTemporaryAllocation(of: TermID.self, capacity: 3) { tuple in
                let view = UnsafeBufferPointer(tuple)
                scanTriples(pattern[0], pattern[1], pattern[2]) { row in
                    tuple[0] = subjects[row]
                    tuple[1] = relations[row]
                    tuple[2] = objects[row]
                    return body(view)
                }
            }
        case "fact":
            var tuple: [TermID] = [0, 0, 0, 0]
            func emit(_ row: Int) -> Bool {
                tuple[0] = FactID.id(row: row)
                tuple[1] = subjects[row]
                tuple[2] = relations[row]
                tuple[3] = objects[row]
                return tuple.withUnsafeBufferPointer(body)
            }
            if let f = pattern[0] {
                guard let row = FactID.row(f), row < factCount, matches(row, pattern[1], pattern[2], pattern[3]) else { return }
                _ = emit(row)
            } else {
                scanTriples(pattern[1], pattern[2], pattern[3], emit)
            }
        case "arg":
            scanArguments(pattern, body)
        case "type":
            var tuple: [TermID] = [0, 0]
            let entities: [UInt32] = pattern[0].map { [$0] } ?? typedEntities
            for entity in entities {
                guard let type = entityTypes[entity] else { continue }
                let symbol = UInt32(type.rawValue - 1)
                if let t = pattern[1], t != symbol { continue }
                tuple[0] = entity
                tuple[1] = symbol
                if !tuple.withUnsafeBufferPointer(body) { return }
            }
        case "alias":
            var tuple: [TermID] = [0, 0]
            for pair in aliasPairs {
                if let e = pattern[0], e != pair.entity { continue }
                if let a = pattern[1], a != pair.alias { continue }
                tuple[0] = pair.entity
                tuple[1] = pair.alias
                if !tuple.withUnsafeBufferPointer(body) { return }
            }
        case "source", "said":
            scanProvenance(said: relation == "said", pattern, body)
        case "doc", "published", "feed":
            scanDocuments(relation, pattern, body)
        default:
            return
        }
    }

    @inline(__always)
    private func matches(_ row: Int, _ s: TermID?, _ p: TermID?, _ o: TermID?) -> Bool {
        if let s, subjects[row] != s { return false }
        if let p, relations[row] != p { return false }
        if let o, objects[row] != o { return false }
        return true
    }

    /// Visits the rows matching a triple pattern through the most selective index, then the delta.
    func scanTriples(_ s: TermID?, _ p: TermID?, _ o: TermID?, _ visit: (Int) -> Bool) {
        ensureIndexed()
        var best = Int.max
        var which = 0
        var key: UInt32 = 0
        if let s, bySubject.count(of: s) < best {
            best = bySubject.count(of: s)
            which = 1
            key = s
        }
        if let o, byObject.count(of: o) < best {
            best = byObject.count(of: o)
            which = 2
            key = o
        }
        if let p, byRelation.count(of: p) < best {
            best = byRelation.count(of: p)
            which = 3
            key = p
        }
        let completed: Bool = subjects.withUnsafeBufferPointer { subjectColumn in
            relations.withUnsafeBufferPointer { relationColumn in
                objects.withUnsafeBufferPointer { objectColumn in
                    @inline(__always) func matches(_ row: Int) -> Bool {
                        if let s, subjectColumn[row] != s { return false }
                        if let p, relationColumn[row] != p { return false }
                        if let o, objectColumn[row] != o { return false }
                        return true
                    }
                    func walk(_ index: AdjacencyIndex) -> Bool {
                        index.rows.withUnsafeBufferPointer { rows in
                            for i in index.rows(for: key) {
                                let row = Int(rows[i])
                                if matches(row), !visit(row) { return false }
                            }
                            return true
                        }
                    }
                    switch which {
                    case 1: return walk(bySubject)
                    case 2: return walk(byObject)
                    case 3: return walk(byRelation)
                    default:
                        for row in 0..<indexedCount where matches(row) {
                            if !visit(row) { return false }
                        }
                        return true
                    }
                }
            }
        }
        guard completed else { return }
        for row in deltaRange where matches(row, s, p, o) {
            if !visit(row) { return }
        }
    }

    private func scanArguments(_ pattern: [TermID?], _ body: (UnsafeBufferPointer<TermID>) -> Bool) {
        var tuple: [TermID] = [0, 0, 0]
        let range: Range<Int>
        if let f = pattern[0] {
            guard let row = FactID.row(f) else { return }
            range = argumentRange(of: UInt32(row))
        } else {
            range = 0..<argumentFacts.count
        }
        for i in range {
            if let r = pattern[1], argumentRoles[i] != r { continue }
            if let v = pattern[2], argumentValues[i] != v { continue }
            tuple[0] = FactID.id(row: Int(argumentFacts[i]))
            tuple[1] = argumentRoles[i]
            tuple[2] = argumentValues[i]
            if !tuple.withUnsafeBufferPointer(body) { return }
        }
    }

    private func scanProvenance(said: Bool, _ pattern: [TermID?], _ body: (UnsafeBufferPointer<TermID>) -> Bool) {
        var tuple: [TermID] = [0, 0]
        let range: Range<Int>
        if let f = pattern[0] {
            guard let row = FactID.row(f), let index = provenanceIndex(of: UInt32(row)) else { return }
            range = index..<index + 1
        } else {
            range = 0..<provenanceFacts.count
        }
        for i in range {
            let value = said ? provenanceSentences[i] : documents[Int(provenanceDocuments[i])].id
            if value == Self.none { continue }
            if let v = pattern[1], v != value { continue }
            tuple[0] = FactID.id(row: Int(provenanceFacts[i]))
            tuple[1] = value
            if !tuple.withUnsafeBufferPointer(body) { return }
        }
    }

    private func scanDocuments(_ relation: String, _ pattern: [TermID?], _ body: (UnsafeBufferPointer<TermID>) -> Bool) {
        var tuple = [TermID](repeating: 0, count: relation == "doc" ? 3 : 2)
        let indexes: [Int]
        if let d = pattern[0] {
            guard let index = documentIndex[d] else { return }
            indexes = [Int(index)]
        } else {
            indexes = Array(documents.indices)
        }
        for index in indexes {
            let document = documents[index]
            tuple[0] = document.id
            switch relation {
            case "doc":
                tuple[1] = document.url
                tuple[2] = document.title
            case "published":
                tuple[1] = document.published
            default:
                tuple[1] = document.feed
            }
            if tuple[1] == Self.none { continue }
            var matched = true
            for position in 1..<tuple.count {
                if let bound = pattern[position], bound != tuple[position] { matched = false }
            }
            if matched && !tuple.withUnsafeBufferPointer(body) { return }
        }
    }
}
