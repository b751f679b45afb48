import ArgumentParser
import NianbaoCore

@main
struct Nianbao: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract: "政府信息公开工作年度报告校验 — validates Government Information Disclosure Annual Reports.",
        version: version,
        subcommands: [CheckCommand.self, WatchCommand.self, StatusCommand.self, RulesCommand.self])
}
