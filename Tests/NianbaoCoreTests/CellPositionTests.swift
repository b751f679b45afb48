import Testing
@testable import NianbaoCore
import ReportGenerator

/// A blank or a word in each structurally special place of the tables (first and last value of
/// every row of table 三, every cell of table 二, the ends of table 四's data row), in every
/// layout: the cell is read where it stands and only the relations through it say anything.
@Suite("Cells in special places")
struct CellPositionTests {
    static var specialCells: [CellRef] {
        DisclosureItem.allCases.flatMap { item in item.columns.indices.map { CellRef.two(item, $0) } }
            + ApplicationRow.allCases.flatMap { [CellRef.three($0, 0), CellRef.three($0, 6)] }
            + [0, 4, 5, 14].map(CellRef.four)
    }

    @Test("a blank cell anywhere is read as not stated", arguments: Layout.allCases)
    func blankCell(layout: Layout) {
        for (index, cell) in Self.specialCells.enumerated() {
            let seed = Seeds.seed(5, Layout.allCases.firstIndex(of: layout)!, index)
            var model = ReportModel.generate(seed: seed)
            model.statesReceivedWithCarriedOver = false
            model[cell] = .blank
            var rng = SplitMix64.derived(seed, 11)
            var options = RenderOptions.random(layout, rng.pick(TextEncodingChoice.allCases), rng.pick(LineEnding.allCases), rng: &rng)
            options.omitHeadingThree = false
            let generated = GeneratedCase(model: model, options: options)
            if !DefectTests.verify(generated, Defect.valueExpectation(model), defect: "blank \(cell)") { generated.keep() }
        }
    }

    @Test("text in a cell is NB301 where it stands", arguments: Layout.allCases)
    func textCell(layout: Layout) {
        let cells: [CellRef] = [.two(.rules, 0), .two(.licensing, 0), .two(.fees, 0), .three(.newReceived, 0), .three(.granted, 0),
                                .three(.partiallyGranted, 6), .three(.carriedForward, 6), .four(0), .four(7), .four(14)]
        for (index, cell) in cells.enumerated() {
            let seed = Seeds.seed(6, Layout.allCases.firstIndex(of: layout)!, index)
            var model = ReportModel.generate(seed: seed)
            model.statesReceivedWithCarriedOver = false
            model[cell] = .raw("abc", reads: .notANumber)
            let generated = GeneratedCase(model: model, options: RenderOptions(layout: layout))
            if !DefectTests.verify(generated, Defect.valueExpectation(model), defect: "abc in \(cell)") { generated.keep() }
        }
    }
}
