import Foundation
import NewsSearchTestSupport
import Testing

/// Runs the built `newssearch` executable, as a user would, and captures what it prints.
enum CLI {
    /// What one run printed and how it ended.
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs `newssearch arguments...` with `environment` added to a clean one (no
    /// `NO_COLOR`, `COLUMNS` or `NEWSSEARCH_INDEX` from the test's own environment).
    /// Fails the test when the executable has not been built.
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> Result {
        let executable = try #require(TestSupport.executable, "the newssearch executable is missing: run `swift build --build-tests` first")
        return try launch(executable, arguments, environment: environment, directory: directory)
    }

    static func launch(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                       directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var inherited = ProcessInfo.processInfo.environment
        for key in ["NO_COLOR", "COLUMNS", "NEWSSEARCH_INDEX", "TERM"] { inherited[key] = nil }
        process.environment = inherited.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Output goes to files: nothing can block on a full pipe.
        let base = NSTemporaryDirectory() + "newssearch-cli-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Result(stdout: read(base + ".out"), stderr: read(base + ".err"), status: process.terminationStatus)
    }

    /// `/usr/bin/script`, which gives a command a pseudo-terminal; nil (with the reason
    /// printed) where it is missing, and the terminal tests then skip.
    static var script: String? {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/script") { return "/usr/bin/script" }
        print("skipping: /usr/bin/script (util-linux) is not installed, so no pseudo-terminal can be made")
        return nil
    }

    /// Runs `newssearch arguments...` on a pseudo-terminal `columns` wide, standard
    /// output and error both going to it; returns what the terminal received.
    static func runOnTerminal(_ arguments: [String], columns: Int, environment: [String: String] = [:]) throws -> Result? {
        guard let script else { return nil }
        let executable = try #require(TestSupport.executable, "the newssearch executable is missing: run `swift build --build-tests` first")
        // The variables are set on the command itself: the shell `script` starts may
        // set its own COLUMNS and TERM.
        let variables = environment.merging(["TERM": environment["TERM"] ?? "xterm"]) { $1 }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let command = (["env"] + variables + [executable] + arguments).map(shellQuoted).joined(separator: " ")
        return try launch(script, ["-qec", "stty cols \(columns) rows 40; \(command)", "/dev/null"])
    }

    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension TemporaryDirectory {
    /// A directory holding an index of the bundled seeds, made by the executable.
    static func indexingSeeds() throws -> TemporaryDirectory {
        let scratch = TemporaryDirectory()
        let result = try CLI.run(["index", TestSupport.seedsDirectory, "--index", scratch.indexPath, "--quiet"])
        #expect(result.status == 0, "indexing the seeds failed: \(result.stderr)")
        return scratch
    }

    /// A directory holding an index of `files` (name → contents) written under `dumps/`,
    /// made by the executable.
    static func indexing(_ files: [String: String]) throws -> TemporaryDirectory {
        let scratch = TemporaryDirectory()
        for (name, contents) in files { scratch.write("dumps/" + name, contents) }
        let result = try CLI.run(["index", scratch.path + "/dumps", "--index", scratch.indexPath, "--quiet"])
        #expect(result.status == 0, "indexing failed: \(result.stderr)")
        return scratch
    }
}
