import Glibc
import NianbaoCore
import NianbaoDocuments
import NianbaoFiles

/// Reads a file named on the command line and checks it; any failure to read is a verdict.
enum CheckedFile {
    static func check(path: String, limit: Int) -> CheckOutcome {
        switch read(path: path, limit: limit) {
        case .success(let bytes): DocumentReader.check(bytes)
        case .failure(let failure): .unreadable(failure)
        }
    }

    private static func read(path: String, limit: Int) -> Result<[UInt8], ReadingFailure> {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
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
