import Foundation

/// Locations inside an OFD package (GB/T 33190-2016 §7.5 `ST_Loc`): absolute from the package root when they start
/// with `/`, otherwise relative to the folder of the file that names them; `.` and `..` are resolved, and a path
/// that climbs above the root is refused.
public enum OFDPath {
    /// `location` as an absolute path without the leading `/`, or nil when it leaves the package.
    public static func resolve(_ location: String, relativeTo file: String) -> String? {
        let trimmed = location.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\\", with: "/")
        var parts: [Substring] = []
        if !trimmed.hasPrefix("/") {
            parts = file.split(separator: "/").dropLast()
        }
        for part in trimmed.split(separator: "/") {
            switch part {
            case ".", "": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
