import ArgumentParser
import NianbaoCore

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rule catalogue.")

    @Option(name: .long, help: "text or json.")
    var format: CheckCommand.OutputFormat = .text

    func run() {
        for rule in RuleCatalogue.all {
            switch format {
            case .text:
                StandardOutput.write("\(rule.code.rawValue)  \(rule.severity.rawValue.padding(7))  \(rule.chinese)\n                \(rule.english)\n")
            case .json:
                let object = JSONValue.object([
                    ("code", .string(rule.code.rawValue)), ("severity", .string(rule.severity.rawValue)),
                    ("message", .string(rule.chinese)), ("message_en", .string(rule.english)),
                ])
                StandardOutput.write(object.serialized() + "\n")
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
