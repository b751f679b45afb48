import FuzzSupport
import NianbaoCore

/// Plain-text reports: decoding (UTF-8, GB18030, UTF-16), layout, the table and prose readers,
/// every rule. The core's pipeline with its one format (`ReportPipeline.plainText`), the same
/// `PlainTextFormat` that `DocumentReader`'s list holds for text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzSupport.render(ReportChecker.check(FuzzSupport.bytes(data, size)))
    return 0
}
