import Foundation

extension TestSupport {
    /// Starts `newssearch index ROOT --index PATH --quiet` in small batches (0.05 MB), so
    /// that a test can kill or interrupt it between commits. Standard error goes to
    /// `errors` if given, else nowhere.
    package static func startIndexRun(executable: String, root: String, index: String, errors: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["index", root, "--index", index, "--quiet", "--batch-size", "0.05"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors ?? FileHandle.nullDevice
        try process.run()
        return process
    }
}
