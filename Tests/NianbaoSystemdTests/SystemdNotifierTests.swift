import Foundation
import Testing
@testable import NianbaoSystemd

/// These tests set NOTIFY_SOCKET and WATCHDOG_*: the process environment is shared, so they
/// run one at a time, and each restores what it changed.
@Suite(.serialized) struct SystemdNotifierTests {
    let notifier = SystemdNotifier()

    @Test func datagramsAreExact() throws {
        let folder = try TemporaryFolder()
        let socket = try DatagramSocket(boundTo: folder.path + "/notify")
        try withEnvironment(["NOTIFY_SOCKET": socket.path]) {
            #expect(notifier.isEnabled)

            #expect(try notifier.ready(status: "watching 3 folders") == .sent)
            #expect(try socket.receive() == "READY=1\nSTATUS=watching 3 folders")

            try notifier.ready()
            #expect(try socket.receive() == "READY=1")

            try notifier.status("57 reports, 1 rejected")
            #expect(try socket.receive() == "STATUS=57 reports, 1 rejected")

            let before = SystemdNotifier.monotonicMicroseconds()
            try notifier.reloading()
            let reloading = try socket.receive()
            let after = SystemdNotifier.monotonicMicroseconds()
            let lines = reloading.split(separator: "\n", omittingEmptySubsequences: false)
            try #require(lines.count == 2, "\(reloading)")
            #expect(lines[0] == "RELOADING=1")
            #expect(lines[1].hasPrefix("MONOTONIC_USEC="))
            let usecText = lines[1].dropFirst("MONOTONIC_USEC=".count)
            #expect(usecText.allSatisfy(\.isASCII) && usecText.allSatisfy(\.isNumber))
            let usec = try #require(UInt64(usecText))
            #expect((before...after).contains(usec))

            try notifier.stopping()
            #expect(try socket.receive() == "STOPPING=1")

            try notifier.watchdogPing()
            #expect(try socket.receive() == "WATCHDOG=1")

            try notifier.extendTimeout(by: .seconds(90))
            #expect(try socket.receive() == "EXTEND_TIMEOUT_USEC=90000000")

            // The environment is left alone (sd_notify was told not to unset it).
            #expect(ProcessInfo.processInfo.environment["NOTIFY_SOCKET"] == socket.path)
        }
    }

    @Test func statusCannotInjectAssignments() throws {
        let folder = try TemporaryFolder()
        let socket = try DatagramSocket(boundTo: folder.path + "/notify")
        try withEnvironment(["NOTIFY_SOCKET": socket.path]) {
            try notifier.status("agency-a/x\nREADY=1\tdone")
            #expect(try socket.receive() == "STATUS=agency-a/x READY=1 done")
        }
    }

    @Test func withoutNotifySocketNothingIsSent() throws {
        try withEnvironment(["NOTIFY_SOCKET": nil]) { () throws in
            #expect(!notifier.isEnabled)
            #expect(try notifier.ready(status: "x") == .notSupervised)
            #expect(try notifier.watchdogPing() == .notSupervised)
        }
        withEnvironment(["NOTIFY_SOCKET": ""]) {
            #expect(!notifier.isEnabled)
        }
    }

    @Test func vanishedNotifySocketThrows() throws {
        let folder = try TemporaryFolder()
        withEnvironment(["NOTIFY_SOCKET": folder.path + "/gone"]) {
            #expect(throws: SystemdNotifyError(errno: ENOENT, state: "READY=1")) { try notifier.ready() }
        }
    }

    @Test func watchdogInterval() {
        withEnvironment(["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": String(getpid())]) {
            #expect(notifier.watchdogInterval == .seconds(2))
        }
        withEnvironment(["WATCHDOG_USEC": "1500", "WATCHDOG_PID": nil]) {
            #expect(notifier.watchdogInterval == .microseconds(1500))
        }
        // Meant for another process (e.g. inherited by a child of the service).
        withEnvironment(["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": String(getpid() + 1)]) {
            #expect(notifier.watchdogInterval == nil)
        }
        withEnvironment(["WATCHDOG_USEC": "soon", "WATCHDOG_PID": nil]) {
            #expect(notifier.watchdogInterval == nil)
        }
        withEnvironment(["WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) {
            #expect(notifier.watchdogInterval == nil)
        }
        // Read, never consumed.
        withEnvironment(["WATCHDOG_USEC": "3000000", "WATCHDOG_PID": nil]) {
            _ = notifier.watchdogInterval
            #expect(ProcessInfo.processInfo.environment["WATCHDOG_USEC"] == "3000000")
        }
    }
}

/// Sets (or with nil, unsets) variables for the duration of `body`, then restores them.
private func withEnvironment(_ changes: [String: String?], _ body: () throws -> Void) rethrows {
    let saved = changes.keys.map { ($0, getenv($0).map { String(cString: $0) }) }
    for (name, value) in changes {
        if let value { setenv(name, value, 1) } else { unsetenv(name) }
    }
    defer {
        for (name, value) in saved {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
    }
    try body()
}
