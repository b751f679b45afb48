import NianbaoLedger

/// The receipts of one batch: numbers set aside in the ledger for the files left in the batch
/// (one write transaction per batch and year, instead of one per judged file), given out as
/// files are judged, the rest given back when the batch is done.
struct ReceiptBook {
    private var reservations: [Int: ReceiptReservation] = [:]

    /// Gives `record` its receipt id, unless it has one (a re-checked version keeps its own) or
    /// its arrival year is unknown (`Ledger.record` then gives one at the commit).
    mutating func assign(_ record: inout JudgementRecord, batchLeft: Int, ledger: Ledger) throws(LedgerError) {
        guard record.receipt == nil, let year = record.arrivalYear else { return }
        if let receipt = reservations[year]?.take() {
            record.receipt = receipt
            return
        }
        var reservation = try ledger.reserveReceipts(year: year, count: batchLeft)
        record.receipt = reservation.take()
        reservations[year] = reservation
    }

    /// Gives the numbers not used back to the ledger; the next batch starts afresh.
    mutating func returnUnused(ledger: Ledger) throws(LedgerError) {
        defer { reservations.removeAll(keepingCapacity: true) }
        for reservation in reservations.values { try ledger.returnUnused(reservation) }
    }
}
