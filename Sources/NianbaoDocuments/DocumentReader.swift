import NianbaoCore

/// The pipeline with every format (`DocumentFormats.all`): what the CLI and the daemon call.
public enum DocumentReader {
    public static let pipeline = ReportPipeline(formats: DocumentFormats.all)

    public static func check(_ bytes: [UInt8]) -> CheckOutcome {
        pipeline.check(bytes)
    }

    /// The document text of a Word document or web page; nil for other kinds.
    public static func document(_ bytes: [UInt8]) -> DocumentText? {
        guard case .document(let document, let kind, _) = pipeline.read(bytes), kind != .text else { return nil }
        return document
    }
}
