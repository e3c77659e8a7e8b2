/// Reads the publication dates news dumps carry, in whatever format they come:
///
/// - ISO 8601: `2024-03-05`, `2024-03-05T10:20:30Z`, `2024-03-05 10:20:30.5+01:00`
/// - RFC 2822 / mail headers: `Mon, 5 Apr 1993 12:34:56 GMT`, `5 Apr 93 12:34 -0500 (EST)`
/// - Reuters: `18-JUN-1987 11:38:23.83`
/// - common forms: `March 5, 2024`, `5 March 2024 10:00`, `2024/03/05`, `03/05/2024`
///   (month first unless the first number is over 12), Unix seconds or milliseconds.
///
/// A date without a zone is taken as UTC; one without a time as midnight UTC. A text
/// that is none of these gives nil: the caller keeps the text and counts it.
public enum PublicationDate {
    /// Seconds since 1970-01-01T00:00:00Z, or nil if `text` is not a recognisable date.
    public static func seconds(from text: String) -> Int64? {
        let tokens = tokenize(text)
        guard !tokens.isEmpty else { return nil }
        if tokens.count == 1, case let .number(value, digits) = tokens[0] {
            if digits == 10 { return value }
            if digits == 13 { return value / 1000 }
            if digits == 4, (1000...2999).contains(value) { return CivilTime.days(year: Int(value), month: 1, day: 1) * 86_400 }
            return nil
        }
        var numbers: [(value: Int64, digits: Int)] = []
        var month: Int?
        var time: Int64?
        var offset: Int64 = 0
        for token in tokens {
            switch token {
            case let .number(value, digits): numbers.append((value, digits))
            case let .word(word):
                if let named = monthNames[String(word.prefix(3))], month == nil, word.count >= 3 { month = named }
                else if let zone = zones[word] { offset = zone }
            case let .time(seconds): if time == nil { time = seconds }
            case let .offset(seconds): offset = seconds
            }
        }
        var year = 0, monthValue = 0, day = 0
        if let month {
            guard numbers.count >= 2 else { return nil }
            let (a, b) = (numbers[0], numbers[1])
            // `5 Apr 1993`, `March 5, 2024`, `18-JUN-1987`, `Apr 93`: the 4-digit (or > 31) one is the year.
            if a.digits == 4 || a.value > 31 { year = Int(a.value); day = Int(b.value) } else { day = Int(a.value); year = Int(b.value) }
            if b.digits <= 2, a.digits <= 2, a.value > 31 { (year, day) = (Int(a.value), Int(b.value)) }
            if year < 100, numbers[numbers[0].digits == 4 ? 0 : 1].digits <= 2 { year += year < 50 ? 2000 : 1900 }
            monthValue = month
        } else {
            guard numbers.count >= 3 else {
                // `2024-03`: a month.
                guard numbers.count == 2, numbers[0].digits == 4 else { return nil }
                year = Int(numbers[0].value); monthValue = Int(numbers[1].value); day = 1
                return make(year: year, month: monthValue, day: day, time: time ?? 0, offset: offset)
            }
            let (a, b, c) = (numbers[0], numbers[1], numbers[2])
            if a.digits == 4 {
                (year, monthValue, day) = (Int(a.value), Int(b.value), Int(c.value))
            } else if c.digits == 4 || c.digits == 2 {
                year = Int(c.value) + (c.digits == 2 ? (c.value < 50 ? 2000 : 1900) : 0)
                if a.value > 12 { (day, monthValue) = (Int(a.value), Int(b.value)) } else { (monthValue, day) = (Int(a.value), Int(b.value)) }
            } else {
                return nil
            }
        }
        return make(year: year, month: monthValue, day: day, time: time ?? 0, offset: offset)
    }

    private static func make(year: Int, month: Int, day: Int, time: Int64, offset: Int64) -> Int64? {
        guard (1000...2999).contains(year), (1...12).contains(month),
              (1...CivilTime.daysIn(month: month, year: year)).contains(day) else { return nil }
        return CivilTime.days(year: year, month: month, day: day) * 86_400 + time - offset
    }

    enum Token: Equatable {
        case number(Int64, digits: Int)
        case word(String)
        /// Seconds since midnight of an `hh:mm[:ss[.frac]]`.
        case time(Int64)
        /// A zone offset (`+0100`, `-05:00`) in seconds east of UTC.
        case offset(Int64)
    }

    static func tokenize(_ text: String) -> [Token] {
        let bytes = Array(text.utf8.prefix(200))
        var tokens: [Token] = []
        var index = 0
        func digits(from start: Int) -> (value: Int64, count: Int) {
            var end = start, value: Int64 = 0
            while end < bytes.count, end - start < 14, (48...57).contains(bytes[end]) { value = value * 10 + Int64(bytes[end] - 48); end += 1 }
            return (value, end - start)
        }
        var sawTime = false
        while index < bytes.count {
            let byte = bytes[index]
            if (48...57).contains(byte) {
                let first = digits(from: index)
                var end = index + first.count
                if end < bytes.count, bytes[end] == 58, first.count <= 2 {
                    let minutes = digits(from: end + 1)
                    guard minutes.count == 2 else { return [] }
                    var seconds: Int64 = 0
                    end += 1 + minutes.count
                    if end < bytes.count, bytes[end] == 58 {
                        let s = digits(from: end + 1)
                        guard s.count == 2 else { return [] }
                        seconds = s.value
                        end += 1 + s.count
                        if end < bytes.count, bytes[end] == 46 || bytes[end] == 44 { end += 1 + digits(from: end + 1).count }
                    }
                    guard first.value < 24, minutes.value < 60, seconds < 61 else { return [] }
                    tokens.append(.time(first.value * 3600 + minutes.value * 60 + min(seconds, 59)))
                    sawTime = true
                } else {
                    tokens.append(.number(first.value, digits: first.count))
                }
                index = end
            } else if (byte == 43 || byte == 45), sawTime, index + 1 < bytes.count, (48...57).contains(bytes[index + 1]) {
                let hours = digits(from: index + 1)
                var end = index + 1 + hours.count
                var value: Int64
                if hours.count == 4 { value = hours.value / 100 * 3600 + hours.value % 100 * 60 }
                else if hours.count == 2, end < bytes.count, bytes[end] == 58 {
                    let minutes = digits(from: end + 1)
                    value = hours.value * 3600 + minutes.value * 60
                    end += 1 + minutes.count
                } else if hours.count <= 2 { value = hours.value * 3600 } else { return [] }
                tokens.append(.offset(byte == 45 ? -value : value))
                index = end
            } else if (65...90).contains(byte) || (97...122).contains(byte) {
                var end = index
                while end < bytes.count, (65...90).contains(bytes[end]) || (97...122).contains(bytes[end]) { end += 1 }
                let word = String(decoding: bytes[index..<end], as: UTF8.self).lowercased()
                // `T` between an ISO date and time, weekday names and `at` are noise.
                if monthNames[String(word.prefix(3))] != nil || zones[word] != nil || weekdays.contains(String(word.prefix(3))) || word == "t" || word == "at" || word == "of" || word == "th" || word == "st" || word == "nd" || word == "rd" {
                    if !(word == "t" || word == "at" || word == "of" || weekdays.contains(String(word.prefix(3))) || ["th", "st", "nd", "rd"].contains(word)) {
                        tokens.append(.word(word))
                    }
                } else {
                    return []
                }
                index = end
            } else {
                index += 1
            }
        }
        return tokens
    }

    static let monthNames: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    static let weekdays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let zones: [String: Int64] = [
        "z": 0, "gmt": 0, "ut": 0, "utc": 0, "est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
        "mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600, "bst": 3600, "cet": 3600, "cest": 7200,
        "met": 3600, "mest": 7200, "eet": 7200, "jst": 9 * 3600,
    ]
}
