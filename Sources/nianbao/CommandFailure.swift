import Foundation
import NianbaoDaemon

/// Ends a command: `nianbao: <message>` on standard error, then `exitCode` (1 unless the
/// command's documented exit codes say otherwise, as `receipt`'s 2 for an unreadable ledger).
func fail(_ message: String, exitCode: Int32 = 1) -> Never {
    StandardOutput.write("nianbao: \(message)\n", to: 2)
    Foundation.exit(exitCode)
}

/// The configuration file (`--config`, else /etc/nianbao/nianbao.toml when it exists), for a
/// command to put its flags over; one that cannot be read ends the command with `exitCode`.
func loadConfiguration(_ path: String?, exitCode: Int32 = 1) -> DaemonConfiguration {
    do {
        return try DaemonConfiguration.load(path: path)
    } catch {
        fail(error.description, exitCode: exitCode)
    }
}
