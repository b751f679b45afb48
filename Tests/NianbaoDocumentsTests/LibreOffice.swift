import Foundation

/// LibreOffice as the tests' PDF producer (`soffice --headless --convert-to pdf`, Debian's
/// libreoffice-writer-nogui, installed by `make test`).
enum LibreOffice {
    /// Converts `sources` to PDF into `folder` in one run (LibreOffice is slow to start), with a
    /// profile of its own (a LibreOffice the user has open does not take the conversion), at the
    /// lowest CPU priority: it takes a whole core for a minute, and the suite's daemon tests
    /// that wait seconds for a verdict ran out of time beside it on a 2-core machine.
    ///
    /// The end is awaited through the termination handler, never `waitUntilExit()`: a test that
    /// blocks a thread of the cooperative pool (two threads on two cores) for that minute stops
    /// every other test's `await`, and a daemon test's 20 s wait ran out while it slept.
    static func convertToPDF(_ sources: [URL], into folder: URL) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
        process.arguments = ["-n", "19", "/usr/bin/soffice", "-env:UserInstallation=file://\(folder.path)/profile", "--headless",
                             "--convert-to", "pdf", "--outdir", folder.path] + sources.map(\.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (finished: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in finished.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                finished.resume(throwing: error)
            }
        }
    }
}
