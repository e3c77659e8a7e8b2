import Foundation
import Testing
@testable import NewsSearch

@Suite struct PublicationDateTests {
    /// `2024-03-05T10:20:30Z` and the like as seconds.
    func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Int64 {
        CivilTime.days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    @Test func readsEveryFormatNewsDumpsUse() {
        let cases: [(String, Int64)] = [
            ("18-JUN-1987 11:38:23.83", utc(1987, 6, 18, 11, 38, 23)),
            (" 2-MAR-1987 09:05:00.10", utc(1987, 3, 2, 9, 5)),
            ("2024-03-05", utc(2024, 3, 5)),
            ("2024-03-05T10:20:30Z", utc(2024, 3, 5, 10, 20, 30)),
            ("2024-03-05T10:20:30.123+01:00", utc(2024, 3, 5, 9, 20, 30)),
            ("2024-03-05 10:20:30", utc(2024, 3, 5, 10, 20, 30)),
            ("Tue, 05 Mar 2024 10:20:30 GMT", utc(2024, 3, 5, 10, 20, 30)),
            ("Mon, 5 Apr 1993 12:34:56 -0500", utc(1993, 4, 5, 17, 34, 56)),
            ("Tue, 06 Apr 93 16:00:21 PDT", utc(1993, 4, 6, 23, 0, 21)),
            ("March 5, 2024", utc(2024, 3, 5)),
            ("5 March 2024 10:00", utc(2024, 3, 5, 10)),
            ("2024/03/05", utc(2024, 3, 5)),
            ("03/05/2024", utc(2024, 3, 5)),
            ("25/12/2023", utc(2023, 12, 25)),
            ("1709634030", 1_709_634_030),
            ("1709634030000", 1_709_634_030),
        ]
        for (text, expected) in cases {
            #expect(PublicationDate.seconds(from: text) == expected, "\(text)")
        }
    }

    @Test func rejectsWhatIsNotADate() {
        for text in ["", "yesterday", "2024-13-05", "2023-02-29", "32 March 2024", "sometime in 1987 maybe", "12:30"] {
            #expect(PublicationDate.seconds(from: text) == nil, "\(text)")
        }
    }

    @Test func formatsISO8601InUTC() {
        #expect(CivilTime.iso8601(seconds: utc(1987, 6, 18, 11, 38, 23)) == "1987-06-18T11:38:23Z")
        #expect(CivilTime.iso8601(seconds: -1) == "1969-12-31T23:59:59Z")
    }

    @Test func rangesCoverWholePeriodsAndSpansBackFromNow() throws {
        let month = try DateRange.parse("2024-02")
        #expect(month.start.timeIntervalSince1970 == Double(utc(2024, 2, 1)))
        #expect(month.end.timeIntervalSince1970 == Double(utc(2024, 3, 1)))
        let year = try DateRange.parse("1987")
        #expect(year.end.timeIntervalSince1970 == Double(utc(1988, 1, 1)))
        let day = try DateRange.parse("2024-03-05")
        #expect(day.end.timeIntervalSince(day.start) == 86_400)
        let now = Date(timeIntervalSince1970: 1_000_000_000)
        #expect(try DateRange.parse("30d", now: now).start == now.addingTimeInterval(-30 * 86_400))
        #expect(try DateRange.parse("6m", now: now).end == now)
        #expect(throws: DateRangeError.self) { try DateRange.parse("last week") }
        #expect(throws: DateRangeError.self) { try DateRange.parse("2024-02-30") }
    }
}
