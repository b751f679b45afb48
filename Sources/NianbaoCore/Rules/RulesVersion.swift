/// The version of the rules' behaviour: which findings and verdicts a given file gets.
///
/// The ledger stores it with every judgement; a daemon whose version is higher judges again,
/// from their bytes, the files judged under an older one (`nianbao recheck`, and at start-up),
/// so last week's verdicts do not silently stay wrong after a rule is corrected.
///
/// Bump it in the same commit as any change to what a rule finds or says (a new rule, a
/// corrected relation, a different severity or message). `RulesVersionTests` pins a digest of
/// the rule catalogue and of the findings on fixed reports and fails until it is bumped.
public enum RulesVersion {
    public static let current = 3

    /// Versions this binary knows (its own and older ones); a ledger with a higher one was
    /// written by a newer nianbao.
    public static func isKnown(_ version: Int) -> Bool { version <= current }
}
