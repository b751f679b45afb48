import Glibc
import NianbaoCore
import NianbaoDocuments
import NianbaoFiles

/// Reads a file named on the command line and checks it; any failure to read is a verdict.
enum CheckedFile {
    /// `path`: the argument's own bytes (a GBK name from a Windows archive is not UTF-8, and a
    /// String would change it).
    static func check(path: [UInt8], limit: Int) -> CheckOutcome {
        switch read(path: path, limit: limit) {
        case .success(let bytes): DocumentReader.check(bytes)
        case .failure(let failure): .unreadable(failure)
        }
    }

    private static func read(path: [UInt8], limit: Int) -> Result<[UInt8], ReadingFailure> {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        let descriptor = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY) }
        }
        guard descriptor >= 0 else { return .failure(openFailure(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(openFailure(errno)) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            let kind = status.st_mode & S_IFMT == S_IFDIR ? ("目录", "a directory") : ("管道、套接字或设备", "a FIFO, socket or device")
            return .failure(ReadingFailure(code: .nb101, message: "不是普通文件，而是\(kind.0)", messageEnglish: "not a regular file but \(kind.1)"))
        }
        switch SafeFileReader.readBounded(fd: descriptor, sizeHint: Int64(status.st_size), limit: Int64(limit)) {
        case .complete(let bytes):
            return .success(bytes)
        case .failed(let code):
            return .failure(openFailure(code))
        case .tooLarge:
            return .failure(ReadingFailure(
                code: .nb102, message: "文件超过大小上限（\(limit)字节）；请压缩图片或删除与报告无关的内容后重新提交",
                messageEnglish: "the file is larger than the limit of \(limit) bytes; remove embedded images or unrelated content"))
        }
    }

    private static func openFailure(_ code: Int32) -> ReadingFailure {
        switch code {
        case ENOENT: ReadingFailure(code: .nb101, message: "文件不存在或已被移走", messageEnglish: "the file does not exist or has vanished")
        case EACCES, EPERM: ReadingFailure(code: .nb101, message: "没有读取该文件的权限；请检查文件权限", messageEnglish: "permission denied; check the file's permissions")
        case ELOOP: ReadingFailure(code: .nb101, message: "符号链接循环", messageEnglish: "a symbolic link loop")
        default: ReadingFailure(code: .nb101, message: "无法读取文件（错误\(code)：\(String(cString: strerror(code)))）", messageEnglish: "the file could not be read (errno \(code): \(String(cString: strerror(code))))")
        }
    }
}

/// The command line's arguments as the bytes the kernel passed: `CommandLine.arguments` (and so
/// ArgumentParser) repairs what is not UTF-8, and a repaired name names no file.
enum RawArguments {
    /// The raw bytes of each of `parsed` (positional arguments, in order), found in argv in order.
    static func bytes(of parsed: [String]) -> [[UInt8]] {
        let argv = (1..<Int(CommandLine.argc)).map { index -> [UInt8] in
            guard let pointer = CommandLine.unsafeArgv[index] else { return [] }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
        }
        var next = 0
        return parsed.map { argument in
            var index = next
            while index < argv.count, String(decoding: argv[index], as: UTF8.self) != argument { index += 1 }
            guard index < argv.count else { return Array(argument.utf8) }
            next = index + 1
            return argv[index]
        }
    }
}
