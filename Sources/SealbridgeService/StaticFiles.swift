import Foundation
import Hummingbird
import Logging
import NIOCore

/// The web page and the OpenAPI spec, read once from the target's resources and served from memory.
struct StaticFiles: Sendable {
    struct File: Sendable {
        let contentType: String
        let bytes: ByteBuffer
    }

    let files: [String: File]

    /// Reads every file in the bundled `Public` folder.
    static func load() throws -> StaticFiles {
        guard let folder = Bundle.module.url(forResource: "Public", withExtension: nil) else {
            throw ConfigurationError("the web page's files are missing from the installation (Public resources)")
        }
        var files = [String: File]()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                continue
            }
            files["/" + name] = File(contentType: contentType(of: name), bytes: ByteBuffer(bytes: data))
        }
        if let index = files["/index.html"] { files["/"] = index }
        return StaticFiles(files: files)
    }

    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last.map(String.init) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "yaml": "application/yaml"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        default: "application/octet-stream"
        }
    }

    /// The response for `path`, or nil.
    func response(for path: String) -> Response? {
        guard let file = files[path] else { return nil }
        var headers = HTTPFields()
        headers[.contentType] = file.contentType
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: file.bytes))
    }
}
