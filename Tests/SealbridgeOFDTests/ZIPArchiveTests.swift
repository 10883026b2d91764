import Foundation
import Testing

@testable import SealbridgeOFD

/// The package reader against hostile and quirky archives, each made here from a clean one by patching bytes.
@Suite struct ZIPArchiveTests {
    static func archive(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
        var writer = ZIPWriter()
        for (name, bytes) in entries { try writer.add(name, bytes) }
        return writer.finished()
    }

    /// Every occurrence of `old` replaced by `new` (same length).
    static func patch(_ bytes: [UInt8], _ old: [UInt8], _ new: [UInt8]) -> [UInt8] {
        precondition(old.count == new.count)
        var out = bytes
        var index = 0
        while index <= out.count - old.count {
            if Array(out[index..<index + old.count]) == old {
                out.replaceSubrange(index..<index + old.count, with: new)
                index += old.count
            } else {
                index += 1
            }
        }
        return out
    }

    static func refusal(_ bytes: [UInt8], limits: ZIPLimits = .standard) -> ZIPError? {
        do {
            let archive = try ZIPArchive(bytes: bytes, limits: limits)
            for entry in archive.entries { _ = try archive.contents(of: entry) }
            return nil
        } catch { return error }
    }

    @Test func aCleanArchiveRoundTrips() throws {
        let text = Array(String(repeating: "<ofd:Page/>", count: 200).utf8)
        let archive = try ZIPArchive(bytes: try Self.archive([("OFD.xml", text), ("Doc_0/a.bin", [1, 2, 3])]))
        #expect(archive.entries.map(\.name) == ["OFD.xml", "Doc_0/a.bin"])
        #expect(try archive.contents(ofEntryNamed: "/OFD.xml") == text)
        #expect(try archive.contents(of: archive.entries[1]).crcMatches)
    }

    @Test func duplicateNamesAreRefused() throws {
        let bytes = Self.patch(
            try Self.archive([("a.xml", [1]), ("b.xml", [2])]),
            Array("b.xml".utf8),
            Array("a.xml".utf8)
        )
        #expect(Self.refusal(bytes)?.description.contains("two entries are named a.xml") == true)
    }

    /// Names that a viewer would take for the same part: differing only in case, or by "./" and "//".
    @Test(arguments: [("Doc/image.png", "Doc/IMAGE.png"), ("Doc/a.xml", "Doc/./a.xml"), ("Doc/a.xml", "Doc//a.xml")])
    func namesThatCollideAreRefused(_ first: String, _ second: String) throws {
        let refusal = Self.refusal(try Self.archive([(first, [1]), (second, [2])]))
        #expect(refusal != nil, "\(first) and \(second) were both read")
    }

    @Test(arguments: ["../evil.xml", "Doc/../../x", "C:/win.ini", "a/\u{0}b"])
    func namesThatLeaveThePackageAreRefused(_ name: String) throws {
        let refusal = Self.refusal(try Self.archive([(name, [1])]))
        #expect(refusal?.description.contains("zip-slip") == true, "\(name): \(String(describing: refusal))")
    }

    @Test func aCompressionBombIsRefusedBeforeInflating() throws {
        let bomb = try Self.archive([("bomb.xml", [UInt8](repeating: 0, count: 8 << 20))])
        #expect(bomb.count < 100_000)
        #expect(Self.refusal(bomb)?.description.contains("compression bomb") == true)
    }

    @Test func anEntryThatInflatesBeyondItsStatedSizeStops() throws {
        let text = Array(String(repeating: "abcdefgh", count: 100).utf8)  // 800 bytes = 0x0320
        let clean = try Self.archive([("a.xml", text)])
        // Both headers state 0x0320; make them say 0x0120 (288 bytes).
        let lying = Self.patch(clean, [0x20, 0x03, 0x00, 0x00, 0x05, 0x00], [0x20, 0x01, 0x00, 0x00, 0x05, 0x00])
        #expect(lying != clean)
        #expect(Self.refusal(lying)?.description.contains("more than the 288 bytes") == true)
    }

    @Test func entriesThatShareBytesAreRefused() throws {
        let clean = try Self.archive([("a.xml", [1, 2, 3]), ("b.xml", [4, 5, 6])])
        // Point b's central-directory entry at a's local header: "b.xml" then no longer matches the local name,
        // or, once renamed, overlaps.
        let centralB = try #require(clean.lastRange(of: Array("b.xml".utf8))).lowerBound - 46
        var overlapping = clean
        for offset in 42..<46 { overlapping[centralB + offset] = 0 }
        #expect(Self.refusal(overlapping) != nil)
    }

    @Test func bytesBeforeTheArchiveAreTolerated() throws {
        let prefixed = [UInt8](repeating: 0x41, count: 100) + (try Self.archive([("OFD.xml", [1, 2, 3])]))
        let archive = try ZIPArchive(bytes: prefixed)
        #expect(archive.prefixLength == 100)
        #expect(try archive.contents(ofEntryNamed: "OFD.xml") == [1, 2, 3])
    }

    @Test func gb18030NamesWithoutTheUTF8FlagAreDecoded() throws {
        let clean = try Self.archive([("Doc/abcd.png", [1])])
        // "发票" in GBK is B7 A2 C6 B1, four bytes like "abcd"; clear general-purpose bit 11 (0x0800) in both headers.
        var bytes = Self.patch(clean, Array("abcd".utf8), [0xB7, 0xA2, 0xC6, 0xB1])
        bytes = Self.patch(bytes, [0x14, 0x00, 0x00, 0x08], [0x14, 0x00, 0x00, 0x00])
        let archive = try ZIPArchive(bytes: bytes)
        #expect(archive.entries.first?.name == "Doc/发票.png")
        #expect(archive.entries.first?.nameEncoding == .gb18030)
    }

    @Test func aTruncatedArchiveIsRefused() throws {
        let clean = try Self.archive([("OFD.xml", Array(String(repeating: "x", count: 500).utf8))])
        for cut in [1, 10, 30, clean.count / 2] {
            #expect(Self.refusal(Array(clean.dropLast(cut))) != nil, "cut \(cut)")
        }
        #expect(Self.refusal([]) == .notAZIP)
    }

    @Test func tooManyEntriesAreRefused() throws {
        var limits = ZIPLimits.standard
        limits.maximumEntries = 2
        let bytes = try Self.archive([("a", [1]), ("b", [2]), ("c", [3])])
        #expect(Self.refusal(bytes, limits: limits)?.description.contains("3 entries") == true)
    }

    @Test func aWrongCRCIsReportedNotRefused() throws {
        let clean = try Self.archive([("a.xml", [1, 2, 3, 4])])
        let archive = try ZIPArchive(bytes: clean)
        let crc = archive.entries[0].crc32
        let stated = [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)]
        let wrong = Self.patch(clean, stated, stated.map { $0 ^ 0xFF })
        let reread = try ZIPArchive(bytes: wrong)
        #expect(try reread.contents(of: reread.entries[0]).crcMatches == false)
    }

    @Test func pathsResolveInsideThePackageOnly() {
        #expect(OFDPath.resolve("/Doc_0/Signs/Signatures.xml", relativeTo: "OFD.xml") == "Doc_0/Signs/Signatures.xml")
        #expect(
            OFDPath.resolve("Sign_0/Signature.xml", relativeTo: "Doc_0/Signs/Signatures.xml")
                == "Doc_0/Signs/Sign_0/Signature.xml"
        )
        #expect(
            OFDPath.resolve("../Pages/Page_0/Content.xml", relativeTo: "Doc_0/Signs/x.xml")
                == "Doc_0/Pages/Page_0/Content.xml"
        )
        #expect(OFDPath.resolve("../../../etc/passwd", relativeTo: "Doc_0/x.xml") == nil)
    }
}
