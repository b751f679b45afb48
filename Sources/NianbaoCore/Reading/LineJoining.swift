/// How the lines of one cell or paragraph become one text, in every format: the lines of a
/// flattened text cell, a Word cell's paragraphs, a web page cell's paragraphs and breaks.
///
/// The rule: a space between two lines when the characters on both sides of the break are
/// visible ASCII, nothing otherwise. A break inside Latin-script text (`Article 5,` / `para 2`)
/// stood for a space; inside Chinese text (`结果维` / `持`) or between Chinese and a number
/// (`2023` / `年`) it stood for nothing, since Chinese is written without spaces. Keys drop
/// white space anyway, so the rule changes only the printed text (titles, messages), never a
/// label match or a figure.
public enum LineJoining {
    /// Appends `line` to the text of one cell, which starts at `cellStart` in `joined`, with the
    /// space the rule asks for.
    public static func append(_ line: ArraySlice<UInt8>, to joined: inout [UInt8], cellStart: Int = 0) {
        if joined.count > cellStart, let first = line.first, spaced(joined[joined.count - 1], first) { joined.append(0x20) }
        joined.append(contentsOf: line)
    }

    /// Appends a piece of text that may hold line breaks of its own (a Word or web page cell's
    /// paragraph with `<w:br/>` or `<br>` in it) line by line, each line trimmed as the lines
    /// of a text cell are.
    public static func appendLines(of text: ArraySlice<UInt8>, to joined: inout [UInt8], cellStart: Int = 0) {
        var start = text.startIndex
        for index in text.indices where text[index] == 0x0A || text[index] == 0x0D {
            appendTrimmed(text[start..<index], to: &joined, cellStart: cellStart)
            start = index + 1
        }
        appendTrimmed(text[start...], to: &joined, cellStart: cellStart)
    }

    private static func appendTrimmed(_ line: ArraySlice<UInt8>, to joined: inout [UInt8], cellStart: Int) {
        let trimmed = line.withByteView { UTF8Scanning.trimmedRange($0) }
        guard !trimmed.isEmpty else { return }
        append(line[(line.startIndex + trimmed.lowerBound)..<(line.startIndex + trimmed.upperBound)], to: &joined, cellStart: cellStart)
    }

    /// True when a break between these two bytes (the last before it, the first after it) is
    /// written as a space.
    @inlinable
    public static func spaced(_ last: UInt8, _ first: UInt8) -> Bool {
        isVisibleASCII(last) && isVisibleASCII(first)
    }

    @inlinable
    static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}
