/// Plain-text reports in any of the encodings agencies write (UTF-8 with or without a BOM,
/// UTF-16, GB18030), their tables flattened in any of the shapes `TextLayout` reads.
public struct PlainTextFormat: DocumentFormat {
    public init() {}

    public func reads(_ kind: DocumentKind) -> Bool { kind == .text }

    public func read(_ bytes: [UInt8], sniffed kind: DocumentKind) -> DocumentReading {
        if let survey = bytes.withByteView(UTF8Survey.init) {
            // The usual report: plain UTF-8, laid out from the bytes as they are.
            if survey.tooManyControls { return .unreadable(TextDecoder.binary, kind: kind) }
            return .document(TextLayout.document(ofValidUTF8: bytes, lines: survey.lines), kind: kind, encoding: .utf8)
        }
        switch TextDecoder.decode(bytes) {
        case .failure(let failure):
            return .unreadable(failure, kind: kind)
        case .success(let decoded):
            if ControlCharacters.tooMany(in: decoded.text) { return .unreadable(TextDecoder.binary, kind: kind) }
            return .document(TextLayout.document(of: decoded.text), kind: kind, encoding: decoded.encoding)
        }
    }
}
