// FeedDate.swift — dependency-free parsing of the date formats found in RSS/Atom feeds.
// Pure Swift standard library: no Foundation, no locale, no regular expressions.

/// A calendar date-time normalised to UTC, parsed from the date formats feeds use.
public struct FeedDate: Sendable, Hashable, Comparable {
    public var year, month, day, hour, minute, second: Int   // UTC

    /// Creates a date from UTC components as given (no validation).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }

    /// Parses RFC 822/1123/2822 dates, RFC 3339 / ISO 8601 / W3C-DTF and the common broken variants; nil when nothing date-like is found.
    public init?(parsing raw: String) {
        let result: FeedDate?
        if let fast = raw.utf8.withContiguousStorageIfAvailable({ FeedDate.parse($0) }) {
            result = fast
        } else {
            result = Array(raw.utf8).withUnsafeBufferPointer { FeedDate.parse($0) }
        }
        guard let date = result else { return nil }
        self = date
    }

    /// ISO 8601 UTC form, e.g. "2025-09-30T12:00:00Z".
    public var iso8601: String {
        String(unsafeUninitializedCapacity: Self.iso8601Length) { writeISO8601(to: $0.baseAddress!) }
    }

    /// The length of the ISO 8601 form.
    static let iso8601Length = 20

    /// Writes the ISO 8601 form's `iso8601Length` bytes at `out` (JSON writes it without a `String`).
    func writeISO8601(to out: UnsafeMutablePointer<UInt8>) -> Int {
        /// Two digits of `value` (0...99, else its last two) from a table: no division per digit.
        func twoDigits(_ value: Int, at start: Int) {
            let pairs = Self.digitPairs.utf8Start
            let index = 2 * (Swift.max(0, value) % 100)
            out[start] = pairs[index]
            out[start + 1] = pairs[index + 1]
        }
        let year = Swift.max(0, year) % 10_000
        twoDigits(year / 100, at: 0)
        twoDigits(year, at: 2)
        out[4] = UInt8(ascii: "-")
        twoDigits(month, at: 5)
        out[7] = UInt8(ascii: "-")
        twoDigits(day, at: 8)
        out[10] = UInt8(ascii: "T")
        twoDigits(hour, at: 11)
        out[13] = UInt8(ascii: ":")
        twoDigits(minute, at: 14)
        out[16] = UInt8(ascii: ":")
        twoDigits(second, at: 17)
        out[19] = UInt8(ascii: "Z")
        return Self.iso8601Length
    }

    /// "00", "01", ... "99" in one string.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// feedparser-compatible time tuple [year, month, day, hour, minute, second, weekday (Mon=0), day of year (1-based), 0]
    public var timeTuple: [Int] {
        let days = FeedDate.daysFromCivil(year, month, day)
        let weekday = ((days % 7) + 10) % 7                  // 1970-01-01 was a Thursday (3)
        let yearDay = days - FeedDate.daysFromCivil(year, 1, 1) + 1
        return [year, month, day, hour, minute, second, weekday, yearDay, 0]
    }

    public static func < (lhs: FeedDate, rhs: FeedDate) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }
}

// MARK: - Calendar arithmetic (proleptic Gregorian)

extension FeedDate {
    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 for a civil date (valid for any year).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9       // March-based months
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Converts an ordinal day (1-based) into month and day.
    static func fromOrdinal(_ year: Int, _ ordinal: Int) -> (Int, Int)? {
        guard ordinal >= 1, ordinal <= (isLeap(year) ? 366 : 365) else { return nil }
        var rest = ordinal, month = 1
        while rest > daysIn(month: month, year: year) {
            rest -= daysIn(month: month, year: year)
            month += 1
        }
        return (month, rest)
    }

    /// Validates local components and shifts them to UTC by `offset` minutes east of UTC.
    static func make(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int,
                     _ second: Int, offset: Int) -> FeedDate? {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= daysIn(month: month, year: year),
              hour <= 24, minute < 60, second <= 60,
              hour < 24 || (minute == 0 && second == 0) else { return nil }
        let second = min(second, 59)                          // leap second
        if offset == 0 && hour < 24 {
            return FeedDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        }
        let total = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset * 60
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let rest = total - days * 86_400
        let civil = civilFromDays(days)
        guard (1...9999).contains(civil.year) else { return nil }
        return FeedDate(year: civil.year, month: civil.month, day: civil.day,
                        hour: rest / 3600, minute: rest / 60 % 60, second: rest % 60)
    }

    /// Entry point over UTF-8 bytes: the common RFC 822 layout read in one pass, else ISO 8601 when the
    /// text starts like one, otherwise the token scan.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> FeedDate? {
        if let date = parseRFC822Layout(bytes) { return date }
        return parseGeneral(bytes)
    }

    /// The layout RSS 2.0 prescribes and most feeds write, read in one pass (see
    /// `DateScanner.parseRFC822Layout`); nil for anything else, which `parseGeneral` then reads or rejects.
    /// Wherever this returns a date, `parseGeneral` returns the same one (tested).
    static func parseRFC822Layout(_ bytes: UnsafeBufferPointer<UInt8>) -> FeedDate? {
        var scanner = DateScanner(bytes: bytes)
        return scanner.parseRFC822Layout()
    }

    /// ISO 8601 when the text starts like one, otherwise the token scan: every format this type reads.
    static func parseGeneral(_ bytes: UnsafeBufferPointer<UInt8>) -> FeedDate? {
        var scanner = DateScanner(bytes: bytes)
        scanner.skipSpaces()
        let start = scanner.pos
        var probe = scanner
        let leading = probe.digits().count
        if leading == 4 || leading == 7 || leading == 8, let date = scanner.parseISO() { return date }
        scanner.pos = start
        return scanner.parseTokens()
    }
}

// MARK: - Names

/// Month and zone names, packed 5 bits per lower-case letter (first letter in the lowest bits).
private enum Lexicon {
    static func pack(_ text: String) -> UInt64 {
        var packed: UInt64 = 0
        for (k, c) in text.utf8.enumerated() { packed |= UInt64(c &- 0x60) << UInt64(5 * k) }
        return packed
    }

    static let months: [UInt64] = ["january", "february", "march", "april", "may", "june", "july",
                                   "august", "september", "october", "november", "december"].map(pack)
    static let zones: [(name: UInt64, minutes: Int)] = [
        ("gmt", 0), ("ut", 0), ("utc", 0), ("z", 0), ("wet", 0),
        ("est", -300), ("edt", -240), ("cst", -360), ("cdt", -300),
        ("mst", -420), ("mdt", -360), ("pst", -480), ("pdt", -420),
        ("ast", -240), ("adt", -180), ("akst", -540), ("akdt", -480), ("hst", -600),
        ("bst", 60), ("west", 60), ("cet", 60), ("cest", 120), ("eet", 120), ("eest", 180),
        ("jst", 540), ("aest", 600), ("aedt", 660), ("nzst", 720), ("nzdt", 780),
    ].map { (pack($0.0), $0.1) }
    static let weekdays: [UInt64] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map(pack)
    static let am = pack("am"), pm = pack("pm"), militaryJ = pack("j")

    /// True for a weekday's full name or a prefix of at least three letters ("Tue", "Thurs").
    static func isWeekday(_ word: UInt64, _ length: Int) -> Bool {
        guard length >= 3, length <= 9 else { return false }
        let mask: UInt64 = (1 << UInt64(5 * length)) - 1
        return weekdays.contains { $0 & mask == word }
    }

    /// Month number for a full name or any prefix of at least three letters ("Sept", "Jun").
    static func month(_ word: UInt64, _ length: Int) -> Int? {
        guard length >= 3, length <= 9 else { return nil }
        let mask: UInt64 = (1 << UInt64(5 * length)) - 1
        for (index, name) in months.enumerated() where name & mask == word { return index + 1 }
        return nil
    }

    /// Offset in minutes for a zone abbreviation; military letters other than J are treated as UTC.
    static func zone(_ word: UInt64, _ length: Int) -> Int? {
        if length == 1 { return word == militaryJ ? nil : 0 }
        guard length <= 4 else { return nil }
        for zone in zones where zone.name == word { return zone.minutes }
        return nil
    }
}

// MARK: - Scanner

private let colon: UInt8 = 0x3A, minus: UInt8 = 0x2D, plus: UInt8 = 0x2B
private let dot: UInt8 = 0x2E, comma: UInt8 = 0x2C

/// A forward-only cursor over UTF-8 bytes; every method advances, so parsing is linear.
private struct DateScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0

    static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// Byte at `pos + ahead`, or 0 past the end.
    func peek(_ ahead: Int = 0) -> UInt8 {
        let index = pos + ahead
        return index < bytes.count ? bytes[index] : 0
    }

    mutating func skipSpaces() {
        while pos < bytes.count, Self.isSpace(bytes[pos]) { pos += 1 }
    }

    /// Consumes `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        pos += 1
        return true
    }

    /// Reads a run of ASCII digits; the value stops growing after 9 digits, the count does not.
    mutating func digits() -> (value: Int, count: Int) {
        var value = 0, count = 0
        while pos < bytes.count, Self.isDigit(bytes[pos]) {
            if count < 9 { value = value * 10 + Int(bytes[pos] &- 0x30) }
            count += 1
            pos += 1
        }
        return (value, count)
    }

    /// Reads a run of ASCII letters, packed like `Lexicon`; the packed value is 0 beyond 12 letters.
    mutating func word() -> (packed: UInt64, length: Int) {
        var packed: UInt64 = 0, length = 0
        while pos < bytes.count, Self.isLetter(bytes[pos]) {
            if length < 12 { packed |= UInt64((bytes[pos] | 0x20) &- 0x60) << UInt64(5 * length) }
            length += 1
            pos += 1
        }
        return (length <= 12 ? packed : 0, length)
    }

    /// Reads "h[h][:mm[:ss]][.fff]" or basic "hhmm[ss]"; fractional seconds are dropped.
    mutating func clock() -> (hour: Int, minute: Int, second: Int)? {
        let lead = digits()
        var time = (hour: lead.value, minute: 0, second: 0)
        switch lead.count {
        case 1, 2:
            if peek() == colon, Self.isDigit(peek(1)) {
                pos += 1
                let minutes = digits()
                guard minutes.count == 2 else { return nil }
                time.minute = minutes.value
                if peek() == colon, Self.isDigit(peek(1)) {
                    pos += 1
                    let seconds = digits()
                    guard seconds.count == 2 else { return nil }
                    time.second = seconds.value
                }
            }
        case 4: time = (lead.value / 100, lead.value % 100, 0)
        case 6: time = (lead.value / 10_000, lead.value / 100 % 100, lead.value % 100)
        default: return nil
        }
        if peek() == dot || peek() == comma, Self.isDigit(peek(1)) {
            pos += 1
            _ = digits()
        }
        return time
    }

    /// Reads "+hh", "+hhmm", "+hmm" or "+hh:mm" (cursor on the sign); minutes east of UTC.
    mutating func offset() -> Int? {
        let negative = peek() == minus
        pos += 1
        let lead = digits()
        var hours = lead.value, minutes = 0
        switch lead.count {
        case 1, 2:
            if peek() == colon, Self.isDigit(peek(1)) {
                pos += 1
                let tail = digits()
                guard tail.count == 2 else { return nil }
                minutes = tail.value
            }
        case 3, 4: (hours, minutes) = (lead.value / 100, lead.value % 100)
        default: return nil
        }
        guard hours < 24, minutes < 60 else { return nil }
        return negative ? -(hours * 60 + minutes) : hours * 60 + minutes
    }

    /// Exactly `[Www, ]D[D] Mmm YYYY HH:MM[:SS] ZONE` (ZONE `+hhmm`, `-hhmm` or a zone name; spaces
    /// around), without the token scan's bookkeeping; nil for anything else, out-of-range values included.
    mutating func parseRFC822Layout() -> FeedDate? {
        skipSpaces()
        if Self.isLetter(peek()) {
            let weekday = word()
            guard Lexicon.isWeekday(weekday.packed, weekday.length), take(comma) else { return nil }
            skipSpaces()
        }
        let day = digits()
        guard (1...2).contains(day.count), (1...31).contains(day.value), take(0x20) else { return nil }
        let monthName = word()
        guard let month = Lexicon.month(monthName.packed, monthName.length), take(0x20) else { return nil }
        let year = digits()
        guard year.count == 4, take(0x20) else { return nil }
        let hour = digits()
        guard hour.count == 2, take(colon) else { return nil }
        let minute = digits()
        guard minute.count == 2 else { return nil }
        var second = 0
        if take(colon) {
            let value = digits()
            guard value.count == 2 else { return nil }
            second = value.value
        }
        guard take(0x20) else { return nil }
        skipSpaces()
        let offset: Int
        let sign = peek()
        if sign == plus || sign == minus {
            pos += 1
            let value = digits()
            guard value.count == 4, value.value / 100 < 24, value.value % 100 < 60 else { return nil }
            offset = (sign == minus ? -1 : 1) * (value.value / 100 * 60 + value.value % 100)
        } else {
            let zone = word()
            guard let minutes = Lexicon.zone(zone.packed, zone.length) else { return nil }
            offset = minutes
        }
        skipSpaces()
        guard pos == bytes.count else { return nil }
        return FeedDate.make(year.value, month, day.value, hour.value, minute.value, second, offset: offset)
    }

    /// RFC 3339 / ISO 8601 / W3C-DTF, extended or basic. Trailing text after a full date is ignored;
    /// a bare year must stand alone so that "2004 Jan 01" falls through to the token scan.
    mutating func parseISO() -> FeedDate? {
        let lead = digits()
        var year = lead.value, month = 1, day = 1
        switch lead.count {
        case 8: (year, month, day) = (lead.value / 10_000, lead.value / 100 % 100, lead.value % 100)
        case 7:
            year = lead.value / 1000
            guard let monthDay = FeedDate.fromOrdinal(year, lead.value % 1000) else { return nil }
            (month, day) = monthDay
        default:
            guard peek() == minus, Self.isDigit(peek(1)) else {
                skipSpaces()
                return pos == bytes.count ? FeedDate.make(year, 1, 1, 0, 0, 0, offset: 0) : nil
            }
            pos += 1
            let second = digits()
            if second.count == 3 {
                guard let monthDay = FeedDate.fromOrdinal(year, second.value) else { return nil }
                (month, day) = monthDay
            } else if second.count == 2 {
                month = second.value
                if peek() == minus, Self.isDigit(peek(1)) {
                    pos += 1
                    let third = digits()
                    guard third.count == 2 else { return nil }
                    day = third.value
                }
            } else {
                return nil
            }
        }
        // Time: after "T"/"t", or after spaces when it looks like "hh:".
        if peek() == 0x54 || peek() == 0x74 {
            pos += 1
        } else {
            let save = pos
            skipSpaces()
            guard Self.isDigit(peek()), Self.isDigit(peek(1)), peek(2) == colon else {
                pos = save
                return FeedDate.make(year, month, day, 0, 0, 0, offset: 0)
            }
        }
        guard let time = clock() else { return nil }
        var zone = 0
        skipSpaces()
        if Self.isLetter(peek()) {
            let name = word()
            zone = Lexicon.zone(name.packed, name.length) ?? 0
            if zone == 0, peek() == plus || peek() == minus, Self.isDigit(peek(1)) {
                guard let value = offset() else { return nil }
                zone = value
            }
        } else if peek() == plus || peek() == minus, Self.isDigit(peek(1)) {
            guard let value = offset() else { return nil }
            zone = value
        }
        return FeedDate.make(year, month, day, time.hour, time.minute, time.second, offset: zone)
    }

    /// RFC 822/1123/2822, asctime and loose variants: scans words and numbers in any order.
    /// Requires a month name; numbers fill day then year (4 digits or >31 mean year).
    mutating func parseTokens() -> FeedDate? {
        var day: Int?, month: Int?, year: Int?, yearDigits = 0
        var hour = 0, minute = 0, second = 0, sawTime = false
        var zone: Int?, zoneIsUTCName = false
        scan: while pos < bytes.count {
            let c = bytes[pos]
            if Self.isLetter(c) {
                let (packed, length) = word()
                if sawTime, length == 2, packed == Lexicon.am || packed == Lexicon.pm {
                    guard (1...12).contains(hour) else { return nil }
                    hour = hour % 12 + (packed == Lexicon.pm ? 12 : 0)
                } else if sawTime, zone == nil, let minutes = Lexicon.zone(packed, length) {
                    zone = minutes
                    zoneIsUTCName = minutes == 0
                } else if month == nil, let value = Lexicon.month(packed, length) {
                    month = value
                } else if sawTime, day != nil, month != nil, year != nil {
                    break scan                                      // trailing junk
                }
            } else if Self.isDigit(c) {
                let start = pos
                let number = digits()
                if !sawTime, number.count <= 2, peek() == colon, Self.isDigit(peek(1)) {
                    pos = start
                    guard let time = clock() else { return nil }
                    (hour, minute, second, sawTime) = (time.hour, time.minute, time.second, true)
                } else if year == nil, number.count >= 3 || number.value > 31 {
                    (year, yearDigits) = (number.value, number.count)
                } else if day == nil {
                    day = number.value
                } else if year == nil {
                    (year, yearDigits) = (number.value, number.count)
                } else if sawTime {
                    break scan
                }
            } else if c == plus || c == minus, sawTime, zone == nil || zoneIsUTCName, Self.isDigit(peek(1)) {
                guard let value = offset() else { return nil }
                (zone, zoneIsUTCName) = (value, false)
            } else if c == 0x28 {                                   // "(comment)"
                while pos < bytes.count, bytes[pos] != 0x29 { pos += 1 }
                pos += 1
            } else {
                pos += 1                                            // separators: , . - / whitespace …
            }
        }
        guard let day, let month, var year else { return nil }
        switch yearDigits {
        case 1, 2: year += year < 50 ? 2000 : 1900
        case 4: break
        default: return nil
        }
        return FeedDate.make(year, month, day, hour, minute, second, offset: zone ?? 0)
    }
}
