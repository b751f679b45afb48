import Testing
@testable import NianbaoFiles

@Suite struct TemporaryNamesTests {
    @Test(arguments: [
        ".hidden", "._2023.docx", ".DS_Store", ".~lock.2023.docx#", ".2023.txt.AbC123",
        "~$2023.docx", "~WRL0001.tmp", "2023.tmp", "2023.TMP", "2023.docx.Tmp", "2023.temp",
        "2023.part", "2023.PART", "2023.partial", "2023.crdownload", "2023.download", "2023.swp",
        "2023.docx~", "2023.docx.sb-1f2e3d4c-AbCdEf", "Thumbs.db", "thumbs.DB", "desktop.ini",
        "Desktop.INI", "2023.docx.filepart", "2023.crswap",
    ])
    func temporary(_ name: String) {
        #expect(TemporaryNames.isTemporary(name))
    }

    @Test(arguments: [
        "2023.txt", "2023.docx", "年报2023.docx", "tmp", "temp.docx", "partial-report.docx",
        "2023.tmp.docx", "~2023.docx", "2023.part1.docx", "x.sb", "sb-2023.docx", "Thumbs.db.docx",
        "2023.tmpl", "desktop.ini.txt", "download", "a.download.txt",
    ])
    func notTemporary(_ name: String) {
        #expect(!TemporaryNames.isTemporary(name))
    }

    @Test func rawBytes() {
        #expect(TemporaryNames.isTemporary([0xFF, 0x2E, 0x54, 0x4D, 0x50]))  // \xFF.TMP
        #expect(!TemporaryNames.isTemporary([0xFF, 0xFE]))
        #expect(TemporaryNames.isTemporary([UInt8]()))
    }

    @Test func pathsWithAHiddenOrTemporaryFolder() {
        #expect(TemporaryNames.isIgnored(path("agency-a/.upload/2023.docx")))
        #expect(TemporaryNames.isIgnored(path("agency-a/2023.docx.part")))
        #expect(!TemporaryNames.isIgnored(path("agency-a/2023.docx")))
        #expect(!TemporaryNames.isIgnored(.root))
    }
}
