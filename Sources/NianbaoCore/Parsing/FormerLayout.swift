/// The superseded 2019 layout, recognised by the column and row names only it has
/// (`LayoutMarkers`).
enum FormerLayout {
    /// Markers found in table cells (never in prose, which may well mention 政府集中采购).
    static func scan(_ tokens: [TableToken]) -> (formerMarkers: [String], hasCurrentMarkers: Bool) {
        var former: [String] = []
        var current = false
        // Held for the loop: going through the statics checks their initialisation every time.
        let markers = LayoutMarkers.standard
        let prefilter = markers.prefilter, markerPhrases = markers.formerPhrases, currentPhrases = markers.currentPhrases
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
