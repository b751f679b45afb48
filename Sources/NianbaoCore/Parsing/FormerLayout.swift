/// The superseded 2019 layout, recognised by the column and row names only it has.
enum FormerLayout {
    static let markerKeys = [
        "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减",
        "其他对外管理服务事项", "第二十条第(九)项", "政府集中采购", "采购项目数量", "采购总金额",
    ]

    /// Every marker of either layout contains one of these: most cells are rejected at once.
    static let prefilter: [Phrase] = ["本年", "对外", "上一年", "(九)", "采购", "现行有效"]
    static let markerPhrases = markerKeys.map { Phrase($0) }
    static let currentPhrases = currentKeys.map { Phrase($0) }

    /// Column names only the 2021 layout has.
    static let currentKeys = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"]

    /// Markers found in table cells (never in prose, which may well mention 政府集中采购).
    static func scan(_ tokens: [TableToken]) -> (formerMarkers: [String], hasCurrentMarkers: Bool) {
        var former: [String] = []
        var current = false
        // Held for the loop: going through the statics checks their initialisation every time.
        let prefilter = prefilter, markerPhrases = markerPhrases, currentPhrases = currentPhrases
        for case .cell(let cell) in tokens {
            // The phrase prefilter before the search for 。 in `isLabelLike`: it rules out most cells.
            guard cell.length <= 30, cell.length > 0, !CellShape.isValueLike(cell),
                  prefilter.contains(where: { cell.contains($0) }), CellShape.isLabelLike(cell) else { continue }
            for marker in markerPhrases where !former.contains(marker.text) && cell.contains(marker) {
                former.append(marker.text)
            }
            if !current { current = currentPhrases.contains(where: { cell.contains($0) }) }
        }
        return (former, current)
    }
}
