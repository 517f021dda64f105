import Foundation
import Graph
import Ingest
import Testing

/// One canonical name per entity across articles and across runs of `newsgraph ingest`: a short form
/// joins the stored full name, and a full name arriving later takes over what was stored under the
/// short one.
@Suite(.serialized) struct CanonicalNamesTests {
    /// A feed file holding one article.
    static func article(_ scratch: Scratch, _ name: String, _ text: String) -> String {
        scratch.write(name + ".xml", rss(title: "Desk \(name)", prefix: name, count: 1, summary: text))
    }

    /// The subjects of every fact that are people, as `newsgraph query` prints them.
    static func people(_ scratch: Scratch) async throws -> [String] {
        let run = try await scratch.newsgraph(["query", "--format", "tsv", "rel(S, _, _), type(S, person)"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").dropFirst().map(String.init)
    }

    @Test(arguments: [false, true])
    func shortFormInALaterRunJoinsTheStoredFullName(_ shortFirst: Bool) async throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let full = Self.article(scratch, "full", "Donald Trump signed an executive order in Washington.")
        let short = Self.article(scratch, "short", "President Trump deployed National Guard troops in Illinois.")
        for file in shortFirst ? [short, full] : [full, short] {
            let run = try await scratch.newsgraph(["ingest", "--quiet", file], extracting: true)
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try await Self.people(scratch) == ["Donald Trump"])
        let aliases = try await scratch.newsgraph(["query", "--format", "tsv", "alias(\"Donald Trump\", A)"])
        #expect(aliases.stdout.contains("\nTrump\n") && aliases.stdout.contains("President Trump"), "\(aliases.stdout)")
        let facts = try await scratch.newsgraph(["query", "--count", "rel(\"Donald Trump\", P, O)"])
        #expect(Int(facts.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 2, "\(facts.stdout)")
    }

    @Test func articlesOfOneRunShareTheLongestName() async throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        // Files are read in order: the short form comes first.
        try FileManager.default.createDirectory(atPath: scratch.path + "/articles", withIntermediateDirectories: true)
        _ = Self.article(scratch, "articles/a-short", "President Trump deployed National Guard troops in Illinois.")
        _ = Self.article(scratch, "articles/b-full", "Donald Trump signed an executive order in Washington.")
        let run = try await scratch.newsgraph(["ingest", "--quiet", scratch.path + "/articles"], extracting: true)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try await Self.people(scratch) == ["Donald Trump"])
    }

    @Test func theLibraryPipelineRenamesThroughTheJournal() async throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let extractor = try TextFactExtractor.bundled()
        for (name, text) in [("short", "President Trump deployed National Guard troops in Illinois."),
                             ("full", "Donald Trump signed an executive order in Washington.")] {
            let store = try GraphStore.openForWriting(at: scratch.store)
            let file = Self.article(scratch, name, text)
            _ = try await IngestPipeline(extractor: extractor).run(IngestRequest(sources: [file]), into: store)
        }
        let graph = try scratch.opened().graph
        let subjects = Set((0..<graph.factCount).map { graph.fact(at: $0).subject })
        #expect(subjects.contains("Donald Trump") && !subjects.contains("Trump"), "\(subjects)")
        #expect(graph.type(of: "Trump") == nil)
        #expect(graph.entity(named: "Trump") == "Donald Trump")
    }
}
