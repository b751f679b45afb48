/// Text that decodes but is mostly control characters is binary data that happened to decode.
enum ControlCharacters {
    static func tooMany(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // Scalars are the bytes that are not continuation bytes; C0 controls and DEL are one
            // byte, C1 controls (U+0080…U+009F) are C2 80…C2 9F.
            var total = 0, control = 0, index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if !CharacterClass.isContinuation(byte) { total += 1 }
                if CharacterClass.leadsControl(byte, index + 1 < bytes.count ? bytes[index + 1] : 0xFF) { control += 1 }
                index += 1
            }
            return tooMany(controls: control, of: total)
        }
    }

    static func tooMany(controls: Int, of scalars: Int) -> Bool {
        controls > 0 && controls * 100 > scalars  // more than 1%
    }
}
