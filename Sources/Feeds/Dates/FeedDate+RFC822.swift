// FeedDate+RFC822.swift — the date layout most RSS feeds write, read without the general token scan.

extension FeedDate {
    /// Reads exactly `[Www, ]D[D] Mmm YYYY HH:MM[:SS] ZONE` (ZONE `+hhmm`, `-hhmm`, `GMT`, `UT`, `UTC` or
    /// `Z`; spaces around), the layout RSS 2.0 prescribes and most feeds write, in one pass. Returns nil
    /// for anything else, including out-of-range values, which `parseGeneral` then reads (or rejects):
    /// wherever this returns a date, `parseGeneral` returns the same one (tested).
    static func parseRFC822Layout(_ bytes: UnsafeBufferPointer<UInt8>) -> FeedDate? {
        var reader = LayoutReader(bytes: bytes)
        reader.skipSpaces()
        if let weekday = reader.letters(3) {
            guard weekdays.contains(weekday), reader.take(0x2C) else { return nil }  // ","
            reader.skipSpaces()
        }
        guard let day = reader.number(maxDigits: 2), day >= 1, day <= 31, reader.take(0x20),
              let monthName = reader.letters(3), let monthIndex = months.firstIndex(of: monthName), reader.take(0x20),
              let year = reader.number(exactly: 4), reader.take(0x20),
              let hour = reader.number(exactly: 2), reader.take(0x3A), let minute = reader.number(exactly: 2)
        else { return nil }
        var second = 0
        if reader.take(0x3A) {
            guard let value = reader.number(exactly: 2) else { return nil }
            second = value
        }
        guard reader.take(0x20) else { return nil }
        reader.skipSpaces()
        let offset: Int
        let sign = reader.peek
        if sign == 0x2B || sign == 0x2D {  // "+hhmm", "-hhmm"
            reader.pos += 1
            guard let value = reader.number(exactly: 4), value / 100 < 24, value % 100 < 60 else { return nil }
            offset = (sign == 0x2D ? -1 : 1) * (value / 100 * 60 + value % 100)
        } else if let zone = reader.letters(3) ?? reader.letters(2) ?? reader.letters(1), utcNames.contains(zone) {
            offset = 0
        } else {
            return nil
        }
        reader.skipSpaces()
        guard reader.pos == bytes.count else { return nil }
        return make(year, monthIndex + 1, day, hour, minute, second, offset: offset)
    }

    /// Lower-case names packed a byte each, first letter lowest.
    private static func packed(_ name: StaticString) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<name.utf8CodeUnitCount { value |= UInt32(name.utf8Start[k]) << UInt32(8 * k) }
        return value
    }

    private static let weekdays: [UInt32] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(packed)
    private static let months: [UInt32] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .map(packed)
    private static let utcNames: [UInt32] = ["gmt", "utc", "ut", "z"].map(packed)
}

/// A cursor for `parseRFC822Layout`; every read either advances or fails.
private struct LayoutReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0

    var peek: UInt8 { pos < bytes.count ? bytes[pos] : 0 }

    mutating func skipSpaces() {
        while pos < bytes.count, bytes[pos] == 0x20 || (bytes[pos] >= 0x09 && bytes[pos] <= 0x0D) { pos += 1 }
    }

    /// Consumes `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        pos += 1
        return true
    }

    /// Exactly `count` ASCII letters not followed by another letter, lower-cased and packed like the names.
    mutating func letters(_ count: Int) -> UInt32? {
        guard pos + count <= bytes.count else { return nil }
        var value: UInt32 = 0
        for k in 0..<count {
            let byte = bytes[pos + k] | 0x20
            guard byte >= 0x61 && byte <= 0x7A else { return nil }
            value |= UInt32(byte) << UInt32(8 * k)
        }
        if pos + count < bytes.count, (bytes[pos + count] | 0x20) &- 0x61 < 26 { return nil }
        pos += count
        return value
    }

    /// One to `maxDigits` ASCII digits not followed by another digit.
    mutating func number(maxDigits: Int) -> Int? {
        var value = 0, count = 0
        while pos < bytes.count, bytes[pos] &- 0x30 < 10 {
            guard count < maxDigits else { return nil }
            value = value * 10 + Int(bytes[pos] &- 0x30)
            count += 1
            pos += 1
        }
        return count > 0 ? value : nil
    }

    /// Exactly `count` ASCII digits not followed by another digit.
    mutating func number(exactly count: Int) -> Int? {
        let start = pos
        guard let value = number(maxDigits: count), pos - start == count else { return nil }
        return value
    }
}
