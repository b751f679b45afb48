import Glibc

/// Writes straight to file descriptor 1: Swift 6 mode has no `stdout` global, and print()
/// buffering would interleave badly with a daemon's stderr.
enum StandardOutput {
    static func write(_ text: String, to descriptor: Int32 = STDOUT_FILENO) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
