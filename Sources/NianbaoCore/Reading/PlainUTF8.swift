extension TextDecoder {
    /// True when the bytes are valid UTF-8 with neither a byte order mark nor a NUL: text that is
    /// read as it is, with nothing to decode (the web page reader's common case).
    public static func isPlainUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Survey($0) != nil }
    }
}
