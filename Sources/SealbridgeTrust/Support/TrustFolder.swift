import Foundation

/// Loading every item (framework folder, agreement file) of a folder, in name order, with unique ids.
enum TrustFolder {
    static func loadAll<Item>(
        in folder: URL,
        what: String,
        select: (URL) -> Bool,
        load: (URL) throws -> Item,
        file: (URL) -> String,
        id: (Item) -> String
    ) throws -> [Item] {
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        } catch {
            throw TrustError(file: folder.path, reason: "cannot list the \(what) folder: \(error.localizedDescription)")
        }
        var items: [Item] = []
        var seen = Set<String>()
        for entry in entries.sorted(by: { $0.path < $1.path }) where select(entry) {
            let item = try load(entry)
            guard seen.insert(id(item)).inserted else {
                throw TrustError(
                    file: file(entry),
                    field: "id",
                    reason: "id '\(id(item))' is used twice in \(folder.path)"
                )
            }
            items.append(item)
        }
        return items
    }
}
