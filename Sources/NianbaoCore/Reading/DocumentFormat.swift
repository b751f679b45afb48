/// One input format: bytes in, document text or a reading failure out. The pipeline sniffs a
/// document once (`DocumentKind.sniff`) and hands it to the first format of its list that reads
/// that kind; everything after (sections, tables, rules, output) is the same for every format.
///
/// Adding a format is one new file with a type conforming to this protocol, plus one entry in
/// the list the pipeline is given (`DocumentFormats.all` in NianbaoDocuments for the CLI and the
/// daemon; `ReportPipeline.plainText` here, for the core alone).
public protocol DocumentFormat: Sendable {
    /// True when this format reads documents sniffed as `kind`.
    func reads(_ kind: DocumentKind) -> Bool

    /// Reads a document sniffed as `kind` (one this format reads).
    func read(_ bytes: [UInt8], sniffed kind: DocumentKind) -> DocumentReading
}

/// What a format made of a document: its text, or why it could not be read. Either way with
/// the kind it turned out to be (a ZIP that holds a Word document is `.docx`).
public enum DocumentReading: Sendable {
    case document(DocumentText, kind: DocumentKind, encoding: TextEncoding?)
    case unreadable(ReadingFailure, kind: DocumentKind)
}
