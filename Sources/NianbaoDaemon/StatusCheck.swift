import Foundation

/// Reads a status file for `nianbao status`, the Nagios/Icinga plugin convention.
public struct StatusCheck: Sendable {
    public var exitCode: Int32
    public var line: String

    /// The monitoring-plugin guidelines reserve `|` in the text part (it starts the performance
    /// data) and take a line break as the end of the first line: a file name must bring neither.
    /// Escaped as the daemon escapes names (`\x7C`).
    static func pluginText(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": escaped += "\\x7C"
            case "\n": escaped += "\\x0A"
            case "\r": escaped += "\\x0D"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `updated_at_unix` of a status file, nil when there is none or it cannot be read.
    static func updatedAtUnix(path: String) -> Int64? {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let updated = object["updated_at_unix"] as? Int else { return nil }
        return Int64(updated)
    }

    /// `warnDaysBeforeDeadline`: an OK daemon is a WARNING when the status file's deadline is at
    /// most this many days away (or past) and agencies are missing.
    public static func evaluate(path: String, now: TimeInterval, maxAgeSeconds: Int, warnDaysBeforeDeadline: Int = 7) -> StatusCheck {
        guard let data = FileManager.default.contents(atPath: path) else {
            if access(path, F_OK) == 0 || errno != ENOENT {
                let reason = access(path, R_OK) != 0 && (errno == EACCES || errno == EPERM)
                    ? "permission denied reading the status file \(path) (add this user to the status file's group, e.g. usermod -aG nianbao nagios)"
                    : "cannot read the status file \(path) (\(String(cString: strerror(errno))))"
                return StatusCheck(exitCode: 3, line: "NIANBAO UNKNOWN - \(reason)")
            }
            return StatusCheck(exitCode: 3, line: "NIANBAO UNKNOWN - no status file at \(path) (is nianbao watch running?)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let state = object["state"] as? String, let rawSummary = object["summary"] as? String,
              let updated = object["updated_at_unix"] as? Int else {
            return StatusCheck(exitCode: 3, line: "NIANBAO UNKNOWN - unreadable status file \(path)")
        }
        let summary = pluginText(rawSummary)
        let reports = object["reports"] as? [String: Int] ?? [:]
        let pending = object["pending"] as? Int ?? 0
        let perfdata = ["accepted", "accepted_with_warnings", "rejected", "unreadable"].map { "\($0)=\(reports[$0] ?? 0)" }
            + ["pending=\(pending)"]
        let age = Int(now) - updated
        if -age > maxAgeSeconds {
            // The clock was stepped back (or the file forged): the figures are not known to be current.
            return StatusCheck(exitCode: 2, line: "NIANBAO CRITICAL - status time \(-age) s in the future (clock stepped back?); last: \(summary) | \(perfdata.joined(separator: " "))")
        }
        if age > maxAgeSeconds {
            return StatusCheck(exitCode: 2, line: "NIANBAO CRITICAL - status not updated for \(age) s (daemon stopped?); last: \(summary) | \(perfdata.joined(separator: " "))")
        }
        let agencies = object["agencies"] as? [String: Any]
        let missing = agencies?["missing"] as? Int
        let daysLeft = (object["deadline"] as? [String: Any])?["days_left"] as? Int
        if state == "ok", let missing, missing > 0, let daysLeft, daysLeft <= warnDaysBeforeDeadline {
            let when = daysLeft >= 0 ? "deadline in \(daysLeft) day\(daysLeft == 1 ? "" : "s")" : "deadline passed \(-daysLeft) day\(daysLeft == -1 ? "" : "s") ago"
            let year = agencies?["year"] as? Int
            return StatusCheck(exitCode: 1, line: "NIANBAO WARNING - \(missing) agenc\(missing == 1 ? "y has" : "ies have") not reported\(year.map { " for \($0)" } ?? ""), \(when); \(summary) | \(perfdata.joined(separator: " ")) missing=\(missing) days_left=\(daysLeft)")
        }
        let (code, word): (Int32, String) = switch state {
        case "ok": (0, "OK")
        case "warning": (1, "WARNING")
        case "critical": (2, "CRITICAL")
        default: (3, "UNKNOWN")
        }
        return StatusCheck(exitCode: code, line: "NIANBAO \(word) - \(summary) | \(perfdata.joined(separator: " "))")
    }
}
