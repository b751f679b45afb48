import ArgumentParser
import NianbaoDaemon

/// Which agencies have reported for the year: one line per agency, roster order then unknown agencies.
struct AgenciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agencies",
        abstract: "List every agency's state for the report year: missing, accepted, accepted_with_warnings, rejected or unreadable.",
        discussion: "Reads the daemon's configuration, roster and ledger (read-only: safe while the daemon runs).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @OptionGroup var office: OfficeOptions

    @Option(name: .long, help: "text (default, Chinese first), json (JSON Lines) or csv.")
    var format: Format = .text

    @Option(name: .long, help: "Only agencies in this state: missing, accepted, accepted_with_warnings, rejected, unreadable; or late, unknown.")
    var state: String?

    func validate() throws {
        if let state, AgencyState(rawValue: state) == nil, state != "late", state != "unknown" {
            throw ValidationError("--state must be one of missing, accepted, accepted_with_warnings, rejected, unreadable, late, unknown; not \(state)")
        }
    }

    func run() throws {
        let view = try office.load(withDetails: false)
        let lines = view.lines.filter { line in
            switch state {
            case nil: true
            case "late": line.late
            case "unknown": view.hasRoster && !line.onRoster
            case let wanted?: line.state.rawValue == wanted
            }
        }
        switch format {
        case .text: StandardOutput.write(AgencyListing.text(view, lines: lines))
        case .json:
            var out = ""
            for line in lines { out += AgencyListing.json(view, line: line).serialized() + "\n" }
            StandardOutput.write(out)
        case .csv: StandardOutput.write(AgencyListing.csv(view, lines: lines))
        }
    }
}
