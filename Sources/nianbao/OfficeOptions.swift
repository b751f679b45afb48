import ArgumentParser
import Foundation
import NianbaoDaemon

/// The options `nianbao agencies` and `nianbao export` share: the daemon's configuration,
/// ledger and roster, and the year.
struct OfficeOptions: ParsableArguments {
    @Option(name: .long, help: "TOML configuration. Default /etc/nianbao/nianbao.toml when it exists.")
    var config: String?

    @Option(name: .long, help: "Where the ledger lives (as for `watch`).")
    var stateDir: String?

    @Option(name: .long, help: "The drop folder, whose sub-folders are the agencies (as for `watch`).")
    var drop: String?

    @Option(name: .long, help: "The roster of agencies expected to report (CSV with id,name,…).")
    var agenciesFile: String?

    @Option(name: .long, help: "The report year. Default: collecting_year, else the year whose deadline is nearest.")
    var year: Int?

    /// The configuration with the flags over it, the roster and the view; a clear message and
    /// exit 1 on any error.
    func load(withDetails: Bool) throws -> OfficeView {
        var configuration = loadConfiguration(config)
        if let stateDir { configuration.stateDirectory = stateDir }
        if let drop { configuration.drop = drop }
        if let agenciesFile { configuration.agenciesFile = agenciesFile }
        let roster: Roster?
        do {
            roster = try OfficeSources.roster(configuration)
        } catch {
            fail(error.description)
        }
        do {
            return try OfficeSources.view(configuration: configuration, roster: roster, year: year,
                                          nowMs: OfficeSources.nowMilliseconds(), withDetails: withDetails)
        } catch {
            fail(error.description)
        }
    }

    func validate() throws {
        if let year, !(1990...9999).contains(year) { throw ValidationError("--year must be a year such as 2026, not \(year)") }
    }
}
