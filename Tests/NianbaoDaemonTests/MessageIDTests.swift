import Testing
@testable import NianbaoDaemon

/// The MESSAGE_IDs the tests look for are the ones the daemon sends (they are a documented contract).
@Test("the tests' MESSAGE_IDs are the daemon's")
func messageIDsMatchTheDaemon() {
    #expect(MessageID.judgedAccepted == DaemonMessage.judgedAccepted.messageID)
    #expect(MessageID.judgedWithWarnings == DaemonMessage.judgedWithWarnings.messageID)
    #expect(MessageID.judgedRejected == DaemonMessage.judgedRejected.messageID)
    #expect(MessageID.judgedUnreadable == DaemonMessage.judgedUnreadable.messageID)
    #expect(MessageID.started == DaemonMessage.started.messageID)
    #expect(MessageID.ready == DaemonMessage.ready.messageID)
    #expect(MessageID.stopping == DaemonMessage.stopping.messageID)
    #expect(MessageID.reloaded == DaemonMessage.reloaded.messageID)
    #expect(MessageID.reloadRefused == DaemonMessage.reloadRefused.messageID)
    #expect(MessageID.overflowRescan == DaemonMessage.overflowRescan.messageID)
    #expect(MessageID.safetyRescanFound == DaemonMessage.safetyRescanFound.messageID)
    #expect(MessageID.ledgerError == DaemonMessage.ledgerError.messageID)
    #expect(MessageID.ledgerRecovered == DaemonMessage.ledgerRecovered.messageID)
    #expect(MessageID.ledgerSetAside == DaemonMessage.ledgerSetAside.messageID)
    #expect(MessageID.journalRestored == DaemonMessage.journalRestored.messageID)
    #expect(MessageID.journalUnavailable == DaemonMessage.journalUnavailable.messageID)
    #expect(MessageID.dropFolderGone == DaemonMessage.dropFolderGone.messageID)
    #expect(MessageID.fileVanished == DaemonMessage.fileVanished.messageID)
    #expect(MessageID.verdictChanged == DaemonMessage.verdictChanged.messageID)
    #expect(MessageID.recheckDone == DaemonMessage.recheckDone.messageID)
}
