import Testing

@testable import Shell

@Suite("REPL input")
struct StatementReaderTests {
    @Test func splitsStatementsAcrossLines() {
        var reader = StatementReader()
        #expect(reader.feed("linked(X, Z) :-").isEmpty)
        #expect(reader.isContinuing)
        #expect(reader.feed("   rel(X, _, Y),").isEmpty)
        #expect(reader.feed("   rel(Y, _, Z). rel(A, B, C).") == ["linked(X, Z) :-\n   rel(X, _, Y),\n   rel(Y, _, Z).", "rel(A, B, C)."])
        #expect(!reader.isContinuing)
    }

    @Test func ignoresDotsInStringsNumbersAndComments() {
        var reader = StatementReader()
        #expect(reader.feed("rel(\"U.S. Army\", P, O), X = 3.5 % a comment. with a dot.").isEmpty)
        #expect(reader.feed("/* block. */ .") == ["rel(\"U.S. Army\", P, O), X = 3.5 % a comment. with a dot.\n/* block. */ ."])
        #expect(reader.feed("contains(T, \"a. b\").") == ["contains(T, \"a. b\")."])
        #expect(reader.feed("p(\"escaped \\\" quote.\").") == ["p(\"escaped \\\" quote.\")."])
    }

    @Test func metaCommandsAreOneLineAndUnfinishedInputIsReported() {
        var reader = StatementReader()
        #expect(reader.feed(":load rules.dl") == [":load rules.dl"])
        #expect(reader.feed("rel(\"unterminated, X").isEmpty)
        #expect(reader.finish() == "rel(\"unterminated, X")
        #expect(reader.finish() == nil)
    }

    @Test func longPastedLinesAndControlCharactersAreHandled() {
        var reader = StatementReader()
        let long = "rel(X, P, O), " + String(repeating: "X != \"a\", ", count: 100_000) + "P = \"b\"."
        #expect(reader.feed(long).count == 1)
        #expect(reader.feed("\u{7}\u{1B}[A rel(X, P, O).").count == 1)
    }
}

@Suite("REPL meta-commands")
struct MetaCommandTests {
    @Test func parsesEveryCommand() throws {
        #expect(try MetaCommand.parse(":help") == .help(nil))
        #expect(try MetaCommand.parse(":help negation") == .help("negation"))
        #expect(try MetaCommand.parse(":load rules.dl") == .load("rules.dl"))
        #expect(try MetaCommand.parse(":format CSV") == .format(.csv))
        #expect(try MetaCommand.parse(":timing on") == .timing(true))
        #expect(try MetaCommand.parse(":limit 1,000") == .limit(1000))
        #expect(try MetaCommand.parse(":dot out.dot rel(X, P, Y).") == .dot(file: "out.dot", query: "rel(X, P, Y)."))
        #expect(try MetaCommand.parse(":why fact/12") == .why("fact/12"))
        #expect(try MetaCommand.parse(":quit") == .quit)
        #expect(try MetaCommand.parse(":q.") == .quit)
    }

    @Test func explainsMistakes() {
        #expect(throws: MetaCommand.ParseError(message: "usage: :limit N (a positive number)")) { try MetaCommand.parse(":limit -3") }
        #expect(throws: MetaCommand.ParseError(message: "usage: :format table|json|csv|tsv")) { try MetaCommand.parse(":format xml") }
        do {
            _ = try MetaCommand.parse(":relatoins")
            Issue.record("accepted an unknown command")
        } catch {
            #expect(error.message.contains(":relations"))
        }
    }
}
