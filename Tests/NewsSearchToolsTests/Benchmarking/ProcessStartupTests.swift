import Testing
@testable import NewsSearchTools

/// Whole-process timings for `bench`'s start-up figure: one sample per run, and no
/// figure at all for a command that cannot be started or fails.
@Suite struct ProcessStartupTests {
    @Test func timesEveryRunOfACommandThatSucceeds() throws {
        let summary = try #require(ProcessStartup.time(executable: "/bin/sh", arguments: ["-c", "exit 0"], runs: 5))
        #expect(summary.count == 5)
        #expect(summary.p50_ms > 0)
        #expect(summary.max_ms >= summary.p50_ms)
    }

    @Test func givesNoFigureForACommandThatCannotRunOrFails() {
        #expect(ProcessStartup.time(executable: "/nonexistent/newssearch", arguments: [], runs: 2) == nil)
        #expect(ProcessStartup.time(executable: "/bin/sh", arguments: ["-c", "exit 3"], runs: 2) == nil)
    }
}
