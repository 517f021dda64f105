import TestSupport
import Foundation
import Testing

@testable import Feeds

/// Runs the feed-parser conformance expectations in `../shared/data/feeds-dev` (all suites except
/// `sanitize`, which checks another library's HTML sanitiser) and requires a 95 % pass rate.
@Suite("Feed conformance (feeds-dev)")
struct FeedConformanceTests {
    @Test func passRateIsAtLeast95Percent() throws {
        guard let directory = SharedData.directory("feeds-dev") else {
            print(SharedData.missing("feeds-dev"))
            return
        }
        let lines = try String(contentsOf: directory.appendingPathComponent("expectations.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        var passed = 0
        var failures: [String] = []
        var cache: [String: [String: Any]] = [:]
        for line in lines {
            guard let expectation = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let suite = expectation["suite"] as? String, suite != "wellformed/sanitize",
                let file = expectation["file"] as? String, let keys = expectation["canonical_keys"] as? [Any],
                let op = expectation["op"] as? String
            else { continue }
            let result: [String: Any]
            if let cached = cache[file] {
                result = cached
            } else {
                result = Self.parse(directory.appendingPathComponent("tests").appendingPathComponent(file), expectation)
                cache[file] = result
            }
            let actual = Self.lookup(result, keys)
            if Self.check(op: op, actual: actual, expected: expectation["expected"]) {
                passed += 1
            } else {
                failures.append("\(file) \(keys) \(op) expected \(String(describing: expectation["expected"] ?? "nil")) got \(String(describing: actual))")
            }
        }
        let total = passed + failures.count
        let rate = Double(passed) / Double(max(total, 1))
        print("feeds-dev conformance: \(passed)/\(total) expectations pass (\(String(format: "%.1f", rate * 100)) %)")
        for failure in failures { print("  FAIL \(failure)") }
        #expect(total > 300)
        #expect(rate >= 0.95, "pass rate \(rate) is below 0.95")
    }

    /// Parses a test document the way its expectation says it was served.
    static func parse(_ url: URL, _ expectation: [String: Any]) -> [String: Any] {
        guard let data = try? Data(contentsOf: url) else { return ["error": "unreadable"] }
        var options = ParseOptions()
        if expectation["mode"] as? String == "http" {
            let headers = (expectation["http_headers"] as? [String: String]) ?? [:]
            let documentURL = (expectation["http_url"] as? String) ?? url.path
            options.baseURL = documentURL
            for (name, value) in headers {
                switch name.lowercased() {
                case "content-type": options.apply(contentType: value)
                case "content-location":
                    // What the HTTP fetcher does: an unsafe Content-Location is ignored.
                    let location = URIResolver.resolve(value, against: documentURL)
                    if URIResolver.isSafe(location) { options.baseURL = location }
                case "content-language": options.language = value
                default: break
                }
            }
        }
        do {
            let document = try FeedParser.parse(Array(data), source: url.lastPathComponent, options: options)
            let json = try JSONSerialization.jsonObject(with: Data(document.jsonLine().utf8))
            return json as? [String: Any] ?? [:]
        } catch {
            return ["error": "\(error)"]
        }
    }

    /// Follows feedparser-style keys through our JSON, mapping names where the formats differ.
    static func lookup(_ root: [String: Any], _ keys: [Any]) -> Any? {
        var current: Any? = root
        var previousKey: String?
        for (index, key) in keys.enumerated() {
            let isLast = index == keys.count - 1
            if let position = key as? Int {
                guard let array = current as? [Any] else {
                    // feedparser's point coordinates are a flat pair; ours are a list of positions.
                    return nil
                }
                guard position < array.count else { return nil }
                current = array[position]
                continue
            }
            guard var name = key as? String, let object = current as? [String: Any] else { return nil }
            if name == "version" { name = "kind" }
            if ["published", "updated", "created", "expired"].contains(name) { name += "_raw" }
            if name.hasSuffix("_parsed") {
                let base = String(name.dropLast("_parsed".count))
                guard let iso = object[base] as? String, let date = FeedDate(parsing: iso) else { return nil }
                return date.timeTuple
            }
            var value: Any?
            for alternative in name.split(separator: "|") {
                let candidate = alternative == "url" ? "href" : (alternative == "description" ? "summary" : String(alternative))
                if let found = object[candidate], !(found is NSNull) || isLast {
                    value = found
                    break
                }
            }
            if name == "coordinates", previousKey == "where", object["type"] as? String == "Point",
                let positions = value as? [Any], positions.count == 1, index == keys.count - 1
            {
                value = positions[0]
            }
            current = value
            previousKey = name
        }
        return current
    }

    static func check(op: String, actual: Any?, expected: Any?) -> Bool {
        switch op {
        case "==":
            return equal(actual, expected)
        case "len":
            guard let array = actual as? [Any], let count = expected as? Int else { return false }
            return array.count == count
        case "is":
            if expected == nil || expected is NSNull { return actual == nil || actual is NSNull }
            return equal(actual, expected)
        case "absent":
            return actual == nil || actual is NSNull
        case "falsy":
            if actual == nil || actual is NSNull { return true }
            if let bool = actual as? Bool { return !bool }
            if let string = actual as? String { return string.isEmpty }
            return false
        default:
            return false
        }
    }

    static func equal(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (nil, let other), (let other, nil): return other is NSNull
        case let (x as NSNumber, y as NSNumber): return x.doubleValue == y.doubleValue
        case let (x as String, y as String): return x == y
        case let (x as [Any], y as [Any]): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case let (x as [Int], y as [Any]): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case let (x as [String: Any], y as [String: Any]):
            return x.count == y.count && x.allSatisfy { key, value in equal(value, y[key]) }
        default:
            return a is NSNull && b is NSNull
        }
    }
}
