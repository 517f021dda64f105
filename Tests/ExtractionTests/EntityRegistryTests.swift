import Extraction
import XCTest

/// Canonical names across articles: short forms join the one known longer name of a compatible type, a
/// longer name arriving later absorbs the short one (reported as a rename), ambiguous names stay alone.
final class EntityRegistryTests: XCTestCase {
    func article(_ entities: Entity...) -> ExtractionResult {
        ExtractionResult(document: "doc", entities: entities, facts: [])
    }

    func person(_ name: String, _ aliases: String...) -> Entity {
        Entity(name: name, type: .person, aliases: [name] + aliases)
    }

    func names(_ result: ExtractionResult) -> [String] { result.entities.map(\.name) }

    func testShortFormJoinsTheKnownFullName() {
        let registry = EntityRegistry()
        _ = registry.canonicalize(article(person("Donald Trump", "President Donald Trump")))
        let later = registry.canonicalize(article(person("Trump", "President Trump")))
        XCTAssertEqual(names(later), ["Donald Trump"])
        XCTAssertTrue(later.entities[0].aliases.contains("President Trump"))
        XCTAssertEqual(registry.renames.count, 0)
    }

    func testALaterFullNameAbsorbsTheShortForm() {
        let registry = EntityRegistry()
        XCTAssertEqual(names(registry.canonicalize(article(person("Trump", "President Trump")))), ["Trump"])
        // The later article never says "Trump" alone: the last name is enough when only one person has it.
        let later = registry.canonicalize(article(person("Donald Trump")))
        XCTAssertEqual(names(later), ["Donald Trump"])
        XCTAssertEqual(registry.renames.map { "\($0.from)→\($0.to)" }, ["Trump→Donald Trump"])
        XCTAssertEqual(Set(later.entities[0].aliases), ["Donald Trump", "Trump", "President Trump"])
        XCTAssertEqual(names(registry.canonicalize(article(person("Trump")))), ["Donald Trump"])
        XCTAssertEqual(registry.all.map(\.name), ["Donald Trump"])
    }

    func testAnAmbiguousLastNameIsLeftAlone() {
        let registry = EntityRegistry(known: [person("John Smith", "Smith"), person("Jane Smith")])
        XCTAssertEqual(names(registry.canonicalize(article(person("Smith", "Mr Smith")))), ["Smith"])
        XCTAssertEqual(names(registry.canonicalize(article(person("Smith")))), ["Smith"])
        XCTAssertEqual(names(registry.canonicalize(article(person("Jim Smith")))), ["Jim Smith"])
        XCTAssertEqual(registry.renames.count, 0)
        XCTAssertEqual(registry.all.map(\.name), ["Jane Smith", "Jim Smith", "John Smith", "Smith"])
    }

    func testTwoFullNamesSharingAShortFormStayTwoPeople() {
        let registry = EntityRegistry()
        _ = registry.canonicalize(article(person("John Smith", "Smith")))
        XCTAssertEqual(names(registry.canonicalize(article(person("Jane Smith", "Smith")))), ["Jane Smith"])
        XCTAssertEqual(registry.renames.count, 0)
    }

    func testTypesMustBeCompatible() {
        let registry = EntityRegistry(known: [Entity(name: "Georgia", type: .gpe, aliases: ["Georgia"])])
        let place = registry.canonicalize(article(Entity(name: "Georgia", type: .loc, aliases: ["Georgia"])))
        XCTAssertEqual(place.entities.map(\.type), [.gpe])
        let namesake = registry.canonicalize(article(person("Georgia")))
        XCTAssertEqual(namesake.entities.map(\.type), [.person])
        XCTAssertEqual(registry.renames.count, 0)
    }

    func testKnownEntitiesSeedTheRegistry() {
        let registry = EntityRegistry(known: [person("Donald Trump", "Trump", "President Donald Trump")])
        XCTAssertEqual(names(registry.canonicalize(article(person("Trump", "President Trump")))), ["Donald Trump"])
        XCTAssertEqual(registry.renames.count, 0)
    }

    func testAShortFormStoredApartIsFoldedIntoItsFullName() {
        // What an older version left in a store: "Trump" on its own and as an alias of "Donald Trump".
        let registry = EntityRegistry(known: [person("Trump", "President Trump"), person("Donald Trump", "Trump")])
        XCTAssertEqual(names(registry.canonicalize(article(person("Trump")))), ["Donald Trump"])
        XCTAssertEqual(registry.renames.map { "\($0.from)→\($0.to)" }, ["Trump→Donald Trump"])
    }

    func testAnAcronymTakesItsExpansionWhenItArrives() {
        let registry = EntityRegistry(known: [Entity(name: "ICE", type: .org, aliases: ["ICE"])])
        let long = "U.S. Immigration and Customs Enforcement"
        let later = registry.canonicalize(article(Entity(name: long, type: .org, aliases: [long, "ICE"])))
        XCTAssertEqual(names(later), [long])
        XCTAssertEqual(registry.renames.map { "\($0.from)→\($0.to)" }, ["ICE→\(long)"])
    }

    func testFactsOfAnArticleUseTheCanonicalNames() throws {
        let extractor = try XCTUnwrap(Shared.extractor)
        let registry = EntityRegistry()
        _ = registry.canonicalize(extractor.extract(text: "Donald Trump signed the order in Washington.", document: "a"))
        let later = registry.canonicalize(extractor.extract(text: "President Trump deployed National Guard troops in Illinois.", document: "b"))
        XCTAssertFalse(later.facts.isEmpty)
        XCTAssertTrue(later.facts.allSatisfy { $0.subject == "Donald Trump" }, "\(later.facts.map(\.subject))")
    }
}
