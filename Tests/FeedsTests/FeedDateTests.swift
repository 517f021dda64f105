import Testing

@testable import Feeds

/// Dates as feeds write them: RFC 822 and its broken variants, RFC 3339, W3C-DTF, ISO 8601 basic, asctime.
@Suite("Feed dates")
struct FeedDateTests {
    static let cases: [(String, String?)] = [
        // RFC 822 / 1123 / 2822
        ("Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Fri, 01 Jan 99 19:48:21 GMT", "1999-01-01T19:48:21Z"),
        ("Sat, 01 Jan 49 00:00:00 GMT", "2049-01-01T00:00:00Z"),
        ("Sat, 01 Jan 50 00:00:00 GMT", "1950-01-01T00:00:00Z"),
        ("Thu, 1 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48 GMT", "2004-01-01T19:48:00Z"),
        ("Thu, 01 Jan 2004 19:48:21 UT", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 UTC", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 Z", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 EST", "2004-01-02T00:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 EDT", "2004-01-01T23:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 CST", "2004-01-02T01:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 CDT", "2004-01-02T00:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 MST", "2004-01-02T02:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 MDT", "2004-01-02T01:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 PST", "2004-01-02T03:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 PDT", "2004-01-02T02:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 A", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 +0100", "2004-01-01T18:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 -0500", "2004-01-02T00:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 +01:00", "2004-01-01T18:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 +0530", "2004-01-01T14:18:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 GMT+0100", "2004-01-01T18:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21", "2004-01-01T19:48:21Z"),
        ("THURSDAY, 01 JANUARY 2004 19:48:21 gmt", "2004-01-01T19:48:21Z"),
        ("thu, 01 jan 2004 19:48:21 gmt", "2004-01-01T19:48:21Z"),
        ("Wed, 01 Sept 2004 19:48:21 GMT", "2004-09-01T19:48:21Z"),
        ("Thu,01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("01-Jan-2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Thu, 1 January 2004 19:48 +0000", "2004-01-01T19:48:00Z"),
        ("Thu, 01 Jan 2004 19:48:21 -0800 (PST)", "2004-01-02T03:48:21Z"),
        ("  \tThu, 01 Jan 2004 19:48:21 GMT \n", "2004-01-01T19:48:21Z"),
        ("Thu., 01 Jan. 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 07:48:21 PM GMT", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21.250 GMT", "2004-01-01T19:48:21Z"),
        ("Wed, 31 Dec 2003 23:30:00 -0100", "2004-01-01T00:30:00Z"),
        ("Sat, 29 Feb 2020 12:00:00 GMT", "2020-02-29T12:00:00Z"),
        ("Sun, 01 Mar 2020 00:10:00 +0100", "2020-02-29T23:10:00Z"),
        ("Thu, 01 Jan 2004 23:59:60 GMT", "2004-01-01T23:59:59Z"),
        ("Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z"),
        ("January 4, 2004 4:29 pm", "2004-01-04T16:29:00Z"),
        ("2004 Jan 01 10:00:00 GMT", "2004-01-01T10:00:00Z"),
        ("2004-Jan-01", "2004-01-01T00:00:00Z"),
        // asctime
        ("Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z"),
        ("Sun Jan 4 16:29:06 PST 2004", "2004-01-05T00:29:06Z"),
        // RFC 3339 / ISO 8601 / W3C-DTF
        ("2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z"),
        ("2003-12-31T10:14:55.123+01:00", "2003-12-31T09:14:55Z"),
        ("2003-12-31T10:14:55-05:00", "2003-12-31T15:14:55Z"),
        ("2003-12-31T10:14Z", "2003-12-31T10:14:00Z"),
        ("2003-12-31", "2003-12-31T00:00:00Z"),
        ("2003-12", "2003-12-01T00:00:00Z"),
        ("2003", "2003-01-01T00:00:00Z"),
        ("20031231T101455Z", "2003-12-31T10:14:55Z"),
        ("20031231", "2003-12-31T00:00:00Z"),
        ("2003-12-31 10:14:55", "2003-12-31T10:14:55Z"),
        ("2003-12-31t10:14:55z", "2003-12-31T10:14:55Z"),
        ("2003-12-31T10:14:55+0100", "2003-12-31T09:14:55Z"),
        ("2003-12-31T10:14:55+01", "2003-12-31T09:14:55Z"),
        ("2003-12-31T10:14:55 GMT", "2003-12-31T10:14:55Z"),
        ("2003-12-31 10:14:55 -0800", "2003-12-31T18:14:55Z"),
        ("1997-07-16T19:20:30.45+01:00", "1997-07-16T18:20:30Z"),
        ("2003-335", "2003-12-01T00:00:00Z"),
        ("2004-366", "2004-12-31T00:00:00Z"),
        ("2003335", "2003-12-01T00:00:00Z"),
        ("2004-01-01T00:30:00+01:00", "2003-12-31T23:30:00Z"),
        ("2003-12-31T23:30:00-01:00", "2004-01-01T00:30:00Z"),
        ("2004-03-01T00:30:00+01:00", "2004-02-29T23:30:00Z"),
        ("2003-03-01T00:30:00+01:00", "2003-02-28T23:30:00Z"),
        ("2004-02-28T23:00:00-02:00", "2004-02-29T01:00:00Z"),
        ("2000-03-01T00:00:00+00:01", "2000-02-29T23:59:00Z"),
        ("1900-03-01T00:00:00+00:01", "1900-02-28T23:59:00Z"),
        ("2003-12-31T24:00:00Z", "2004-01-01T00:00:00Z"),
        ("2003-12-31T23:59:60Z", "2003-12-31T23:59:59Z"),
        ("2004-02-29", "2004-02-29T00:00:00Z"),
        ("2003-12-31T10:14:55Z trailing junk", "2003-12-31T10:14:55Z"),
        // Invalid
        ("2003-13-01", nil), ("2003-00-10", nil), ("2003-02-29", nil), ("2003-04-31", nil),
        ("2003-366", nil), ("2003-12-31T10:60:00Z", nil), ("2003-12-31T25:00:00Z", nil),
        ("2003-12-31T24:30:00Z", nil), ("2003-12-31T10:14:61Z", nil), ("2003-12-31T10:14:55+25:00", nil),
        ("Fri, 29 Feb 2019 12:00:00 GMT", nil), ("Thu, 32 Jan 2004 19:48:21 GMT", nil),
        ("Thu, 01 Foo 2004 19:48:21 GMT", nil), ("Thu, 01 Jan 2004 25:48:21 GMT", nil),
        ("Thu, 01 Jan 2004 19:60:21 GMT", nil), ("Thu, 01 Jan 123 19:48:21 GMT", nil),
        // Junk
        ("", nil), ("   ", nil), ("hello world", nil), ("🎉🎉🎉 📰", nil), ("1234567890", nil),
        ("12345678901234567890123456789", nil), ("Jan", nil), ("Thursday", nil), ("::::", nil),
        ("+-+-+-", nil), ("((((((", nil), ("0000-00-00T00:00:00Z", nil), ("T", nil), ("-", nil),
    ]

    @Test(arguments: cases)
    func parses(_ input: String, _ expected: String?) {
        #expect(FeedDate(parsing: input)?.iso8601 == expected, "\(input.debugDescription)")
    }

    @Test func timeTupleMatchesFeedReaders() {
        #expect(FeedDate(parsing: "2003-12-31T10:14:55Z")?.timeTuple == [2003, 12, 31, 10, 14, 55, 2, 365, 0])
        #expect(FeedDate(parsing: "Fri, 01 Jan 2010 19:48:21 GMT")?.timeTuple == [2010, 1, 1, 19, 48, 21, 4, 1, 0])
    }

    /// The one-pass reader of the common RFC 822 layout must agree with the general parser wherever it
    /// gives a date, and leave everything else to it: checked over a grid of well-formed, out-of-range
    /// and near-miss variants of each component.
    @Test func rfc822LayoutAgreesWithTheGeneralParser() {
        let weekdays = ["", "Tue, ", "sat,  ", "Tue ", "Xyz, ", "Mar, "]
        let days = ["2", "02", "31", "0", "32", "002"]
        let months = ["Sep", "feb", "MAY", "Sept", "Xyz"]
        let years = ["2025", "2024", "0000", "25", "20250"]
        let times = ["12:01:00", "00:00", "23:59:60", "24:00:00", "24:01:00", "9:01:00", "12:60:00"]
        let zones = [" +0000", " -0530", " +2400", " GMT", " UT", " Z", " EST", " +05:30", "", " GMT ", " +0100 (CET)"]
        var matched = 0
        for weekday in weekdays {
            for day in days {
                for month in months {
                    for year in years {
                        for time in times {
                            for zone in zones {
                                let text = Array("\(weekday)\(day) \(month) \(year) \(time)\(zone)".utf8)
                                text.withUnsafeBufferPointer { bytes in
                                    guard let fast = FeedDate.parseRFC822Layout(bytes) else { return }
                                    matched += 1
                                    #expect(fast == FeedDate.parseGeneral(bytes), "\(String(decoding: bytes, as: UTF8.self))")
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(matched > 1000)
        #expect(FeedDate(parsing: "Tue, 2 Sep 2025 12:01:00 +0000")?.iso8601 == "2025-09-02T12:01:00Z")
        #expect(FeedDate(parsing: "Sat, 1 Mar 2025 00:30:00 +0100")?.iso8601 == "2025-02-28T23:30:00Z")
    }

    @Test func junkNeverCrashes() {
        #expect(FeedDate(parsing: "") == nil)
        #expect(FeedDate(parsing: String(repeating: "9", count: 10_000)) == nil)
        #expect(FeedDate(parsing: "🦄 Jan 🦄 2004") == nil)
    }

    /// Every two-digit field and the year's four digits, zero-padded, at both ends of their ranges.
    @Test func isoFormWritesEveryFieldPadded() {
        for value in 0...99 {
            let date = FeedDate(year: 1900 + value, month: value % 12 + 1, day: value % 28 + 1, hour: value % 24, minute: value % 60, second: value % 60)
            let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
            let expected = "\(1900 + value)-\(pad(value % 12 + 1))-\(pad(value % 28 + 1))T\(pad(value % 24)):\(pad(value % 60)):\(pad(value % 60))Z"
            #expect(date.iso8601 == expected)
        }
        #expect(FeedDate(year: 7, month: 1, day: 2).iso8601 == "0007-01-02T00:00:00Z")
        #expect(FeedDate(year: 2025, month: 12, day: 31, hour: 23, minute: 59, second: 59).iso8601 == "2025-12-31T23:59:59Z")
    }
}
