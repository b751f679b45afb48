import NianbaoFiles

/// Files noticed but not yet judged, in arrival order, each once: a burst of events for the
/// same file (create, several writes, close) is judged once.
struct PendingQueue {
    private var order: [RelativePath] = []
    private var head = 0
    private var arrivals: [RelativePath: Int64] = [:]

    var count: Int { arrivals.count }
    var isEmpty: Bool { arrivals.isEmpty }

    func contains(_ path: RelativePath) -> Bool { arrivals[path] != nil }

    /// Keeps the earliest arrival when a path is noticed again before it is judged.
    mutating func add(_ path: RelativePath, arrivedAtMs: Int64) {
        if arrivals[path] == nil {
            arrivals[path] = arrivedAtMs
            order.append(path)
        }
    }

    mutating func take(_ limit: Int) -> [(path: RelativePath, arrivedAtMs: Int64)] {
        var taken: [(RelativePath, Int64)] = []
        while taken.count < limit, head < order.count {
            let path = order[head]
            head += 1
            if let arrival = arrivals.removeValue(forKey: path) { taken.append((path, arrival)) }
        }
        if head > 4096, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        return taken
    }
}
