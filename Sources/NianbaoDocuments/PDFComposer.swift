import NianbaoCore

extension PDFLayout {
    /// Walks the lines of all pages in order: prose into paragraphs, the three report tables
    /// into rows whose numbers sit in the column their x position says.
    struct Composer {
        let lines: [Line]
        /// The body's left edge and right edge: where full prose lines start and end.
        let left: Double, right: Double

        init(lines: [Line]) {
            self.lines = lines
            // The edges from prose lines: one chunk, at least half as wide as the widest such line.
            // (Table lines, many in a report, start and end where their columns do: with a table
            // narrower than the body they made indented paragraphs and short last lines look
            // like full lines, and paragraphs ran together.)
            let single = lines.filter { $0.chunks.count == 1 }
            let widest = single.map { $0.maxX - $0.minX }.max() ?? 0
            var prose = single.filter { $0.maxX - $0.minX >= widest / 2 }
            if prose.isEmpty { prose = lines }
            let starts = prose.map { ($0.minX * 2).rounded() / 2 }
            var counts: [Double: Int] = [:]
            for start in starts { counts[start, default: 0] += 1 }
            left = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 0
            let ends = prose.map(\.maxX).sorted()
            right = ends.isEmpty ? 0 : ends[min(ends.count - 1, ends.count * 9 / 10)]
        }

        func write(to assembler: inout BlockAssembler) {
            var index = 0
            var paragraph: [UInt8] = []
            var previous: Line?
            func flush() {
                if !paragraph.isEmpty {
                    paragraph.withUnsafeBufferPointer { assembler.text($0) }
                    assembler.paragraphBreak()
                }
                paragraph.removeAll(keepingCapacity: true)
                previous = nil
            }
            while index < lines.count {
                let line = lines[index]
                if let kind = TableKind.starting(line) {
                    flush()
                    var table = TableReader(kind: kind, lines: lines, start: index)
                    index = table.read()
                    table.write(to: &assembler)
                    continue
                }
                if let previous, startsParagraph(line, after: previous) { flush() }
                let bytes = Array(line.text.utf8)
                LineJoining.append(bytes[...], to: &paragraph)
                previous = line
                index += 1
            }
            flush()
        }

        /// A new paragraph: the line before ended short of the right edge, this one is indented
        /// or is a heading, the font size changed, or a blank line lies between them on a page.
        private func startsParagraph(_ line: Line, after previous: Line) -> Bool {
            if previous.maxX < right - 2 * previous.size { return true }
            if line.minX > left + 1.2 * line.size { return true }
            if Marker.isHeading(line.text) || Marker.startsItem(line.text) { return true }
            // A title or a heading in a larger font. (Line spacing and small changes of font say
            // nothing: office suites mix fonts within a paragraph.)
            if max(line.size, previous.size) > 1.35 * min(line.size, previous.size) { return true }
            return false
        }
    }
}
