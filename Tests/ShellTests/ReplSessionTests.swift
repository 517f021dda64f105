import Datalog
import Foundation
import Shell
import Testing

/// The REPL session as a library: what it prints for a query, and how often it evaluates it.
@Suite struct ReplSessionTests {
    @Test func aQueryIsEvaluatedOnceAndShownSorted() throws {
        let (path, _) = try ReplTestSupport.makeStore()
        var printed = "", errors = ""
        let session = try ReplSession(storePath: path, output: { printed += $0 }, errorOutput: { errors += $0 })
        #expect(session.handle("rel(X, \"next\", Y).") == true)
        #expect(session.engine.evaluations == 1)
        #expect(errors.isEmpty, "\(errors)")
        // The same as a sorted query, formatted as the session formats a two-column answer.
        let reference = Engine(store: session.store.graph)
        let expected = ResultFormatter.table(try reference.query("?- rel(X, \"next\", Y).", ordered: true), maxColumnWidth: 49, maxRows: session.rowLimit)
        #expect(printed == expected)
        // Digit runs sort by value: n2 before n10.
        #expect(printed.hasPrefix("X    Y\n---  ---\nn0   n1\nn1   n2\nn2   n3\nn3   n4\n"), "\(printed.prefix(200))")
    }
}
