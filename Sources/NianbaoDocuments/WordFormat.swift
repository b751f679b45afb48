import NianbaoCore

/// Word documents (.docx): read by `WordReader`. Every ZIP is offered to it, since Word does
/// not always write `word/…` among the first entries the sniffer looks at.
public struct WordFormat: DocumentFormat {
    public init() {}

    public func reads(_ kind: DocumentKind) -> Bool { kind == .docx || kind == .zip }

    public func read(_ bytes: [UInt8], sniffed kind: DocumentKind) -> DocumentReading {
        switch WordReader.read(bytes) {
        case .document(let document):
            return .document(document, kind: .docx, encoding: nil)
        case .notWord:
            return .unreadable(DocumentKind.zip.unsupportedFailure!, kind: .zip)
        case .unopenable(let failure):
            // A ZIP that did not even open and did not look like Word is just a ZIP.
            return kind == .zip ? .unreadable(DocumentKind.zip.unsupportedFailure!, kind: .zip) : .unreadable(failure, kind: .docx)
        case .failure(let failure):
            return .unreadable(failure, kind: .docx)
        }
    }
}
