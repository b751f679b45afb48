import NianbaoCore

extension PDFLayout {
    /// Reads one table from its first header line to the line after its last row.
    struct TableReader {
        struct Row {
            var labels: [Chunk] = []
            var values: [Chunk] = []
            var isHeader = false
            /// A row of the table's own (not a group label on lines of its own): its blank cells
            /// are cells even when it has no number at all.
            var isDataRow = false
            /// The value columns' middles when the row was read (table 二 changes them per block).
            var columns: [Double] = []
        }

        let kind: TableKind
        let lines: [Line]
        let start: Int
        private(set) var rows: [Row] = []
        /// The value columns' middles, left to right, when the header words were found.
        private var anchors: [Double] = []
        /// Where the value columns begin when the header's words say so (table 二's blocks).
        private var leftOfValues: Double?
        /// The header's lines (table 三 and 四), to know them when a later page repeats them.
        private var headerTexts: Set<String> = []

        init(kind: TableKind, lines: [Line], start: Int) {
            self.kind = kind
            self.lines = lines
            self.start = start
        }

        static func isValueText(_ text: String) -> Bool {
            let plain = text.withoutSpaces
            guard !plain.isEmpty, plain.count <= 16 else { return false }
            if ["/", "-", "—", "－", "无", "——", "\\"].contains(plain) { return true }
            // `1.` or `2．` on a line of its own is the start of a stacked row label.
            if plain.hasSuffix(".") || plain.hasSuffix("．") || plain.hasSuffix("、") { return false }
            return plain.unicodeScalars.allSatisfy { $0.isDigitLike || ".．,，".unicodeScalars.contains($0) } && plain.unicodeScalars.contains(where: \.isDigitLike)
        }

        /// Where the value columns begin: left of the first anchor by half a column.
        private var valueBoundary: Double? {
            if let boundary = leftOfValues { return boundary }
            guard let first = anchors.first else { return nil }
            let spacing = anchors.count > 1 ? (anchors[anchors.count - 1] - first) / Double(anchors.count - 1) : 40
            return first - spacing * 0.6
        }

        private func split(_ line: Line) -> (labels: [Chunk], values: [Chunk]) {
            var labels: [Chunk] = [], values: [Chunk] = []
            for chunk in line.chunks {
                if Self.isValueText(chunk.text), valueBoundary.map({ chunk.centerX >= $0 }) ?? (chunk !== line.chunks.first) {
                    values.append(chunk)
                } else {
                    labels.append(chunk)
                }
            }
            return (labels, values)
        }

        /// Header chunks stacked in one column (a header word split over lines, or one character
        /// per line down a narrow cell), top to bottom: chunks whose middles are within most of a
        /// character of each other. A header spanning several columns joins the one under its
        /// middle, which still contains that column's own word.
        static func stacks(_ header: [Line]) -> [(text: String, centerX: Double)] {
            var stacks: [(chunks: [Chunk], centerX: Double, minX: Double, size: Double)] = []
            for line in header {
                for chunk in line.chunks {
                    // Centred cells stack on their middle, left-aligned ones on their left edge.
                    if let index = stacks.firstIndex(where: { abs($0.centerX - chunk.centerX) <= $0.size * 0.8 || abs($0.minX - chunk.minX) <= $0.size * 0.5 }) {
                        stacks[index].chunks.append(chunk)
                        // The narrowest chunk says where the column is.
                        if chunk.width < stacks[index].chunks.map(\.width).min()! + 0.01 {
                            stacks[index].centerX = chunk.centerX
                            stacks[index].minX = chunk.minX
                        }
                    } else {
                        stacks.append(([chunk], chunk.centerX, chunk.minX, line.size))
                    }
                }
            }
            return stacks.map { stack in
                (stack.chunks.sorted { ($0.minY, $0.minX) < ($1.minY, $1.minX) }.map(\.text.withoutSpaces).joined(), stack.centerX)
            }.sorted { $0.centerX < $1.centerX }
        }

        /// The header words that name value columns, one per column, left to right: each stack
        /// is the column of the longest column name it contains.
        private func columnAnchors(in header: [Line]) -> [Double] {
            let names = kind.columns.names
            var anchors: [Double] = []
            for stack in Self.stacks(header) {
                guard names.contains(where: { stack.text.has($0) }) else { continue }
                anchors.append(stack.centerX)
            }
            return anchors
        }

        /// Reads lines from `start`; returns the index of the first line after the table.
        mutating func read() -> Int {
            if kind == .disclosure { return readDisclosure() }
            var index = start
            var header: [Line] = []
            // The header: up to the first line with a number or a row marker.
            while index < lines.count {
                let line = lines[index]
                if index > start, line.chunks.contains(where: { Self.isValueText($0.text) }) || (kind == .applications && line.chunks.contains(where: { Marker.startsItem($0.text) && !Marker.isGroupLabel($0.text) })) { break }
                if index > start, Marker.isHeading(line.text) { break }
                header.append(line)
                rows.append(Row(labels: line.chunks, values: [], isHeader: true))
                index += 1
            }
            // The numbers' own columns when every column has one somewhere (they sit exactly where
            // they are, whatever the header cells do); else the header words' columns.
            anchors = numberColumns(from: index)
            if anchors.isEmpty {
                anchors = columnAnchors(in: header)
                if anchors.count != kind.columns.count { anchors = [] }
            }
            headerTexts = Set(header.map(\.text.withoutSpaces))
            return kind == .applications ? readApplicationRows(from: index) : readReviewRow(from: index)
        }

        /// The header repeated at the top of a later page (WPS's and Word's "repeat header rows"):
        /// from a page's first line, the lines that are lines of the header; the index after them,
        /// or nil when `index` starts no such run. They are skipped, not read as a new table.
        /// (Single header words alone do not count: labels stacked one character per line share
        /// characters with the header's.)
        private func repeatedHeaderEnd(at index: Int) -> Int? {
            guard index > start, lines[index - 1].page != lines[index].page, headerTexts.contains(lines[index].text.withoutSpaces) else { return nil }
            var end = index
            while end < lines.count, lines[end].page == lines[index].page, headerTexts.contains(lines[end].text.withoutSpaces) { end += 1 }
            return end
        }

        /// Table 四's one data row, from the first line after its header: every number up to the
        /// first line without one. Its cells are in several fonts, so the numbers sit on two or
        /// three baselines, and a number too long for its narrow cell wraps (`1` over `1` is 11).
        private mutating func readReviewRow(from first: Int) -> Int {
            var index = first
            var row = Row(labels: [], values: [], isHeader: false, columns: anchors)
            while index < lines.count {
                if let end = repeatedHeaderEnd(at: index) { index = end; continue }
                let line = lines[index]
                if Marker.isHeading(line.text) || TableKind.starting(line) != nil { break }
                let (labels, values) = split(line)
                // Prose across the value columns: the table is over.
                if let boundary = valueBoundary, labels.contains(where: { $0.minX < boundary - 1 && $0.maxX > boundary + 2 * line.size }) { break }
                // A header repeated on the next page.
                if values.isEmpty, columnAnchors(in: [line]).count >= 2 { index += 1; continue }
                if values.isEmpty, !row.values.isEmpty { break }
                row.labels += labels
                row.values += values
                index += 1
            }
            rows.append(row)
            return index
        }

        /// Table 二 (第二十条 items): blocks of a `第二十条` line, a header (`信息内容` and the value columns' words)
        /// and rows. Each block's rows are made when the block ends: a row starts where its label
        /// does (a label wrapped over lines, or stacked one character per line, is one row until
        /// it reads as one of the table's row labels), and its numbers are those in its band.
        private mutating func readDisclosure() -> Int {
            // The 2021 layout's row labels (the core's schema), and the superseded 2019 layout's own.
            let rowLabels = DisclosureItem.allCases.flatMap(\.acceptedLabels) + ["其他对外管理服务事项", "政府集中采购"]
            var index = start
            var header: [Line] = []
            var inHeader = false
            // The block being read: its label lines and its numbers, made into rows when it ends.
            var labelLines: [[Chunk]] = []
            var blockValues: [Chunk] = []
            // The label column's left edge (the first line may be a centred `第二十条…`).
            let tableLeft = lines[start..<min(start + 8, lines.count)].flatMap(\.chunks).map(\.minX).min()!
            func finishBlock() {
                rows += Self.bandRows(labelLines: labelLines, values: blockValues, columns: anchors) { row, position in
                    let line = labelLines[position]
                    // No known label has more than ten characters: a longer run of chunks is none,
                    // and its last few say where it ends (an endless hostile label costs no more per line).
                    if row.count <= 10 {
                        let label = Self.labelText(row), next = Self.labelText(line)
                        if rowLabels.contains(label) { return false }
                        // A known label's next part (`行政事` / `业性收费`, `规` / `章`).
                        if rowLabels.contains(where: { $0.hasPrefix(label + next) }) { return true }
                        if rowLabels.contains(where: { $0.hasPrefix(label) }) { return false }
                    }
                    // A label the table does not know: its lines wrap close together in one cell.
                    let recent = row.suffix(10)
                    let bottom = recent.map(\.maxY).max()!, top = line.map(\.minY).min()!
                    let height = recent.map { $0.maxY - $0.minY }.max()!
                    return top - bottom < 0.5 * height
                }
                labelLines = []
                blockValues = []
            }
            while index < lines.count {
                let line = lines[index]
                let first = line.chunks[0].text.withoutSpaces
                if index > start, Marker.isHeading(line.text) || TableKind.starting(line).map({ $0 != .disclosure }) == true { break }
                if TableKind.isArticleLine(first) {
                    finishBlock()
                    rows.append(Row(labels: [line.chunks[0]], values: [], isHeader: true))
                    header = []
                    inHeader = true
                    index += 1
                    continue
                }
                // The rest of a wrapped `第二十条第（一）项` (not a header word `上一年项` / `目数量`
                // after a whole one).
                if inHeader, header.isEmpty, line.chunks.count == 1, first.hasSuffix("项"), let last = rows.indices.last, rows[last].isHeader,
                   !rows[last].labels[0].text.withoutSpaces.hasSuffix("项") {
                    rows[last].labels[0].text += first
                    index += 1
                    continue
                }
                if inHeader {
                    let hasValue = line.chunks.contains { Self.isValueText($0.text) }
                    // `信息内容`, possibly one character per line, then the first row's label: what
                    // starts left of where `信息内容` ends (a wrapped long label, `行政规范性文` / `件`,
                    // may start well left of a short centred one).
                    let labelWords = header.flatMap(\.chunks).filter { !$0.text.withoutSpaces.isEmpty && "信息内容".contains($0.text.withoutSpaces) }
                    let headerLabel = labelWords.sorted { ($0.minY, $0.minX) < ($1.minY, $1.minX) }.map(\.text.withoutSpaces).joined()
                    let labelRight = labelWords.map(\.maxX).max() ?? tableLeft + line.size * 1.5
                    let labelChunks = line.chunks.filter { $0.minX < labelRight }
                    if !hasValue, !(headerLabel.has("信息内容") && !labelChunks.isEmpty) {
                        header.append(line)
                        index += 1
                        continue
                    }
                    // The header is over: its value columns are where its stacks are.
                    inHeader = false
                    // Three columns under `本年制发件数…`; otherwise one, under all the header's words
                    // (`本年处理决定` / `数量` may wrap anywhere in its merged cell).
                    // Right of `信息内容` (whole, or one character per line), or right of the label column.
                    let valueSide = header.flatMap(\.chunks).filter { $0.minX >= labelRight }
                    let headerStacks = Self.stacks(header).filter { $0.centerX > labelRight }
                    var stacks = headerStacks.filter { stack in DisclosureItem.rules.columns.contains { stack.text.has($0.label) } }
                    // The 2019 layout's columns (`本年新制作数量`, `上一年项目数量` / `本年增/减` /
                    // `处理决定数量`, `采购项目数量` / `采购总金额`), when every header stack is one.
                    if stacks.count != 3, headerStacks.count >= 2, headerStacks.allSatisfy({ stack in Self.formerColumnNames.contains { stack.text.has($0) } }) {
                        stacks = headerStacks
                    }
                    if stacks.count != 3, stacks.count < 2 || stacks.count != headerStacks.count, let left = valueSide.map(\.minX).min(), let right = valueSide.map(\.maxX).max() {
                        let text = valueSide.sorted { ($0.minY, $0.minX) < ($1.minY, $1.minX) }.map(\.text.withoutSpaces).joined()
                        stacks = [(text, (left + right) / 2)]
                    }
                    anchors = stacks.map(\.centerX)
                    leftOfValues = valueSide.map(\.minX).min().map { $0 - line.size * 0.5 }
                    rows.append(Row(labels: [Chunk(text: "信息内容", minX: 0, maxX: 0, minY: 0, maxY: 0)] + stacks.map { Chunk(text: $0.text, minX: 0, maxX: 0, minY: 0, maxY: 0) }, values: [], isHeader: true))
                }
                let (labels, values) = split(line)
                if let boundary = valueBoundary, labels.contains(where: { $0.minX < boundary - 1 && $0.maxX > boundary + 2 * line.size }) { break }
                if !labels.isEmpty { labelLines.append(labels) }
                blockValues += values
                index += 1
            }
            finishBlock()
            return index
        }

        /// Table 三's rows, from the first line after its header. A row starts at a line with a
        /// row marker (`一、`, `（一）`, `1.`) that is no group label, and holds the numbers in its
        /// band (see `bandRows`), whatever line they sit on.
        private mutating func readApplicationRows(from first: Int) -> Int {
            var index = first
            var labelLines: [[Chunk]] = []
            var values: [Chunk] = []
            var lastRowStarted = false
            while index < lines.count {
                if let end = repeatedHeaderEnd(at: index) { index = end; continue }
                let line = lines[index]
                if Marker.isHeading(line.text) || TableKind.starting(line) != nil { break }
                // A header repeated on the next page.
                if !line.chunks.contains(where: { Self.isValueText($0.text) }), columnAnchors(in: [line]).count >= 2 { index += 1; continue }
                let (labels, lineValues) = splitByColumns(line)
                // Prose across the value columns: the table is over.
                if let boundary = valueBoundary, labels.contains(where: { $0.minX < boundary - 1 && $0.maxX > boundary + 2 * line.size }) { break }
                // After the last row (四、结转下年度继续办理), a row is no longer table 三's.
                if lastRowStarted, labels.contains(where: { Marker.startsItem($0.text) && !Marker.isGroupLabel($0.text) }) { break }
                if labels.contains(where: { $0.text.withoutSpaces.hasPrefix("四、") || $0.text.withoutSpaces.has("结转下年度") }) { lastRowStarted = true }
                if !labels.isEmpty { labelLines.append(labels) }
                values += lineValues
                index += 1
            }
            let starts = Self.applicationRowStarts(labelLines)
            rows += Self.bandRows(labelLines: labelLines, values: values, columns: anchors,
                                  startsDataRow: { starts[$0] != nil },
                                  bandChunks: { row, line in
                                      // The row label's own cell: its first chunk and what continues it
                                      // right below, not a merged group label beside it. A row split by
                                      // a page break continues at the top of the next page (its numbers
                                      // may be there, under the running header).
                                      guard let head = starts[line] else { return row }
                                      var band = [head]
                                      var bottom = head.maxY
                                      func page(_ y: Double) -> Int { Int(y / PDFLayout.pageStride) }
                                      for chunk in row.sorted(by: { $0.minY < $1.minY }) where chunk.minY > head.minY
                                          && chunk.maxX > head.minX && chunk.minX < head.maxX && !Marker.isGroupLabel(chunk.text) {
                                          let nextPage = page(chunk.minY) == page(bottom) + 1
                                          guard nextPage || chunk.minY - bottom < 0.5 * (head.maxY - head.minY) else { break }
                                          band.append(chunk)
                                          bottom = max(bottom, chunk.maxY)
                                      }
                                      return band
                                  },
                                  continues: { _, line in starts[line] == nil })
            return index
        }

        /// The label chunk each line of table 三 starts a row with, by line. A group label with
        /// its own marker (`（六）其他处理`) starts a row of its own when no numbered row (`1.`)
        /// follows it: the 2019 layout's （六） is one row, the 2021 layout's a group of three.
        static func applicationRowStarts(_ labelLines: [[Chunk]]) -> [Int: Chunk] {
            var starts: [Int: Chunk] = [:]
            let ordered = labelLines.enumerated().flatMap { line in line.element.sorted { $0.minX < $1.minX }.map { (line.offset, $0) } }
            // Each chunk's markers once: labels stacked one character per line make many chunks.
            let marked = ordered.map { Marker.startsItem($0.1.text) }
            let grouped = ordered.indices.map { marked[$0] && Marker.isGroupLabel(ordered[$0].1.text) }
            // A chunk and what its cell continues with on the lines below (`（一）` / `予以公开`).
            func wholeLabel(_ line: Int, _ chunk: Chunk) -> String {
                var text = chunk.text.withoutSpaces
                for below in labelLines[(line + 1)...].prefix(3) {
                    let parts = below.filter { $0.minX < chunk.maxX && chunk.minX < $0.maxX }
                    if parts.isEmpty { continue }
                    if parts.contains(where: { Marker.startsItem($0.text) }) { break }
                    text += parts.map(\.text.withoutSpaces).joined()
                }
                return text
            }
            // For each chunk, the first row marker after it that is no group label (one sweep from the end).
            var nextRowMarker = [Int?](repeating: nil, count: ordered.count)
            var following: Int?
            for position in ordered.indices.reversed() {
                nextRowMarker[position] = following
                if marked[position] && !grouped[position] { following = position }
            }
            for (position, (line, chunk)) in ordered.enumerated() where starts[line] == nil && marked[position] {
                guard let first = chunk.text.withoutSpaces.first else { continue }
                let bracketed = first == "（" || first == "("
                if !grouped[position] || (bracketed && !Marker.isGroupLabel(wholeLabel(line, chunk))) { starts[line] = chunk; continue }
                guard bracketed else { continue }
                if let next = nextRowMarker[position], ordered[next].1.text.withoutSpaces.unicodeScalars.first?.isDigitLike == true { continue }
                starts[line] = chunk
            }
            return starts
        }

        /// Labels and numbers of a line of table 三: what lies right of the label columns is a
        /// value cell whatever it holds (`不详` is a cell's text, for the checks to judge).
        private func splitByColumns(_ line: Line) -> (labels: [Chunk], values: [Chunk]) {
            guard let boundary = valueBoundary, anchors.count > 1 else { return split(line) }
            let spacing = (anchors[anchors.count - 1] - anchors[0]) / Double(anchors.count - 1)
            var labels: [Chunk] = [], values: [Chunk] = []
            for chunk in line.chunks {
                if Self.isValueText(chunk.text) && chunk.centerX >= boundary || chunk.minX >= boundary && chunk.width < spacing {
                    values.append(chunk)
                } else {
                    labels.append(chunk)
                }
            }
            return (labels, values)
        }

        /// The value columns of table 二 in the superseded 2019 layout.
        static let formerColumnNames = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减", "处理决定数量", "采购项目数量", "采购总金额"]

        /// A row label's text: its chunks top to bottom, without spaces.
        static func labelText(_ chunks: [Chunk]) -> String {
            chunks.sorted { ($0.minY, $0.minX) < ($1.minY, $1.minX) }.map(\.text.withoutSpaces).joined()
        }

        /// Rows by vertical bands. A row starts at a label line unless `continues` says that line
        /// goes on the row's label; the row's band is the vertical extent of its label. Each
        /// number belongs to the row whose band holds its vertical middle, or the nearest band
        /// when it lies between two: cells in several fonts put one row's numbers on several
        /// baselines, above or below the label's, and WPS centres them on a wrapped label's
        /// middle line, so neither a line nor a cell's top says which row a number is in.
        /// `bandChunks` picks the chunks of a row's label that make its band (not a merged group
        /// label beside it, which spans many rows).
        static func bandRows(labelLines: [[Chunk]], values: [Chunk], columns: [Double],
                             startsDataRow: (_ line: Int) -> Bool = { _ in true },
                             bandChunks: (_ row: [Chunk], _ firstLine: Int) -> [Chunk] = { row, _ in row },
                             continues: (_ row: [Chunk], _ line: Int) -> Bool) -> [Row] {
            var rows: [Row] = []
            var firstLines: [Int] = []
            for (position, line) in labelLines.enumerated() {
                if let last = rows.indices.last, continues(rows[last].labels, position) {
                    rows[last].labels += line
                } else {
                    rows.append(Row(labels: line, values: [], isHeader: false, isDataRow: startsDataRow(position), columns: columns))
                    firstLines.append(position)
                }
            }
            // Numbers go to data rows only (not to group labels on lines of their own before them).
            let holders = rows.indices.filter { rows[$0].isDataRow }
            guard !values.isEmpty else { return rows }
            guard !holders.isEmpty else { return rows + [Row(labels: [], values: values, isHeader: false, columns: columns)] }
            let bands = holders.map { row -> (top: Double, bottom: Double) in
                let own = bandChunks(rows[row].labels, firstLines[row])
                let chunks = own.isEmpty ? rows[row].labels : own
                return (chunks.map(\.minY).min()!, chunks.map(\.maxY).max()!)
            }
            // Rows follow each other down the page, so a number is compared with the few bands
            // whose tops are nearest its middle, not with all of them: a hostile table of
            // thousands of rows costs no more per number. (Ties go to the earlier row.)
            let order = bands.indices.sorted { (bands[$0].top, $0) < (bands[$1].top, $1) }
            for value in values {
                let middle = (value.minY + value.maxY) / 2
                var low = 0, high = order.count
                while low < high {
                    let half = (low + high) / 2
                    if bands[order[half]].top <= middle { low = half + 1 } else { high = half }
                }
                var nearest = order[max(0, low - 1)], nearestDistance = Double.infinity
                for position in max(0, low - 4)..<min(order.count, low + 2) {
                    let band = order[position], extent = bands[band]
                    let distance = max(0, extent.top - middle, middle - extent.bottom)
                    if distance < nearestDistance || (distance == nearestDistance && band < nearest) { nearest = band; nearestDistance = distance }
                }
                rows[holders[nearest]].values.append(value)
            }
            return rows
        }

        /// Without header words: the columns the numbers of the table's lines line up in, when
        /// there are as many as the table has.
        private func numberColumns(from index: Int) -> [Double] {
            var middles: [(x: Double, size: Double)] = []
            var position = index
            while position < lines.count, position < index + 80, !Marker.isHeading(lines[position].text) {
                for chunk in lines[position].chunks where Self.isValueText(chunk.text) { middles.append((chunk.centerX, lines[position].size)) }
                position += 1
            }
            middles.sort { $0.x < $1.x }
            var clusters: [[Double]] = []
            for middle in middles {
                if let last = clusters.last?.last, middle.x - last <= middle.size { clusters[clusters.count - 1].append(middle.x) } else { clusters.append([middle.x]) }
            }
            let columns = clusters.map { $0.reduce(0, +) / Double($0.count) }
            return columns.count == kind.columns.count ? columns : []
        }

        func write(to assembler: inout BlockAssembler) {
            assembler.startTable()
            for row in rows {
                assembler.startRow()
                if row.isHeader {
                    for chunk in row.labels { cell(chunk.text, &assembler) }
                    continue
                }
                for label in labelCells(row.labels) { cell(label, &assembler) }
                // A label without numbers (a merged group label on lines of its own) is no row
                // of blanks; a row with some numbers has its blanks where they are.
                if row.values.isEmpty, kind != .disclosure, !row.isDataRow { continue }
                for value in valueCells(row.values, columns: row.columns) { cell(value, &assembler) }
            }
            assembler.endTable()
        }

        private func cell(_ text: String, _ assembler: inout BlockAssembler) {
            assembler.startCell()
            var bytes = Array(text.utf8)
            if !bytes.isEmpty { bytes.withUnsafeBufferPointer { assembler.text($0) } }
            bytes.removeAll()
            assembler.endCell()
        }

        /// The label chunks of a row grouped into the cells they overlap in x (a merged group
        /// label beside the row's own label), each cell's lines joined top to bottom.
        private func labelCells(_ chunks: [Chunk]) -> [String] {
            var groups: [[Chunk]] = []
            for chunk in chunks.sorted(by: { $0.minX < $1.minX }) {
                // Overlapping, or touching on another line (`行政事` / `业性收费` wrapped in one cell).
                if let index = groups.firstIndex(where: { $0.contains { $0.minX < chunk.maxX + 1 && chunk.minX < $0.maxX + 1 && ($0.minX < chunk.maxX || $0.minY != chunk.minY) } }) {
                    groups[index].append(chunk)
                } else {
                    groups.append([chunk])
                }
            }
            return groups.map { group in
                var joined: [UInt8] = []
                for chunk in group.sorted(by: { ($0.minY, $0.minX) < ($1.minY, $1.minX) }) { LineJoining.append(Array(chunk.text.utf8)[...], to: &joined) }
                return String(decoding: joined, as: UTF8.self)
            }
        }

        /// Each number in the column nearest its middle; columns without one are blank cells.
        private func valueCells(_ chunks: [Chunk], columns anchors: [Double]) -> [String] {
            guard !anchors.isEmpty else { return chunks.sorted { $0.minX < $1.minX }.map(\.text.withoutSpaces) }
            // A number centred on the middle between two columns is a cell spanning both (a row
            // short of a cell, its last cell widened): it cannot be aligned, so the row's numbers
            // are given as they are and the checks say so, as for the .docx.
            for chunk in chunks {
                guard let right = anchors.firstIndex(where: { $0 > chunk.centerX }), right > 0 else { continue }
                let spacing = anchors[right] - anchors[right - 1]
                if abs(chunk.centerX - (anchors[right] + anchors[right - 1]) / 2) < 0.04 * spacing {
                    return chunks.sorted { $0.minX < $1.minX }.map(\.text.withoutSpaces)
                }
            }
            var cells = [String](repeating: "", count: anchors.count)
            // Left to right on a line; a number wrapped in its narrow cell (`1` over `1`) top to bottom.
            let ordered = chunks.sorted { first, second in
                let firstMiddle = (first.minY + first.maxY) / 2, secondMiddle = (second.minY + second.maxY) / 2
                if abs(firstMiddle - secondMiddle) < 0.5 * min(first.maxY - first.minY, second.maxY - second.minY) { return first.minX < second.minX }
                return firstMiddle < secondMiddle
            }
            for chunk in ordered {
                let column = anchors.indices.min { abs(anchors[$0] - chunk.centerX) < abs(anchors[$1] - chunk.centerX) }!
                cells[column] += chunk.text.withoutSpaces
            }
            // Trailing columns a row does not reach (table 二's one-value rows) are not cells.
            if kind == .disclosure {
                while let last = cells.last, last.isEmpty, cells.count > 1 { cells.removeLast() }
            }
            return cells
        }
    }
}

private func !== (lhs: PDFLayout.Chunk, rhs: PDFLayout.Chunk?) -> Bool {
    guard let rhs else { return true }
    return lhs.minX != rhs.minX || lhs.minY != rhs.minY || lhs.text != rhs.text
}
