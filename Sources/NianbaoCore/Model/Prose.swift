/// The prose paragraphs of a report (folded keys, white space removed), each with the section
/// it stands in. Their bytes are kept in one buffer: reading a report makes no String per
/// paragraph, only the statements and messages that need one do.
public struct Prose: Sendable {
    private var bytes: [UInt8] = []
    private var paragraphs: [(section: Section?, range: Range<Int>)] = []

    public init() {}

    /// Paragraphs given as text (tests).
    public init(_ paragraphs: [(section: Section?, text: String)]) {
        for (section, text) in paragraphs {
            var text = text
            text.withByteView { append(section: section, $0) }
        }
    }

    mutating func append(section: Section?, _ utf8: ByteView) {
        let start = bytes.count
        bytes.append(contentsOf: utf8)
        paragraphs.append((section, start..<bytes.count))
    }

    public var count: Int { paragraphs.count }

    /// Room for `byteCount` bytes of text in `paragraphCount` paragraphs: no growing while a
    /// report is read.
    mutating func reserveCapacity(bytes byteCount: Int, paragraphs paragraphCount: Int) {
        bytes.reserveCapacity(byteCount)
        paragraphs.reserveCapacity(paragraphCount)
    }

    /// Runs `body` on every paragraph's bytes, in order.
    func forEach(_ body: (Section?, ByteView) -> Void) {
        bytes.withByteView { all in
            for (section, range) in paragraphs { body(section, all.view(range)) }
        }
    }

    /// Runs `body` on the bytes of one section's paragraphs, joined; a section of one
    /// paragraph, the usual case, is passed as it is stored.
    func withBytes<Result>(of section: Section, _ body: (ByteView) -> Result) -> Result {
        let ranges = paragraphs.lazy.filter { $0.section == section }.map(\.range)
        return bytes.withByteView { all in
            var iterator = ranges.makeIterator()
            guard let first = iterator.next() else { return body(all.view(0..<0)) }
            guard let second = iterator.next() else { return body(all.view(first)) }
            var joined = Array(all[first]) + all[second]
            while let next = iterator.next() { joined += all[next] }
            return joined.withByteView(body)
        }
    }
}
