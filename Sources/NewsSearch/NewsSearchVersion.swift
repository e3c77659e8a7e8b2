/// The version of newssearch, defined once: `newssearch --version` prints it.
public enum NewsSearchVersion {
    public static let current = "0.11.0"
}
