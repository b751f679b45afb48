import ArgumentParser
import NianbaoCore

@main
// Synchronous on purpose: an async main starts Dispatch worker threads, and libdispatch then
// wakes the process every second, which an idle daemon must not (see WatchEngine).
struct Nianbao: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract: "政府信息公开工作年度报告校验 — validates Government Information Disclosure Annual Reports.",
        version: version,
        subcommands: [CheckCommand.self, WatchCommand.self, StatusCommand.self, RulesCommand.self, AgenciesCommand.self, ExportCommand.self,
                      ReceiptCommand.self, RecheckCommand.self])
}
