import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `nianbao watch` as a swift-service-lifecycle Service: the blocking loop runs on its own
/// thread; SIGTERM/SIGINT become a graceful stop (the current batch is committed first) and
/// SIGHUP a reload.
public struct WatchService: Service {
    let engine: WatchEngine

    public init(engine: WatchEngine) {
        self.engine = engine
    }

    public func run() async throws {
        let engine = self.engine
        // Trap SIGHUP before the engine starts: its default action ends the process, and a reload
        // asked for right after READY must not kill the daemon.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                        let thread = Thread {
                            do {
                                try engine.run()
                                continuation.resume()
                            } catch {
                                continuation.resume(throwing: error)
                            }
                        }
                        thread.name = "nianbao-watch"
                        thread.start()
                    }
                }
                group.addTask {
                    for await _ in hangups {
                        engine.requestReload()
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            engine.requestStop()
        }
    }

    /// Runs the service until SIGTERM or SIGINT.
    public static func runUntilStopped(engine: WatchEngine) async throws {
        var logger = Logger(label: "nianbao")
        logger.logLevel = .warning
        let group = ServiceGroup(configuration: .init(
            services: [WatchService(engine: engine)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}
