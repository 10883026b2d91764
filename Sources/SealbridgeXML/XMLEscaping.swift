extension String {
    /// The text escaped for XML (and HTML) content and attribute values; the C0 controls XML 1.0 forbids even
    /// escaped are dropped. One escaper for trusted lists, signatures and reports.
    package var xmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for character in unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if character.value < 0x20, character != "\n", character != "\t", character != "\r" { continue }
                out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
