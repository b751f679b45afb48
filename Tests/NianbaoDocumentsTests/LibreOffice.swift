import Foundation
import TestTools

/// LibreOffice as the tests' PDF producer (`soffice --headless --convert-to pdf`, Debian's
/// libreoffice-writer-nogui, installed by `make test`).
enum LibreOffice {
    /// Converts `sources` to PDF into `folder` in one run (LibreOffice is slow to start), with a
    /// profile of its own (a LibreOffice the user has open does not take the conversion), at the
    /// lowest CPU priority: it takes a whole core for a minute, and the suite's daemon tests
    /// that wait seconds for a verdict ran out of time beside it on a 2-core machine.
    ///
    /// Run by `Tool.run`, which waits for it without holding a thread of the cooperative pool.
    static func convertToPDF(_ sources: [URL], into folder: URL) async throws {
        let arguments = ["-n", "19", "/usr/bin/soffice", "-env:UserInstallation=file://\(folder.path)/profile", "--headless",
                         "--convert-to", "pdf", "--outdir", folder.path] + sources.map(\.path)
        _ = try await Tool.run("/usr/bin/nice", arguments)
    }
}
