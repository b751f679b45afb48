import Foundation
@testable import NianbaoDaemon

/// A loop clock moved by hand (as swift-nio's EmbeddedEventLoop's `advanceTime`): time stands
/// still until the test moves it, and a pause of the loop moves it on instead of waiting.
final class ManualLoopClock: @unchecked Sendable {
    var monotonicNanoseconds: Int64
    var wallMilliseconds: Int64

    init(wallMilliseconds: Int64, monotonicNanoseconds: Int64 = 5_000_000_000_000) {
        self.wallMilliseconds = wallMilliseconds
        self.monotonicNanoseconds = monotonicNanoseconds
    }

    /// Both clocks on by the same time.
    func advance(milliseconds: Int64) {
        monotonicNanoseconds += milliseconds * 1_000_000
        wallMilliseconds += milliseconds
    }

    var loopClock: LoopClock {
        LoopClock(monotonicNanoseconds: { self.monotonicNanoseconds }, wallMilliseconds: { self.wallMilliseconds },
                  pause: { self.advance(milliseconds: $0 / 1_000_000) })
    }
}
