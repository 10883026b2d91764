import Foundation
import SealbridgeCrypto
import SealbridgeOFD
import SealbridgeXML

/// The demonstration world's OFD e-invoice (GB/T 33190-2016): one A5-landscape page of text, made from scratch, and
/// the picture of the demonstration invoice seal. Demonstration data only.
enum DemoOFD {
    /// A red ring with a diamond, 64 × 64 PNG: the demonstration seal's picture.
    static let sealPicture: [UInt8] =
        Base64Text.decode(
            Array(
                "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAABFUlEQVR42u2byw2EQAxDKWLP9F/U9rLbAEJihsR27Eic4zzEkMnnOGKxUvt+zt/OYxm0LIyqwOlBdAVOB6JKsASITmF0EFBi4BBY3gJEB+Nh1KaJ+SRu0cb+Py7Vp5KMlOhUS0lf1auaj7+mW/lmtq19wrV0KwZrAGOKEquxWAOYFPxSTAHQHHy3n1t/3W8f6evSH0NhwwIAopixBABVR+zy3Q4AXemFAmCo+8MAsDQ/IACYOkABkE8gh2B+g0mEkgrnMsQBgPI6bF8QSUksAOZBSF/AuTuU3qBzh7hsPsBqQEIRgvWckPWkGGxO0GZQkhUC1bzw+GFpBgFSOwOjFyaeCBu7MrMjONtj2R/MFunsoGNC9geQR7ledum+zAAAAABJRU5ErkJggg=="
                    .utf8
            ),
            maximumOutput: nil
        ) ?? []

    /// An unsigned OFD package whose only page shows `lines` (each line a text object, 6 mm apart).
    static func invoice(title: String, lines: [String]) throws -> [UInt8] {
        let namespace = "http://www.ofdspec.org/2016"
        let main = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ofd:OFD xmlns:ofd="\(namespace)" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>\
            <ofd:DocID>5eab0e1c5ea1b1d9e0a1b2c3d4e5f601</ofd:DocID><ofd:Title>\(title)</ofd:Title>\
            <ofd:Creator>Sealbridge demonstration</ofd:Creator></ofd:DocInfo>\
            <ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>
            """
        let document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ofd:Document xmlns:ofd="\(namespace)"><ofd:CommonData><ofd:MaxUnitID>\(lines.count + 4)</ofd:MaxUnitID>\
            <ofd:PageArea><ofd:PhysicalBox>0 0 210 148</ofd:PhysicalBox></ofd:PageArea>\
            <ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>\
            <ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>
            """
        let resources = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ofd:Res xmlns:ofd="\(namespace)" BaseLoc="Res"><ofd:Fonts>\
            <ofd:Font ID="2" FontName="SimSun" FamilyName="SimSun"/></ofd:Fonts></ofd:Res>
            """
        var content = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ofd:Page xmlns:ofd="\(namespace)"><ofd:Content><ofd:Layer ID="3">
            """
        for (index, line) in lines.enumerated() {
            content +=
                "<ofd:TextObject ID=\"\(index + 4)\" Boundary=\"15 \(15 + index * 6) 180 6\" Font=\"2\" Size=\"4\">"
            content += "<ofd:TextCode X=\"0\" Y=\"4.5\">\(line.xmlEscaped)</ofd:TextCode></ofd:TextObject>"
        }
        content += "</ofd:Layer></ofd:Content></ofd:Page>"
        var writer = ZIPWriter()
        try writer.add("OFD.xml", Array(main.utf8))
        try writer.add("Doc_0/Document.xml", Array(document.utf8))
        try writer.add("Doc_0/PublicRes.xml", Array(resources.utf8))
        try writer.add("Doc_0/Pages/Page_0/Content.xml", Array(content.utf8))
        return writer.finished()
    }

    /// `package` with `old` replaced by `new` in one part (every other part copied unchanged): the tampered copy.
    static func replacing(_ old: String, with new: String, inPart part: String, of package: [UInt8]) throws -> [UInt8] {
        let archive = try ZIPArchive(bytes: package)
        var writer = ZIPWriter()
        for entry in archive.entries {
            if entry.name == part {
                let text = String(decoding: try archive.contents(of: entry).bytes, as: UTF8.self)
                guard text.contains(old) else { throw DemoError("cannot tamper: '\(old)' not found in \(part)") }
                try writer.add(entry.name, Array(text.replacingOccurrences(of: old, with: new).utf8))
            } else {
                try writer.copy(entry, from: archive)
            }
        }
        return writer.finished()
    }
}
