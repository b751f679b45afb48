import NianbaoCore

/// Every format nianbao reads, in the order the pipeline tries them for a sniffed kind: the
/// one list the CLI and the daemon use. A new format is a new file conforming to
/// `DocumentFormat` and one entry here.
public enum DocumentFormats {
    public static let all: [any DocumentFormat] = [
        PlainTextFormat(),
        WordFormat(),
        WebPageFormat(),
        PDFFormat(),
    ]
}
