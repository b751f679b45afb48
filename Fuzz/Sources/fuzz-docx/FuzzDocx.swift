import FuzzSupport
import NianbaoCore
import NianbaoDocuments

/// Word documents, two ways. An input that starts as a ZIP (`PK`) is a whole .docx and goes to
/// `DocumentReader.check` as it is: the container, ZIPFoundation and inflating are fuzzed. Any
/// other input is the text of `word/document.xml`, stored uncompressed in a one-entry ZIP made
/// here: mutations of deflated bytes almost never inflate, so the XML reader and the block
/// assembler are only reached this way.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocx(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    let document = bytes.starts(with: [0x50, 0x4B]) ? bytes : StoredZip.single("word/document.xml", bytes)
    FuzzSupport.render(DocumentReader.check(document))
    return 0
}
