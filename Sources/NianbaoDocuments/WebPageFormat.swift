import NianbaoCore

/// Web pages as saved from a government site: read by `HTMLReader`.
public struct WebPageFormat: DocumentFormat {
    public init() {}

    public func reads(_ kind: DocumentKind) -> Bool { kind == .html }

    public func read(_ bytes: [UInt8], sniffed kind: DocumentKind) -> DocumentReading {
        switch HTMLReader.read(bytes) {
        case .success(let decoded): .document(decoded.document, kind: .html, encoding: decoded.encoding)
        case .failure(let failure): .unreadable(failure, kind: .html)
        }
    }
}
