#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-process latency: a command started with `posix_spawn`, its output sent to
/// `/dev/null`, waited for with `waitpid`, start to exit. Foundation's `Process` added
/// about 30 ms of its own per run here (its launch and its polling wait), more than the
/// search it timed.
public enum ProcessStartup {
    /// Times `runs` runs of `executable` with `arguments` after one discarded run that
    /// warms the page cache; nil if it cannot be started or does not exit normally.
    public static func time(executable: String, arguments: [String], runs: Int = 20) -> LatencySummary? {
        var recorder = LatencyRecorder()
        for run in 0...runs {
            let start = ContinuousClock.now
            guard spawnAndWait(executable, arguments) else { return nil }
            if run > 0 { recorder.record(seconds: start.duration(to: .now).seconds) }
        }
        return recorder.summary
    }

    private static func spawnAndWait(_ executable: String, _ arguments: [String]) -> Bool {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return false }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return false }
        }
        return status & 0x7f == 0 && (status >> 8) & 0xff <= 1
    }
}
