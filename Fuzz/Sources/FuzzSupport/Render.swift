import NianbaoCore

public enum FuzzSupport {
    /// The bytes libFuzzer hands over, copied: the readers take an array, as the daemon gives them.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Everything the daemon and `nianbao check` do with an outcome: the JSON line and the
    /// clerk's text. Rendering is fuzzed too, since every message quotes the document.
    public static func render(_ outcome: CheckOutcome) {
        let json = outcome.json(file: "agency/report").serialized()
        let text = outcome.clerkText(file: "agency/report")
        // Used, so that the optimiser keeps the work.
        if json.isEmpty || text.isEmpty || outcome.codes.count > outcome.findings.count {
            fatalError("an outcome rendered to nothing, or has more codes than findings")
        }
    }
}
